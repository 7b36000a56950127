import assert from 'node:assert/strict';
import { Shorthand } from '../search/shorthand';
import { DataCopy, realDirectory, realSignposter } from './support/directory';
import { loadDirectory } from '../directory/load';
import { DirectoryError } from '../directory/problems';

describe('staff shorthand', () => {
  const shorthand = new Shorthand(realDirectory().shorthand);

  it('spells out abbreviations, several words long too', () => assert.equal(shorthand.expand('pt c o sob hx t2dm'), 'patient complains of short of breath history type 2 diabetes'));
  it('leaves ambiguous ones as typed: SH is social history as often as self-harm', () => assert.equal(shorthand.expand('sh lives with mum'), 'sh lives with mum'));
  it('leaves words that only contain an abbreviation alone', () => assert.equal(shorthand.expand('potted plants'), 'potted plants'));

  for (const note of ['OD ?paracetamol approx 32 tabs taken 1/24 ago per daughter', 'Hx DSH x3, last episode 2/7 ago, urges getting stronger']) {
    it(`a handover note leads with crisis support: ${note}`, () => assert.equal(realSignposter().ask(note).crisis, true));
  }
  it('a note in shorthand finds its topic', () => assert.equal(realSignposter().ask('pt c/o SOB, hx COPD, inhaler technique poor').topic, 'asthma-copd'));

  it('is validated: an entry listed twice, or not written as the bot reads text, is a problem', () => {
    const data = new DataCopy();
    try {
      data.write('understanding/shorthand.json', { entries: [{ short: 'od', means: 'overdose' }, { short: 'od', means: 'overdose' }, { short: 'C/O', means: 'complains of' }] });
      assert.throws(() => loadDirectory(data.root), (e: unknown) => e instanceof DirectoryError && /listed twice/.test(e.message) && /lower-case/.test(e.message));
    } finally {
      data.remove();
    }
  });
});

describe('shorthand that means something ordinary is left alone (found by an attack on round 5)', () => {
  for (const message of ['amlodipine 5mg OD', 'SI joint pain since the fall', 'he walks 5 kms a day', 'she jumped on the bus to Belper']) {
    it(`no crisis support for "${message}"`, () => assert.equal(realSignposter().ask(message).crisis, false));
  }
  it('"kms" said as text-speak still leads with crisis support', () => assert.equal(realSignposter().ask('lad said kms tbh').crisis, true));
});
