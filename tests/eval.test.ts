import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluate, parseQuerySet } from '../search/evaluate';
import { realSignposter } from './support/directory';

interface Floors {
  topic: number;
  place: number;
  /** Non-crisis messages that may raise crisis support: only where the set's label and the safety policy disagree (tests/queries/README.md). */
  falseAlarms: number;
}

/** A query set must keep its topic and place accuracy, catch every crisis and raise no false alarm beyond the recorded policy cases. */
function checkQuerySet(title: string, file: string, size: (n: number) => void, floors: Floors = { topic: 0.95, place: 0.95, falseAlarms: 0 }): void {
  describe(title, () => {
    const rows = parseQuerySet(readFileSync(file, 'utf8'));
    const { summary, results } = evaluate(realSignposter(), rows);
    const misses = results.filter((r) => !r.ok).map((r) => `${r.row.query} -> ${r.answer.topic}/${r.answer.place}/${r.answer.crisis}`).join('; ');

    it('reads every row', () => size(rows.length));
    it(`topic accuracy is at least ${floors.topic * 100}%`, () => assert.ok(summary.topic_accuracy >= floors.topic, misses));
    it(`place accuracy is at least ${floors.place * 100}%`, () => assert.ok(summary.place_accuracy >= floors.place, misses));
    it('crisis recall is 100%', () => assert.equal(summary.crisis_recall, 1, misses));
    it(`raises no more than ${floors.falseAlarms} false crisis alarms`, () => assert.ok(summary.false_crisis_alarms <= floors.falseAlarms, misses));
  });
}

checkQuerySet('the development query set (tests/queries/dev.tsv)', join(__dirname, 'queries', 'dev.tsv'), (n) => assert.ok(n >= 70));
checkQuerySet('a held-out query set written without sight of the data (tests/queries/holdout.tsv)', join(__dirname, 'queries', 'holdout.tsv'), (n) => assert.equal(n, 260));
checkQuerySet('a regression set of other phrasings (tests/queries/regression.tsv)', join(__dirname, 'queries', 'regression.tsv'), (n) => assert.ok(n >= 50));

// Unseen sets, one per round of issue 10: written by helpers who had seen neither the code nor the
// data, measured before any change was made for them (figures in tests/queries/README.md), then
// kept as regression sets at what the bot reached after tuning. The floors only go up.
checkQuerySet('unseen round 1: short messages and quoted words (tests/queries/unseen-round1.tsv)', join(__dirname, 'queries', 'unseen-round1.tsv'), (n) => assert.equal(n, 254), { topic: 0.87, place: 0.98, falseAlarms: 1 });
checkQuerySet('unseen round 2: long notes, typos and text-speak (tests/queries/unseen-round2.tsv)', join(__dirname, 'queries', 'unseen-round2.tsv'), (n) => assert.equal(n, 232), { topic: 0.8, place: 0.98, falseAlarms: 1 });
checkQuerySet('unseen round 3: questions, dialect and look-alike words (tests/queries/unseen-round3.tsv)', join(__dirname, 'queries', 'unseen-round3.tsv'), (n) => assert.equal(n, 251), { topic: 0.85, place: 0.98, falseAlarms: 1 });
checkQuerySet('unseen round 4: ten-second messages from many settings, online slang (tests/queries/unseen-round4.tsv)', join(__dirname, 'queries', 'unseen-round4.tsv'), (n) => assert.equal(n, 256), { topic: 0.83, place: 0.98, falseAlarms: 1 });
checkQuerySet('unseen round 5: voice-to-text, non-native English, handover notes in shorthand (tests/queries/unseen-round5.tsv)', join(__dirname, 'queries', 'unseen-round5.tsv'), (n) => assert.equal(n, 258), { topic: 0.87, place: 0.98, falseAlarms: 0 });
checkQuerySet('unseen round 6: many professions, autocorrect and emoji (tests/queries/unseen-round6.tsv)', join(__dirname, 'queries', 'unseen-round6.tsv'), (n) => assert.equal(n, 258), { topic: 0.84, place: 0.98, falseAlarms: 1 });
checkQuerySet('unseen round 7: two-word messages, thinking aloud, dialect, outreach and prison staff (tests/queries/unseen-round7.tsv)', join(__dirname, 'queries', 'unseen-round7.tsv'), (n) => assert.equal(n, 283), { topic: 0.89, place: 0.98, falseAlarms: 0 });
checkQuerySet('unseen round 8: a day of ordinary traffic from every setting (tests/queries/unseen-round8.tsv)', join(__dirname, 'queries', 'unseen-round8.tsv'), (n) => assert.equal(n, 251), { topic: 0.86, place: 0.98, falseAlarms: 1 });
checkQuerySet('unseen round 9: hedged and apologetic, context first and the cue last (tests/queries/unseen-round9.tsv)', join(__dirname, 'queries', 'unseen-round9.tsv'), (n) => assert.equal(n, 259), { topic: 0.8, place: 0.98, falseAlarms: 1 });
