import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { formatProblem } from '../directory/problems';
import { changedFields, serialiseService } from './format';
import { readRawServices } from './raw';
import { validateDirectory, type ValidationProblem } from './validate';
import { CONFIRMED_FILE, crisisChanges, currentCrisis, readConfirmed, serialiseConfirmed, unconfirmable } from './crisis-guard';
import { stripControl } from './terminal';
import { replaceServices } from './swap';

/** Something wrong with one incoming service, in the terms of the file it came from. */
export interface ItemProblem {
  column?: string;
  message: string;
}

/** One service read from a spreadsheet row or an ORUK record, before it is checked. */
export interface Candidate {
  /** How a maintainer finds it in the file: "row 5", "service 3". */
  label: string;
  /** Spreadsheet row number, when it came from a spreadsheet. */
  row?: number;
  id?: string;
  /** The service as it would be written to services/<id>.json (undefined if it could not be read). */
  service?: Record<string, unknown>;
  problems: ItemProblem[];
}

export interface ImportProblem {
  label?: string;
  row?: number;
  id?: string;
  column?: string;
  message: string;
}

export interface ImportPlan {
  /** Problems that stop the import; nothing is written while there are any. */
  problems: ImportProblem[];
  /** Warnings about incoming services (they do not stop the import). */
  warnings: ImportProblem[];
  /** Problems the data folder already had that this import neither causes nor fixes. */
  existing: string[];
  added: string[];
  changed: { id: string; fields: string[]; details: { field: string; before: unknown; after: unknown }[] }[];
  removed: string[];
  unchanged: number;
  /** File writes (path relative to the data folder, text) and deletions, applied by applyImport. */
  writes: { file: string; text: string }[];
  deletes: string[];
}

/** Shows progress through a long import; the command line draws a bar when it is on a terminal. */
export interface Progress {
  start(total: number, label: string): void;
  tick(): void;
  stop(): void;
}

export interface PlanOptions {
  today: string;
  /**
   * Names the column (spreadsheet) or field (ORUK) that holds a field of a service, e.g.
   * 'contact.phone' is the column 'phone'; `detail` narrows it down ("line 2, checked").
   */
  columnFor: (field: string) => { column: string; detail?: string };
  /** Problems with the file as a whole (a missing column, a parse error). */
  fileProblems?: string[];
  /** Keep services that the file does not mention (default: they are removed). */
  keepMissing?: boolean;
  progress?: Progress;
  /** Accept changes to crisis lines that are backed by a newer source (--confirm-crisis-change). */
  confirmCrisisChange?: boolean;
}

/** "row 5, column 'phone' (service 'llbd'): ..." for a spreadsheet; "field" instead of "column" for ORUK. */
export function formatImportProblem(p: ImportProblem): string {
  const noun = p.row === undefined ? 'field' : 'column';
  const where = [p.label, p.column ? `${noun} '${p.column}'` : undefined].filter(Boolean).join(', ');
  const who = p.id ? ` (service '${p.id}')` : '';
  return where ? `${where}${who}: ${p.message}` : p.message;
}

const SERVICE_FILE = /^services[\\/]([^\\/]+)\.json$/;

/**
 * Works out what importing these services would change, and whether the result is valid.
 *
 * Every candidate is converted and checked first. The whole new set of services is then
 * written to a temporary copy of the data folder and validated there exactly as
 * `validate` would (schema, loader checks and the extra checks), so an import can never leave
 * the directory in a state that the bot would refuse. Problems are mapped back to the row (or
 * record) and column they came from. Nothing in `root` is touched: see applyImport.
 */
