/**
 * `npm run directory -- <command>`: the maintainers' tool for the directory data.
 * See "For directory maintainers" in README.md. Exit codes: 0 done, 1 problems found (nothing written), 64 wrong usage.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { SingleBar } from 'cli-progress';
import { defaultDataDir, type Directory, loadDirectory } from '../directory/load';
import { DirectoryError, formatProblem } from '../directory/problems';
import { decodeCsv, csvColumnFor, parseServicesCsv, servicesToCsv } from '../maintain/csv';
import { isIsoDate, todayIso } from '../maintain/dates';
import { applyImport, type Candidate, describePlan, formatImportProblem, planImport, type Progress } from '../maintain/import';
import { orukFieldFor, orukToCandidates, readOrukServices, writeOruk } from '../maintain/oruk';
import { readRawServices } from '../maintain/raw';
import { buildReport, REPORT_SECTIONS, type ReportSection, renderReportCsv, renderReportJson, renderReportText } from '../maintain/report';
import { validateDirectory } from '../maintain/validate';
import { CONFIRMED_FILE, crisisChanges, currentCrisis, describeChange, readConfirmed, serialiseConfirmed, unconfirmable } from '../maintain/crisis-guard';
import { stripControl, terminalSafe } from '../maintain/terminal';
import { feedbackCommand } from './feedback';
import { historyCommand } from './history';
import { loadConfig } from '../bot/config';
import { chooseStorage } from '../bot/storage/choose';
import { editStorage } from '../bot/storage/edit-storage';
import { EditStore } from '../editing/store';
import { PublishedChanges } from '../editing/published';
import { applyFilesExport, planFilesExport } from '../editing/export';
import { changedFieldNames } from '../editing/merge';

export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Whether stdout is a terminal (progress bars are drawn only then). */
  isTTY: boolean;
}

export const EXIT = { ok: 0, problems: 1, usage: 64 } as const;

/** Files with at least this many services get a progress bar (on a terminal). */
export const PROGRESS_MIN_ROWS = 200;

export const USAGE = `Usage: npm run directory -- <command> [options]

Commands:
  validate                    check every file; list every problem with file, record and field
      [--strict]              also fail on warnings
      [--json]                print the problems as JSON
      [--confirm-crisis-change]  accept an edit to a crisis line that a newer source backs
  report                      stale records, services with no contact route, Place x topic coverage, counts
      [--months N]            review period (default 12 months after 'reviewed')
      [--csv | --json]        for spreadsheets or scripts
      [--only SECTION]        one of ${REPORT_SECTIONS.join(', ')}
  export --csv FILE           the services as a spreadsheet for Excel (FILE - for standard output)
  export --oruk DIR           the directory as Open Referral UK JSON
  export --files              write the changes published from Teams into the data folder's files
      [--dry-run]             show what would be written, write nothing
  import --csv FILE           update services/ from an edited spreadsheet (all or nothing)
  import --oruk FILE|DIR      update services/ from Open Referral UK JSON (all or nothing)
      [--dry-run]             show what would change, write nothing
      [--keep-missing]        keep services the file leaves out (default: they are removed)
      [--confirm-crisis-change]  allow changes to crisis lines (each needs a newer source)
  feedback                    open staff reports of wrong details, oldest first
      [--all] [--json]        include resolved ones; or print JSON
  feedback resolve ID --note "..."
                              close a report, saying what you changed
  history [SERVICE]           changes made from Teams, newest first: who proposed and approved,
                              when, before and after, the source [--json]

Options for every command:
  --data DIR                  the data folder (default ./directory-data)
  --today YYYY-MM-DD          the date to check against (default: today)

Exit codes: 0 done, 1 problems found (nothing written), 64 wrong usage.`;

class UsageError extends Error {}

