import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluate, parseQuerySet } from '../search/evaluate';
import { realSignposter } from './support/directory';

/** A query set must keep topic and place accuracy at 95% or more, catch every crisis and raise no false alarm. */
function checkQuerySet(title: string, file: string, size: (n: number) => void): void {
  describe(title, () => {
    const rows = parseQuerySet(readFileSync(file, 'utf8'));
    const { summary, results } = evaluate(realSignposter(), rows);
    const misses = results.filter((r) => !r.ok).map((r) => `${r.row.query} -> ${r.answer.topic}/${r.answer.place}/${r.answer.crisis}`).join('; ');

    it('reads every row', () => size(rows.length));
    it('topic accuracy is at least 95%', () => assert.ok(summary.topic_accuracy >= 0.95, misses));
    it('place accuracy is at least 95%', () => assert.ok(summary.place_accuracy >= 0.95, misses));
    it('crisis recall is 100%', () => assert.equal(summary.crisis_recall, 1, misses));
    it('raises no false crisis alarms', () => assert.equal(summary.false_crisis_alarms, 0, misses));
  });
}

checkQuerySet('the development query set (tests/queries/dev.tsv)', join(__dirname, 'queries', 'dev.tsv'), (n) => assert.ok(n >= 70));
checkQuerySet('a held-out query set written without sight of the data (tests/queries/holdout.tsv)', join(__dirname, 'queries', 'holdout.tsv'), (n) => assert.equal(n, 260));
checkQuerySet('a regression set of other phrasings (tests/queries/regression.tsv)', join(__dirname, 'queries', 'regression.tsv'), (n) => assert.ok(n >= 50));