export function planImport(root: string, candidates: Candidate[], options: PlanOptions): ImportPlan {
  const problems: ImportProblem[] = (options.fileProblems ?? []).map((message) => ({ message }));
  // A file that cannot be read as a whole (a missing column, broken JSON) says so and nothing
  // else: working out the rest would only add knock-on problems (crisis lines with no service).
  if (problems.length) return { problems, warnings: [], existing: [], added: [], changed: [], removed: [], unchanged: 0, writes: [], deletes: [] };
  const current = new Map(readRawServices(root).map((f) => [f.file.replace(SERVICE_FILE, '$1'), f]));

  // Items that cannot be staged: no usable id, or an id already used by an earlier item.
  const byId = new Map<string, Candidate>();
  for (const c of candidates) {
    for (const p of c.problems) problems.push({ label: c.label, row: c.row, id: c.id, ...p });
    if (!c.id) continue;
    const first = byId.get(c.id);
    if (first) problems.push({ label: c.label, row: c.row, id: c.id, column: options.columnFor('id').column, message: `'${c.id}' is also the id of ${first.label}: ids must be unique` });
    else byId.set(c.id, c);
  }

  // The set of services after the import. An item that could not be read keeps its current file,
  // so that its own problems are not followed by knock-on ones (a crisis line with no service).
  const desired = new Map<string, Record<string, unknown>>();
  // Services the file leaves out are removed, unless asked to keep them, or unless an item has
  // no usable id (it may be one of them, renamed by mistake: its problem is listed instead).
  if (options.keepMissing || candidates.some((c) => !c.id)) {
    for (const [id, f] of current) desired.set(id, f.value as Record<string, unknown>);
  }
  // Retired records stay: the ORUK export leaves them out (they are never offered to anyone), so
  // an ORUK round trip must not delete them. Only editing or deleting the file removes one.
  for (const [id, f] of current) {
    const value = f.value as Record<string, unknown> | undefined;
    if (value && typeof value === 'object' && value.retired !== undefined && !byId.has(id)) desired.set(id, value);
  }
  for (const [id, c] of byId) {
    if (c.service && !c.problems.length) desired.set(id, c.service);
    else if (current.has(id)) desired.set(id, current.get(id)!.value as Record<string, unknown>);
  }

  // The staging folder: the new services/, and everything else linked from the data folder.
  const stage = mkdtempSync(join(tmpdir(), 'mecc-import-'));
  let staged: ValidationProblem[];
  let confirmedText: string | undefined;
  try {
    for (const entry of readdirSync(root, { withFileTypes: true })) {
      if (entry.name === 'services') continue;
      const from = resolve(root, entry.name);
      // Folders are linked ('junction' also works on Windows without admin rights); files are copied.
      if (entry.isDirectory()) symlinkSync(from, join(stage, entry.name), 'junction');
      else copyFileSync(from, join(stage, entry.name));
    }
    const services = join(stage, 'services');
    mkdirSync(services);
    options.progress?.start(desired.size, 'Checking');
    for (const [id, service] of desired) {
      writeFileSync(join(services, `${id}.json`), serialiseService(service));
      options.progress?.tick();
    }
    options.progress?.stop();
    const confirmedBefore = readConfirmed(root);
    if (confirmedBefore) writeFileSync(join(stage, CONFIRMED_FILE), serialiseConfirmed(confirmedBefore));
    if (options.confirmCrisisChange) {
      // Confirmed only if every changed fact is backed by a newer source; otherwise the staged
      // validation below names what each change still needs.
      const { now, services: lines } = currentCrisis(stage);
      const changes = confirmedBefore ? crisisChanges(confirmedBefore, now) : [];
      if (confirmedBefore && changes.length && changes.every((c) => !unconfirmable(c, confirmedBefore, lines.get(c.id)))) {
        confirmedText = serialiseConfirmed(now);
        writeFileSync(join(stage, CONFIRMED_FILE), confirmedText);
      }
    }
    staged = validateDirectory(stage, { today: options.today }).problems;
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }

  const warnings: ImportProblem[] = [];
  const existing: string[] = [];
  // Problems outside services/ are blamed on the import only if the folder did not have them already.
  let beforeText: Set<string> | undefined;
  const hadBefore = (p: ValidationProblem) => {
    beforeText ??= new Set(validateDirectory(root, { today: options.today }).problems.map(formatProblem));
    return beforeText.has(formatProblem(p));
  };
  for (const p of staged) {
    const id = SERVICE_FILE.exec(p.file)?.[1];
    const c = id ? byId.get(id) : undefined;
    if (c) {
      // A candidate that could not be read keeps its old file: its own problems were listed above.
      if (c.problems.length) continue;
      const where = p.field ? options.columnFor(p.field) : undefined;
      const item: ImportProblem = { label: c.label, row: c.row, id, column: where?.column, message: where?.detail ? `${where.detail}: ${p.message}` : p.message };
      (p.severity === 'error' ? problems : warnings).push(item);
    } else if (p.severity === 'error') {
      if (hadBefore(p)) existing.push(formatProblem(p));
      else problems.push({ message: `${formatProblem(p)} (after the import)` });
    }
  }

  const added: string[] = [];
  const changed: ImportPlan["changed"] = [];
  const removed: string[] = [];
  const writes: { file: string; text: string }[] = [];
  const deletes: string[] = [];
  let unchanged = 0;
  for (const [id, service] of desired) {
    const old = current.get(id);
    if (!old) {
      added.push(id);
      writes.push({ file: join('services', `${id}.json`), text: serialiseService(service) });
    } else if (isDeepStrictEqual(old.value, service)) {
      unchanged++;
    } else {
      const before = old.value as Record<string, unknown>;
      const fields = changedFields(before, service);
      const details = fields.map((field) => ({ field, before: valueAt(before, field), after: valueAt(service, field) }));
      changed.push({ id, fields: fields.length ? fields : ['key order'], details });
      writes.push({ file: join('services', `${id}.json`), text: serialiseService(service) });
    }
  }
  for (const [id, f] of current) {
    if (!desired.has(id)) {
      removed.push(id);
      deletes.push(f.file);
    }
  }
  if (confirmedText) writes.push({ file: CONFIRMED_FILE, text: confirmedText });
  // In the order of the file: file-wide problems first, then by row (a stable sort).
  problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  // Warnings about services this import does not touch are for `validate`, not for this import.
  const touched = new Set([...added, ...changed.map((c) => c.id)]);
  return { problems, warnings: warnings.filter((w) => w.id && touched.has(w.id)), existing, added, changed, removed, unchanged, writes, deletes };
}

