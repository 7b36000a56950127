import assert from 'node:assert/strict';
import { unconfirmable } from '../../maintain/crisis-guard';

/** Found by an attack on editing from Teams: a crisis line's number removed, or backed by a source dated in the future. */
describe('a crisis line keeps a number, whoever confirms the change', () => {
  const confirmed = { lines: ['samaritans'], services: { samaritans: { name: 'Samaritans', contact: { phone: '116 123' }, checked: '2026-11-22' } } };
  const backedBy = (checked: string) => ({ sources: [{ url: 'https://www.samaritans.org/', checked, supports: ['phone', 'name', 'text'] }] });

  for (const after of [undefined, '', '\u200b']) {
    it(`refuses the phone removed (${JSON.stringify(after)}) even with a newer source`, () =>
      assert.match(unconfirmable({ id: 'samaritans', field: 'contact.phone', before: '116 123', after }, confirmed, backedBy('2026-11-30')) ?? '', /cannot be removed/));
  }
  it('refuses the name blanked', () => assert.match(unconfirmable({ id: 'samaritans', field: 'name', before: 'Samaritans', after: '\u200b' }, confirmed, backedBy('2026-11-30')) ?? '', /cannot be removed/));
  it('does not count a source checked in the future', () =>
    assert.match(unconfirmable({ id: 'samaritans', field: 'contact.phone', before: '116 123', after: '116 124' }, confirmed, backedBy('2999-01-01')) ?? '', /needs a source/));
  it('accepts a changed number backed by a newer source', () =>
    assert.equal(unconfirmable({ id: 'samaritans', field: 'contact.phone', before: '116 123', after: '116 124' }, confirmed, backedBy('2026-11-30')), undefined));
});
