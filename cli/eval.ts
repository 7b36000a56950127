import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Signposter } from '../search/answer';
import { toAskResult } from './contract';
import { loadDirectoryOrExit } from './load-or-exit';
import { evaluate, parseQuerySet } from '../search/evaluate';

function main(): void {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { json: { type: 'boolean' }, data: { type: 'string' } } });
  if (positionals.length !== 1) {
    process.stderr.write('Usage: npm run --silent eval -- <file.tsv> [--json]\n');
    process.exit(64);
  }
  let rows;
  try {
    rows = parseQuerySet(readFileSync(positionals[0], 'utf8'));
  } catch (e) {
    process.stderr.write(`Cannot read the query set ${positionals[0]}: ${(e as Error).message}\n`);
    process.exit(66);
  }
  const signposter = new Signposter(loadDirectoryOrExit(values.data));
  const report = evaluate(signposter, rows);
  if (values.json) {
    for (const r of report.results) {
      process.stdout.write(`${JSON.stringify({ ...toAskResult(r.row.query, r.answer), expected_topic: r.row.topics.join('|') || 'none', expected_place: r.row.place, expected_crisis: r.row.crisis })}\n`);
    }
    process.stdout.write(`${JSON.stringify({ summary: report.summary })}\n`);
    return;
  }
  for (const r of report.results.filter((x) => !x.ok)) {
    const got = `${r.answer.topic ?? 'none'} / ${r.answer.place ?? '-'} / ${r.answer.crisis ? 'crisis' : '-'}`;
    const want = `${r.row.topics.join('|') || 'none'} / ${r.row.place ?? '-'} / ${r.row.crisis ? 'crisis' : '-'}`;
    process.stdout.write(`MISS  ${JSON.stringify(r.row.query)}: got ${got}, expected ${want}\n`);
  }
  const s = report.summary;
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  process.stdout.write(
    `\n${s.queries} queries: topic accuracy ${pct(s.topic_accuracy)}, place accuracy ${pct(s.place_accuracy)}, ` +
      `crisis recall ${pct(s.crisis_recall)} (${s.crisis_expected} expected), false crisis alarms ${s.false_crisis_alarms}\n`,
  );
}

main();