/**
 * Writes an import's changes to the data folder, all at once: the new services/ is staged
 * beside the old one and swapped in whole (see swap.ts), so an interrupted import leaves the
 * old data or the new, never a mix. Refuses a plan that has problems.
 */
export function applyImport(root: string, plan: ImportPlan, progress?: Progress): void {
  if (plan.problems.length) throw new Error('This import has problems: nothing was written.');
  if (plan.writes.some((w) => !SERVICES_PATH.test(w.file)) || plan.deletes.some((d) => !SERVICES_PATH.test(d))) {
    throw new Error('An import only writes to services/.');
  }
  progress?.start(plan.writes.length, 'Writing');
  replaceServices(root, plan.writes, plan.deletes, () => progress?.tick());
  progress?.stop();
}

const SERVICES_PATH = /^services[\\/][^\\/]+$/;

function valueAt(service: Record<string, unknown>, field: string): unknown {
  const [head, rest] = field.split('.', 2);
  const v = service[head];
  return rest && v && typeof v === 'object' ? (v as Record<string, unknown>)[rest] : v;
}

/** A value as it is shown in a summary: JSON, cut short, with no control characters. */
function shown(v: unknown): string {
  if (v === undefined) return '(none)';
  const text = stripControl(JSON.stringify(v));
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/** A plain-English summary of what an import changes (or would change). */
export function describePlan(plan: ImportPlan, dryRun = false): string {
  const lines: string[] = [];
  const total = plan.added.length + plan.changed.length + plan.removed.length;
  if (!total) {
    lines.push(`No changes: the directory already matches (${plan.unchanged} services unchanged).`);
  } else {
    lines.push(`${dryRun ? 'Would change' : 'Changed'} ${total} service${total === 1 ? '' : 's'}: ` +
      `${plan.added.length} added, ${plan.changed.length} changed, ${plan.removed.length} removed (${plan.unchanged} unchanged).`);
    for (const id of plan.added) lines.push(`  added:   ${id}`);
    for (const c of plan.changed) {
      lines.push(`  changed: ${c.id} (${c.fields.join(', ')})`);
      for (const d of c.details) lines.push(`      ${d.field}: ${shown(d.before)} -> ${shown(d.after)}`);
    }
    for (const id of plan.removed) lines.push(`  removed: ${id}`);
    if (dryRun) lines.push('Nothing was written (--dry-run).');
  }
  if (plan.warnings.length) {
    lines.push(`Warnings (these do not stop the import):`, ...plan.warnings.map((w) => `  - ${formatImportProblem(w)}`));
  }
  if (plan.existing.length) {
    lines.push('The data folder already had these problems (not caused by this import):', ...plan.existing.map((e) => `  - ${e}`));
  }
  return `${lines.join('\n')}\n`;
}