const common = { data: { type: 'string' }, today: { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const;

function parse<O extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: O, positionals = false) {
  try {
    return parseArgs({ args, options: { ...common, ...options }, allowPositionals: positionals, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

function dataDir(value: string | undefined): string {
  if (value) {
    if (!existsSync(value)) throw new UsageError(`The data folder '${value}' does not exist.`);
    return resolve(value);
  }
  const local = resolve('directory-data');
  return existsSync(local) ? local : defaultDataDir();
}

function today(value: string | undefined): string {
  if (value === undefined) return todayIso();
  if (!isIsoDate(value)) throw new UsageError(`--today must be a date written YYYY-MM-DD, not '${value}'.`);
  return value;
}

/** A progress bar for an import of `rows` services: only on a terminal, and only for large files. */
export function progressFor(io: Io, rows: number, stream: NodeJS.WritableStream = process.stdout): Progress | undefined {
  if (!io.isTTY || rows < PROGRESS_MIN_ROWS) return undefined;
  let bar: SingleBar | undefined;
  return {
    start(total, label) {
      bar = new SingleBar({ format: `${label.padEnd(9)} [{bar}] {value}/{total} services`, stream, clearOnComplete: true, hideCursor: true });
      bar.start(total, 0);
    },
    tick: () => bar?.increment(),
    stop: () => bar?.stop(),
  };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * --confirm-crisis-change after editing a crisis line's file: records the new facts as
 * confirmed, but only if each change is backed by a source newer than the confirmed one.
 */
function confirmCrisisEdits(root: string, io: Io): void {
  const { now, services } = currentCrisis(root);
  const confirmed = readConfirmed(root);
  const changes = confirmed ? crisisChanges(confirmed, now) : [];
  if (confirmed && !changes.length) return;
  if (confirmed && changes.some((c) => unconfirmable(c, confirmed, services.get(c.id)))) {
    io.out('Not confirmed: each change to a crisis line needs a newer source that supports it (see below).\n\n');
    return;
  }
  writeFileSync(resolve(root, CONFIRMED_FILE), serialiseConfirmed(now));
  if (!confirmed) io.out(`Recorded the crisis lines as confirmed in ${CONFIRMED_FILE}.\n\n`);
  else io.out(`Confirmed ${plural(changes.length, 'change')} to crisis lines:\n${changes.map((c) => `  ${stripControl(describeChange(c))}\n`).join('')}\n`);
}

function validate(args: string[], io: Io): number {
  const { values } = parse(args, { strict: { type: 'boolean' }, json: { type: 'boolean' }, 'confirm-crisis-change': { type: 'boolean' } });
  const root = dataDir(values.data);
  if (values['confirm-crisis-change']) confirmCrisisEdits(root, io);
  const v = validateDirectory(root, { today: today(values.today) });
  const failed = v.errors.length > 0 || (values.strict === true && v.warnings.length > 0);
  if (values.json) {
    io.out(`${JSON.stringify({ valid: !failed, errors: v.errors, warnings: v.warnings }, null, 2)}\n`);
    return failed ? EXIT.problems : EXIT.ok;
  }
  for (const p of v.errors) io.out(`${formatProblem(p)}\n`);
  if (v.warnings.length) {
    io.out(`${v.errors.length ? '\n' : ''}Warnings (these do not stop the bot${values.strict ? ', but --strict fails on them' : ''}):\n`);
    for (const p of v.warnings) io.out(`  ${formatProblem(p)}\n`);
  }
  if (v.errors.length) {
    io.out(`\n${plural(v.errors.length, 'problem')}${v.warnings.length ? ` and ${plural(v.warnings.length, 'warning')}` : ''} in ${root}.\n` +
      'Fix them (each line names the file, the record and the field), then run `npm run directory -- validate` again.\n');
  } else {
    const d = v.directory!;
    io.out(`${v.warnings.length ? '\n' : ''}The directory is valid: ${plural(d.services.length, 'service')}, ${plural(d.topics.length, 'topic')}, ${plural(d.places.length, 'Place')}${d.cohorts.length ? `, ${plural(d.cohorts.length, 'cohort')}` : ''}` +
      `${v.warnings.length ? `, with ${plural(v.warnings.length, 'warning')}` : ''} (${root}).\n`);
  }
  return failed ? EXIT.problems : EXIT.ok;
}

/**
 * Loads the directory, or prints loadDirectory's problems and returns undefined. The extra
 * checks are not required here: a report or an export of data with, say, a badly written
 * phone number is still useful (validate and import are where they are enforced).
 */
function loadOrExplain(root: string, io: Io): Directory | undefined {
  try {
    return loadDirectory(root);
  } catch (e) {
    if (!(e instanceof DirectoryError)) throw e;
    io.err(`The directory has ${plural(e.problems.length, 'problem')}; fix ${e.problems.length === 1 ? 'it' : 'them'} first (npm run directory -- validate):\n`);
    for (const p of e.problems) io.err(`  - ${formatProblem(p)}\n`);
    return undefined;
  }
}

function report(args: string[], io: Io): number {
  const { values } = parse(args, { months: { type: 'string' }, csv: { type: 'boolean' }, json: { type: 'boolean' }, only: { type: 'string' } });
  const months = values.months === undefined ? 12 : Number(values.months);
  if (!Number.isInteger(months) || months < 1) throw new UsageError(`--months must be a whole number of months, not '${values.months}'.`);
  if (values.only !== undefined && !(REPORT_SECTIONS as readonly string[]).includes(values.only)) {
    throw new UsageError(`--only must be one of ${REPORT_SECTIONS.join(', ')}.`);
  }
  if (values.csv && values.json) throw new UsageError('Choose one of --csv and --json.');
  const day = today(values.today);
  const directory = loadOrExplain(dataDir(values.data), io);
  if (!directory) return EXIT.problems;
  const r = buildReport(directory, { today: day, months });
  const only = values.only as ReportSection | undefined;
  if (values.csv) io.out(renderReportCsv(r, only));
  else if (values.json) io.out(renderReportJson(r, only));
  else io.out(renderReportText(r));
  return EXIT.ok;
}

function exportCommand(args: string[], io: Io): number | Promise<number> {
  const { values } = parse(args, { csv: { type: 'string' }, oruk: { type: 'string' }, files: { type: 'boolean' }, 'dry-run': { type: 'boolean' } });
  if ([values.csv, values.oruk, values.files].filter(Boolean).length !== 1) throw new UsageError('Give one of --csv FILE, --oruk DIR or --files.');
  const root = dataDir(values.data);
  if (values.files) return exportFiles(root, values['dry-run'] === true, io);
  if (values.csv) {
    const services = readRawServices(root);
    const onDisk = readdirSync(resolve(root, 'services')).filter((f) => f.endsWith('.json'));
    const csv = servicesToCsv(services.map((f) => f.value));
    if (values.csv === '-') io.out(csv);
    else writeFileSync(values.csv, csv);
    const log = values.csv === '-' ? io.err : io.out;
    if (services.length < onDisk.length) log(`Left out ${plural(onDisk.length - services.length, 'file')} that ${onDisk.length - services.length === 1 ? 'is' : 'are'} not valid JSON: run validate.\n`);
    if (values.csv !== '-') {
      log(`Wrote ${plural(services.length, 'service')} to ${values.csv}.\n` +
        'Edit it in Excel, save it as "CSV UTF-8 (Comma delimited)", then run: ' +
        `npm run directory -- import --csv ${values.csv}\n`);
    }
    return EXIT.ok;
  }
  const directory = loadOrExplain(root, io);
  if (!directory) return EXIT.problems;
  const data = writeOruk(values.oruk!, directory);
  io.out(`Wrote Open Referral UK JSON to ${values.oruk}: ${plural(data.services.length, 'service')}, ${plural(data.organizations.length, 'organization')}, ` +
    `${plural(data.taxonomyTerms.length, 'taxonomy term')} (taxonomy 'mecc-topics'). The field mapping is in FIELD-MAPPING.md there.\n`);
  return EXIT.ok;
}

/**
 * `export --files`: the changes published from Teams (in the bot's store, as in .env) written
 * into the data folder, so they can be committed. If a newer release of the files disagrees
 * with a published change in a field, nothing is written and each conflict is listed.
 */
async function exportFiles(root: string, dryRun: boolean, io: Io): Promise<number> {
  const stores = chooseStorage(loadConfig());
  try {
    const published = new PublishedChanges(new EditStore(editStorage(stores.edits)));
    await published.refresh();
    let plan;
    try {
      plan = planFilesExport(root, published);
    } catch (e) {
      if (!(e instanceof DirectoryError)) throw e;
      io.err(`The directory has ${plural(e.problems.length, 'problem')}; fix ${e.problems.length === 1 ? 'it' : 'them'} first (npm run directory -- validate):\n`);
      for (const p of e.problems) io.err(`  - ${formatProblem(p)}\n`);
      return EXIT.problems;
    }
    if (plan.conflicts.length || plan.unserved.length) {
      io.out(`The published changes and the files disagree; nothing was written:\n`);
      for (const c of plan.conflicts) {
        const latest = published.latest(c.record);
        const file = c.record.replace(/^service:/, 'services/').replace(/^topic:/, 'topics/');
        if (c.removed) io.out(`  - ${file}.json: the files no longer have this record, but change #${latest?.seq} from Teams (${latest?.decidedAt?.slice(0, 10)}) changed it\n`);
        for (const f of c.fields) {
          io.out(`  - ${file}.json: field '${f.field}': the files now say ${JSON.stringify(f.theirs ?? null)}, change #${latest?.seq} from Teams (${latest?.decidedAt?.slice(0, 10)}, approved by ${stripControl(latest?.decidedBy?.name ?? '?')}) says ${JSON.stringify(f.ours ?? null)} (both changed it from ${JSON.stringify(f.base ?? null)})\n`);
        }
      }
      for (const u of plan.unserved) io.out(`  - ${u.record}: change ${u.proposal} does not pass the checks with these files: ${u.problems.join('; ')}\n`);
      io.out('The bot serves the published value meanwhile. Settle each one: make the change again in Teams ("edit <service>" shows the value served), or edit the file to agree; then export again.\n');
      return EXIT.problems;
    }
    // What each file gains, read before anything is written.
    const described = plan.writes.map((w) => {
      let before: Record<string, unknown> | undefined;
      try {
        before = JSON.parse(readFileSync(resolve(root, w.file), 'utf8'));
      } catch {
        before = undefined;
      }
      const fields = w.file.endsWith('.confirmed') ? ['the crisis lines as confirmed'] : changedFieldNames(before, JSON.parse(w.text));
      return `  ${w.file}${fields.length ? ` (${fields.join(', ')})` : ''}\n`;
    });
    if (!dryRun) applyFilesExport(root, plan);
    if (!plan.writes.length) io.out(`Nothing to write: the files already hold every published change (${plural(plan.unchanged, 'record')}).\n`);
    else {
      io.out(`${dryRun ? 'Would write' : 'Wrote'} ${plural(plan.writes.length, 'file')} with the changes published from Teams (${plan.unchanged} already up to date):\n${described.join('')}`);
      if (!dryRun) io.out('Commit them, so the next release carries these changes.\n');
    }
    return EXIT.ok;
  } finally {
    await stores.close();
  }
}

function placeNameIndex(root: string): Map<string, string> {
  const index = new Map<string, string>();
  try {
    const { places } = JSON.parse(readFileSync(resolve(root, 'places', 'places.json'), 'utf8')) as { places: { id: string; name: string; aliases?: string[] }[] };
    for (const p of places) for (const n of [p.name, ...(p.aliases ?? [])]) index.set(n.toLowerCase(), p.id);
  } catch {
    /* validation will say what is wrong with places.json */
  }
  return index;
}

function importCommand(args: string[], io: Io): number {
  const { values } = parse(args, { csv: { type: 'string' }, oruk: { type: 'string' }, 'dry-run': { type: 'boolean' }, 'keep-missing': { type: 'boolean' }, 'confirm-crisis-change': { type: 'boolean' } });
  if (!values.csv === !values.oruk) throw new UsageError('Give one of --csv FILE or --oruk FILE|DIR.');
  const root = dataDir(values.data);
  const source = (values.csv ?? values.oruk)!;
  if (!existsSync(source)) throw new UsageError(`'${source}' does not exist.`);
  let candidates: Candidate[];
  const fileProblems: string[] = [];
  if (values.csv) {
    const { text, encoding } = decodeCsv(readFileSync(values.csv));
    if (encoding !== 'utf-8') io.out(`Note: ${values.csv} is not UTF-8; read it as Windows-1252. Save as "CSV UTF-8" in Excel to keep every character.\n`);
    const parsed = parseServicesCsv(text);
    candidates = parsed.candidates;
    fileProblems.push(...parsed.fileProblems);
  } else {
    let items: unknown[] = [];
    try {
      items = readOrukServices(values.oruk!);
    } catch (e) {
      fileProblems.push(`cannot read ORUK services from '${values.oruk}': ${(e as Error).message}`);
    }
    candidates = orukToCandidates(items, placeNameIndex(root));
  }
  const progress = progressFor(io, candidates.length);
  const plan = planImport(root, candidates, {
    today: today(values.today), columnFor: values.csv ? csvColumnFor : orukFieldFor, fileProblems, keepMissing: values['keep-missing'], progress, confirmCrisisChange: values['confirm-crisis-change'],
  });
  if (plan.problems.length) {
    io.out(`${source} has ${plural(plan.problems.length, 'problem')}; nothing was changed:\n`);
    for (const p of plan.problems) io.out(`  - ${formatImportProblem(p)}\n`);
    io.out(`Fix ${plan.problems.length === 1 ? 'it' : 'them'} in ${source} and import again.\n`);
    return EXIT.problems;
  }
  if (!values['dry-run']) applyImport(root, plan, progress);
  io.out(describePlan(plan, values['dry-run'] === true));
  return EXIT.ok;
}

function history(args: string[], io: Io): Promise<number> {
  let directory: Directory | undefined;
  try {
    const i = args.indexOf('--data');
    directory = loadDirectory(dataDir(i >= 0 ? args[i + 1] : undefined));
  } catch {
    directory = undefined; // names are a nicety: changes still list by id
  }
  return historyCommand(args, io, { directory });
}

function feedback(args: string[], io: Io): Promise<number> {
  let directory: Directory | undefined;
  try {
    const i = args.indexOf('--data');
    directory = loadDirectory(dataDir(i >= 0 ? args[i + 1] : undefined));
  } catch {
    directory = undefined; // names are a nicety: reports still list by service id
  }
  return feedbackCommand(args, io, { directory });
}

/** The subcommands, by name (exported so that new ones, like `feedback`, can be wired in). */
export const commands: Record<string, (args: string[], io: Io) => number | Promise<number>> = {
  validate,
  report,
  export: exportCommand,
  import: importCommand,
  feedback,
  history,
};

export function main(argv: string[], io: Io): number | Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    (command ? io.out : io.err)(`${USAGE}\n`);
    return command ? EXIT.ok : EXIT.usage;
  }
  const run = commands[command];
  if (!run) {
    io.err(`Unknown command '${command}'.\n\n${USAGE}\n`);
    return EXIT.usage;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(`${USAGE}\n`);
    return EXIT.ok;
  }
  try {
    return run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`${e.message}\n\n${USAGE}\n`);
      return EXIT.usage;
    }
    throw e;
  }
}

if (require.main === module) {
  void Promise.resolve(
    main(process.argv.slice(2), {
      // Whatever a data file or a stored report holds, it reaches a terminal without control codes.
      out: (t) => process.stdout.write(process.stdout.isTTY ? terminalSafe(t) : t),
      err: (t) => process.stderr.write(process.stderr.isTTY ? terminalSafe(t) : t),
      isTTY: process.stdout.isTTY === true,
    }),
  ).then((code) => {
    process.exitCode = code;
  });
}
