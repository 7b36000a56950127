import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { crisisBlock, crisisCard, crisisFooter } from '../cards/crisis';
import { cardText } from './support/cards';
import { realDirectory } from './support/directory';

/** The most safety-critical facts in the project, checked as exact values. */
describe('crisis contacts are exact', () => {
  const d = realDirectory();
  const line = (id: string) => {
    const s = d.crisisLines.find((x) => x.id === id);
    assert.ok(s, `crisis line ${id} is listed in crisis.json`);
    return s;
  };

  it('lists the lines in the order staff must use them: 999 first', () => {
    assert.deepEqual(d.crisis.lines, ['emergency-999', 'derbyshire-mh-helpline', 'samaritans', 'shout-85258', 'nhs-111-mental-health']);
  });

  it('999 for life in immediate danger', () => assert.equal(line('emergency-999').contact.phone, '999'));
  it('Samaritans 116 123', () => assert.equal(line('samaritans').contact.phone, '116 123'));
  it('Shout: text SHOUT to 85258', () => {
    assert.equal(line('shout-85258').contact.text, '85258');
    assert.equal(line('shout-85258').contact.textMessage, 'SHOUT');
  });
  it('NHS 111', () => assert.equal(line('nhs-111-mental-health').contact.phone, '111'));

  it('the Derbyshire 24/7 mental health helpline matches the research file (tests/research/crisis-lines.json), with its source', () => {
    const research = JSON.parse(readFileSync(join(__dirname, 'research', 'crisis-lines.json'), 'utf8')) as { records: { id: string; phone: string; sources: { url: string }[] }[] };
    const researched = research.records.find((r) => r.id === 'derbyshire-mh-helpline')!;
    const helpline = line('derbyshire-mh-helpline');
    assert.equal(helpline.contact.phone, '0800 028 0077');
    assert.equal(helpline.contact.phone, researched.phone);
    const phoneSources = helpline.sources.filter((s) => s.supports.includes('phone')).map((s) => s.url);
    assert.ok(phoneSources.some((u) => researched.sources.some((r) => r.url === u)), 'cites a source the research file gives');
    assert.match(helpline.hours ?? '', /24/);
  });

  for (const [name, render] of [['crisis message', () => crisisCard(d).card], ['walkthrough crisis block', () => crisisBlock(d)]] as const) {
    it(`the ${name} shows every number with a tel: link`, () => {
      const text = cardText(render());
    for (const [shown, tel] of [['999', 'tel:999'], ['0800 028 0077', 'tel:+448000280077'], ['116 123', 'tel:116123'], ['111', 'tel:111']]) {
        assert.ok(text.includes(`[${shown}](${tel})`), `${shown} as ${tel}`);
      }
      assert.match(text.replace(/\*\*/g, ''), /SHOUT to \[?85258/);
      assert.match(text, /Are you thinking about suicide/i);
    });
  }

  it('the crisis footer under uncertain replies: 999, the Derbyshire 24/7 helpline and Samaritans, one tap each', () => {
    const text = cardText(crisisFooter(d));
    assert.match(text, /\[999\]\(tel:999\).*\[0800 028 0077\]\(tel:\+448000280077\).*\[116 123\]\(tel:116123\)/s);
  });
});
