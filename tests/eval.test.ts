import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluate, parseQuerySet } from '../search/evaluate';
import { realSignposter } from './support/directory';

describe('the development query set (shared/queries/dev.tsv)', () => {
  const rows = parseQuerySet(readFileSync(join(__dirname, '..', '..', 'shared', 'queries', 'dev.tsv'), 'utf8'));
  const { summary, results } = evaluate(realSignposter(), rows);
  const misses = results.filter((r) => !r.ok).map((r) => `${r.row.query} -> ${r.answer.topic}/${r.answer.place}`);

  it('reads every row', () => assert.ok(rows.length >= 70));
  it('topic accuracy is at least 95%', () => assert.ok(summary.topic_accuracy >= 0.95, misses.join('; ')));
  it('place accuracy is at least 95%', () => assert.ok(summary.place_accuracy >= 0.95, misses.join('; ')));
  it('crisis recall is 100%', () => assert.equal(summary.crisis_recall, 1));
  it('raises no false crisis alarms', () => assert.equal(summary.false_crisis_alarms, 0));
});

describe('a regression set of other phrasings (tests/queries/regression.tsv)', () => {
  const rows = parseQuerySet(readFileSync(join(__dirname, 'queries', 'regression.tsv'), 'utf8'));
  const { summary, results } = evaluate(realSignposter(), rows);
  const misses = results.filter((r) => !r.ok).map((r) => `${r.row.query} -> ${r.answer.topic}/${r.answer.place}/${r.answer.crisis}`);

  it('topic and place accuracy stay at 95% or more', () => {
    assert.ok(summary.topic_accuracy >= 0.95, misses.join('; '));
    assert.ok(summary.place_accuracy >= 0.95, misses.join('; '));
  });
  it('every crisis phrasing is caught, and nothing else raises it', () => {
    assert.equal(summary.crisis_recall, 1, misses.join('; '));
    assert.equal(summary.false_crisis_alarms, 0, misses.join('; '));
  });
});

describe('a held-out query set written without sight of the data (tests/queries/holdout.tsv)', () => {
  const rows = parseQuerySet(readFileSync(join(__dirname, 'queries', 'holdout.tsv'), 'utf8'));
  const { summary, results } = evaluate(realSignposter(), rows);
  const misses = results.filter((r) => !r.ok).map((r) => `${r.row.query} -> ${r.answer.topic}/${r.answer.place}/${r.answer.crisis}`);

  it('has 260 queries across every topic and Place', () => assert.equal(rows.length, 260));
  it('topic and place accuracy are at least 95%', () => {
    assert.ok(summary.topic_accuracy >= 0.95, misses.join('; '));
    assert.ok(summary.place_accuracy >= 0.95, misses.join('; '));
  });
  it('catches every crisis phrasing and raises no false alarm', () => {
    assert.equal(summary.crisis_recall, 1, misses.join('; '));
    assert.equal(summary.false_crisis_alarms, 0, misses.join('; '));
  });
});
