import assert from 'node:assert/strict';
import { hasForbiddenKeys, editActionSchema } from '../editing/actions';
import { editIntentOf } from '../editing/intents';
import { changedFieldNames, mergeRecords } from '../editing/merge';
import { parseRecordKey, recordVersion } from '../editing/records';
import { approvalVerdict } from '../editing/rules';
import type { Proposal } from '../editing/proposal';

const base = { id: 'x', name: 'Old name', contact: { phone: '01629 000001', website: 'https://a.example.org' }, hours: '9 to 5', sources: [{ url: 'https://a.example.org', checked: '2026-01-01', supports: ['phone'] }], reviewed: '2026-01-01' };

describe('the change model for edits from Teams', () => {
  describe('merging two changes to one record, field by field', () => {
    it('keeps both when they changed different fields (a contact detail is a field of its own)', () => {
      const ours = { ...base, contact: { ...base.contact, phone: '01629 000002' } };
      const theirs = { ...base, contact: { ...base.contact, website: 'https://b.example.org' }, hours: '10 to 4' };
      const { merged, conflicts } = mergeRecords(base, ours, theirs);
      assert.deepEqual(conflicts, []);
      assert.deepEqual(merged.contact, { phone: '01629 000002', website: 'https://b.example.org' });
      assert.equal(merged.hours, '10 to 4');
    });
    it('reports the same field changed differently, keeping ours', () => {
      const { merged, conflicts } = mergeRecords(base, { ...base, hours: 'ours' }, { ...base, hours: 'theirs' });
      assert.deepEqual(conflicts, [{ field: 'hours', base: '9 to 5', ours: 'ours', theirs: 'theirs' }]);
      assert.equal(merged.hours, 'ours');
    });
    it('the same change on both sides is no conflict; a field removed on one side is removed', () => {
      assert.deepEqual(mergeRecords(base, { ...base, hours: 'same' }, { ...base, hours: 'same' }).conflicts, []);
      const { hours: _, ...withoutHours } = base;
      assert.equal(mergeRecords(base, withoutHours, base).merged.hours, undefined);
    });
    it('sources from both sides are kept (the later check of one address wins); the later reviewed date wins', () => {
      const ours = { ...base, sources: [...base.sources, { url: 'https://c.example.org', checked: '2026-02-01', supports: ['phone'] }], reviewed: '2026-02-01' };
      const theirs = { ...base, sources: [{ ...base.sources[0], checked: '2026-03-01' }], reviewed: '2026-03-01' };
      const { merged, conflicts } = mergeRecords(base, ours, theirs);
      assert.deepEqual(conflicts, []);
      assert.deepEqual((merged.sources as { url: string; checked: string }[]).map((s) => `${s.url} ${s.checked}`), ['https://a.example.org 2026-03-01', 'https://c.example.org 2026-02-01']);
      assert.equal(merged.reviewed, '2026-03-01');
    });
    it('names what changed in the terms maintainers read', () => {
      assert.deepEqual(changedFieldNames(base, { ...base, contact: { ...base.contact, phone: '2' }, name: 'New' }), ['name', 'contact.phone']);
      assert.deepEqual(changedFieldNames({ prompt: { ask: 'a', act: 'b' } }, { prompt: { ask: 'a2', act: 'b' } }), ['prompt.ask']);
    });
  });

  it('a record\'s version does not depend on the order of its keys', () => {
    assert.equal(recordVersion({ a: 1, b: { c: 2, d: 3 } }), recordVersion({ b: { d: 3, c: 2 }, a: 1 }));
    assert.notEqual(recordVersion({ a: 1 }), recordVersion({ a: 2 }));
    assert.equal(recordVersion(null), 'none');
  });

  it('record keys are ids only: a path, an unknown topic or a long key is none', () => {
    assert.deepEqual(parseRecordKey('service:llbd'), { kind: 'service', id: 'llbd' });
    assert.deepEqual(parseRecordKey('topic:smoking'), { kind: 'topic', id: 'smoking' });
    for (const bad of ['service:../x', 'service:LLBD', 'topic:nope', 'crisis', `service:${'a'.repeat(120)}`, 42, undefined]) assert.equal(parseRecordKey(bad), undefined, String(bad));
  });

  it('card data with keys no card sends is refused before anything reads it', () => {
    assert.equal(hasForbiddenKeys(JSON.parse('{"action":"editApprove","__proto__":{"x":1}}')), true);
    assert.equal(hasForbiddenKeys({ action: 'editApprove', nested: { constructor: 1 } }), true);
    assert.equal(hasForbiddenKeys({ action: 'editApprove', record: 'service:llbd' }), false);
    assert.equal(editActionSchema.safeParse({ action: 'editApprove', record: 'service:llbd', proposal: '0mx5sjj0s91772', extra: 1 }).success, false);
    assert.equal(editActionSchema.safeParse({ action: 'editSubmit', record: 'service:llbd', mode: 'edit', version: 'abcdefabcdef', phone: ['x'] }).success, false);
  });

  it('who may approve: another maintainer always; the proposer only by configuration, never for a crisis line or a topic prompt', () => {
    const p = { proposedBy: { name: 'A', ref: 'a' }, needsSecond: null } as unknown as Proposal;
    assert.deepEqual(approvalVerdict(p, { name: 'B', ref: 'b' }, false), { ok: true, selfApproved: false });
    assert.equal(approvalVerdict(p, { name: 'A', ref: 'a' }, false).ok, false);
    assert.deepEqual(approvalVerdict(p, { name: 'A', ref: 'a' }, true), { ok: true, selfApproved: true });
    for (const rule of ['crisis-line', 'topic-prompt'] as const) assert.equal(approvalVerdict({ ...p, needsSecond: rule }, { name: 'A', ref: 'a' }, true).ok, false, rule);
  });

  it('reads the maintainers\' phrases, and leaves a member of staff\'s cue to the chat', () => {
    assert.deepEqual(editIntentOf('edit llbd'), { intent: 'edit', query: 'llbd', topicsOnly: false });
    assert.deepEqual(editIntentOf('Edit topic smoking.'), { intent: 'edit', query: 'smoking', topicsOnly: true });
    assert.deepEqual(editIntentOf('add a service'), { intent: 'add' });
    assert.deepEqual(editIntentOf('retire the silver line'), { intent: 'retire', query: 'silver line' });
    assert.deepEqual(editIntentOf('mark llbd reviewed'), { intent: 'review', query: 'llbd' });
    assert.deepEqual(editIntentOf('history llbd'), { intent: 'history', query: 'llbd' });
    assert.deepEqual(editIntentOf('directory digest'), { intent: 'digest' });
    for (const cue of ['history of falls', 'smoking', 'retired man lonely', 'edited out', 'family history of cancer']) assert.equal(editIntentOf(cue), undefined, cue);
  });
});
