import 'dotenv/config';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { type Config, ConfigError, loadConfig } from '../bot/config';
import { chooseStorage } from '../bot/storage/choose';
import { listable } from '../bot/storage/listable';
import { defaultDataDir, type Directory, loadDirectory } from '../directory/load';
import { isIsoDate } from '../maintain/dates';
import { chartSpec, renderChartSvg, svgToPng } from '../activity/chart';
import { reportCsv, reportJson, reportText } from '../activity/export';
import { activityReport, conversationsFrom, DIMENSIONS, type Dimension, type Names } from '../activity/report';
import { ActivityLog, type ActivityStorage } from '../activity/store';

export interface ActivityIo {
  out(text: string): void;
  err(text: string): void;
}

const USAGE = `Usage:
  npm run activity -- report [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--by topic,month,...] [--csv | --json]
  npm run activity -- chart  [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--out chart.svg | chart.png]
  --by: any of ${DIMENSIONS.join(', ')}
`;

/**
 * `npm run activity`: reports and the chart for MECC leads, from the store the bot records
 * to (STORAGE and STATE_DIR as in .env). Retention is enforced before anything is read.
 */
export async function activityCommand(args: string[], io: ActivityIo, deps: { config?: Config; storage?: ActivityStorage; directory?: Directory; now?: () => Date } = {}): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { from: { type: 'string' }, to: { type: 'string' }, by: { type: 'string' }, csv: { type: 'boolean' }, json: { type: 'boolean' }, out: { type: 'string' } } });
  } catch (error) {
    io.err(`${(error as Error).message}\n${USAGE}`);
    return 64;
  }
  const { values, positionals } = parsed;
  const command = positionals[0];
  if (command !== 'report' && command !== 'chart') {
    io.err(command ? `Unknown command '${command}'.\n${USAGE}` : USAGE);
    return 64;
  }
  for (const [name, value] of [['--from', values.from], ['--to', values.to]] as const) {
    if (value !== undefined && !isIsoDate(value)) {
      io.err(`${name} must be a date like 2026-11-01, not '${value}'.\n`);
      return 64;
    }
  }
  if (values.from && values.to && values.from > values.to) {
    io.err('--from is after --to: nothing could be counted.\n');
    return 64;
  }
  const by = (values.by ?? '').split(',').map((d) => d.trim().replace(/^age ?band$/i, 'age-band')).filter(Boolean);
  const unknown = by.filter((d) => !(DIMENSIONS as readonly string[]).includes(d));
  if (unknown.length) {
    io.err(`Cannot report by ${unknown.map((u) => `'${u}'`).join(', ')}: choose from ${DIMENSIONS.join(', ')}.\n`);
    return 64;
  }
  if (values.csv && values.json) {
    io.err('Choose one of --csv and --json.\n');
    return 64;
  }
  const config = deps.config ?? loadConfig();
  const stores = deps.storage ? undefined : chooseStorage(config);
  const log = new ActivityLog(deps.storage ?? (listable(stores!.activity) as ReturnType<typeof listable> & ActivityStorage), deps.now);
  try {
    const directory = deps.directory ?? loadDirectory(config.DIRECTORY_DATA ?? defaultDataDir());
    const names: Names = { topic: (id) => directory.topic(id)?.title ?? id, place: (id) => directory.place(id)?.name ?? id };
    await log.purge(config.ACTIVITY_RETENTION_MONTHS);
    const conversations = conversationsFrom(await log.taps());
    if (command === 'report') {
      const report = activityReport(conversations, { from: values.from, to: values.to, by: [...new Set(by)] as Dimension[] });
      io.out(values.csv ? reportCsv(report, names) : values.json ? reportJson(report, names) : reportText(report, names));
      return 0;
    }
    const out = values.out ?? 'mecc-activity.svg';
    if (!/\.(svg|png)$/i.test(out)) {
      io.err('--out must end in .svg or .png.\n');
      return 64;
    }
    const svg = await renderChartSvg(chartSpec({ conversations, from: values.from, to: values.to, topicTitle: names.topic }));
    writeFileSync(out, /\.png$/i.test(out) ? await svgToPng(svg) : svg);
    io.out(`Chart written to ${out}\n`);
    return 0;
  } finally {
    await stores?.close();
  }
}

if (require.main === module) {
  activityCommand(process.argv.slice(2), { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) })
    .then((code) => process.exit(code))
    .catch((error) => {
      process.stderr.write(error instanceof ConfigError ? `${error.message}\n` : `The activity report failed: ${(error as Error).message}\n`);
      process.exit(1);
    });
}
