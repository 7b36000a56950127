/**
 * `npm run --silent cohort-eval -- FILE [--json]`: how well the person in each message is read
 * (age band, sex, life stage: all three right is the cohort right), and the topic and crisis
 * the reply leads with. Columns: query, age_band, sex, life_stage, topic, crisis (see
 * tests/queries/README.md).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { evaluateCohorts, parseCohortSet, replyTopicAccuracy } from '../cohorts/evaluate';
import { parseQuerySet } from '../search/evaluate';
import { Signposter } from '../search/answer';
import { loadDirectoryOrExit } from './load-or-exit';

function main(): void {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { json: { type: 'boolean' }, data: { type: 'string' }, topics: { type: 'boolean' }, today: { type: 'string' } } });
  if (positionals.length !== 1) {
    process.stderr.write('Usage: npm run --silent cohort-eval -- <file.tsv> [--json] [--today YYYY-MM-DD]   (--today: the date ages from dates of birth are counted on)\n       npm run --silent cohort-eval -- --topics <topic set.tsv>   (the replies\' topic accuracy, with and without the person decision)\n');
    process.exit(64);
  }
  if (values.topics) {
    let topicRows;
    try {
      topicRows = parseQuerySet(readFileSync(positionals[0], 'utf8'));
    } catch (e) {
      process.stderr.write(`Cannot read the query set ${positionals[0]}: ${(e as Error).message}\n`);
      process.exit(66);
    }
    const r = replyTopicAccuracy(new Signposter(loadDirectoryOrExit(values.data)), topicRows);
    for (const c of r.changed) process.stdout.write(`CHANGED  ${JSON.stringify(c.query)}: search ${c.search ?? 'none'}, reply ${c.reply ?? 'none (cohort card)'}\n`);
    process.stdout.write(`\n${topicRows.length} queries: topic accuracy of search ${(r.search * 100).toFixed(1)}%, of the replies ${(r.reply * 100).toFixed(1)}%\n`);
    return;
  }
  let rows;
  try {
    rows = parseCohortSet(readFileSync(positionals[0], 'utf8'));
  } catch (e) {
    process.stderr.write(`Cannot read the cohort set ${positionals[0]}: ${(e as Error).message}\n`);
    process.exit(66);
  }
  let today: Date | undefined;
  if (values.today !== undefined) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(values.today);
    today = m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : undefined;
    if (!today || today.getMonth() !== Number(m![2]) - 1) {
      process.stderr.write(`--today must be a date written YYYY-MM-DD, for example 2026-12-02 (got ${JSON.stringify(values.today)})\n`);
      process.exit(64);
    }
  }
  const { results, summary } = evaluateCohorts(new Signposter(loadDirectoryOrExit(values.data)), rows, { today });
  if (values.json) {
    for (const r of results) process.stdout.write(`${JSON.stringify({ query: r.row.query, person: r.person, topic: r.topic, crisis: r.crisis, cohort_ok: r.cohortOk, topic_ok: r.topicOk })}\n`);
    process.stdout.write(`${JSON.stringify({ summary })}\n`);
    return;
  }
  const show = (xs: string[]) => xs.join('|') || '-';
  for (const r of results.filter((x) => !x.cohortOk || !x.topicOk || !x.crisisOk)) {
    const p = r.person;
    const got = `${show(p?.ageBands ?? [])} / ${p?.sex ?? '-'} / ${show(p?.lifeStages ?? [])} / ${r.topic ?? 'none'}${r.crisis ? ' / crisis' : ''}`;
    const want = `${show(r.row.ageBands)} / ${show(r.row.sex)} / ${show(r.row.lifeStages)} / ${show(r.row.topics) === '-' ? 'none' : show(r.row.topics)}${r.row.crisis ? ' / crisis' : ''}`;
    const what = [!r.ageOk && 'age', !r.sexOk && 'sex', !r.stageOk && 'stage', !r.topicOk && 'topic', !r.crisisOk && 'crisis'].filter(Boolean).join(',');
    process.stdout.write(`MISS(${what})  ${JSON.stringify(r.row.query)}: got ${got}, expected ${want}\n`);
  }
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  process.stdout.write(
    `\n${summary.queries} queries: cohort ${pct(summary.cohort_accuracy)} (age band ${pct(summary.age_band_accuracy)}, sex ${pct(summary.sex_accuracy)}, ` +
      `life stage ${pct(summary.life_stage_accuracy)}); reply topic ${pct(summary.topic_accuracy)}, crisis recall ${pct(summary.crisis_recall)} ` +
      `(${summary.crisis_expected} expected), false crisis alarms ${summary.false_crisis_alarms}\n`,
  );
}

main();
