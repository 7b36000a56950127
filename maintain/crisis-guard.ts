/**
 * Crisis lines are protected data. Their safety-critical facts (name, every contact detail,
 * hours) as last confirmed are kept in services/crisis-lines.confirmed, which lives in the
 * services folder so that an import swaps it in together with the services. Any route that
 * changes one of those facts (a file edit, a spreadsheet or ORUK import) is refused by
 * validate, by imports and by the bot until the change is confirmed with
 * --confirm-crisis-change, and a change is only confirmed when a source checked after the
 * confirmed one backs the changed field.
 */
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { type DataOverlay, readDataText } from '../directory/overlay';

export const CONFIRMED_FILE = join('services', 'crisis-lines.confirmed');

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface ConfirmedLine {
  name?: unknown;
  contact?: unknown;
  hours?: unknown;
  /** The newest `checked` date among the sources that back these facts. */
  checked: string;
}

export interface ConfirmedCrisis {
  lines: string[];
  services: Record<string, ConfirmedLine>;
}

export interface CrisisChange {
  id: string;
  /** 'name', 'hours', 'contact.phone', ...; 'lines' for the list in crisis.json. */
  field: string;
  before: unknown;
  after: unknown;
}

const PROTECTED = ['name', 'hours'] as const;

/** The word a source's `supports` uses for a field: contact.phone -> phone. */
const supportWord = (field: string) => field.replace(/^contact\./, '');

function sourcesOf(service: Obj | undefined): { checked?: unknown; supports?: unknown }[] {
  return Array.isArray(service?.sources) ? (service!.sources as Obj[]).filter(isObj) : [];
}

function newestChecked(service: Obj | undefined): string {
  return sourcesOf(service).map((s) => (typeof s.checked === 'string' ? s.checked : '')).sort().at(-1) ?? '';
}

/** The protected facts of the crisis lines as they are now (from crisis.json's list and the service files). */
export function crisisFacts(lines: unknown, services: Map<string, Obj>): ConfirmedCrisis {
  const ids = Array.isArray(lines) ? lines.filter((l): l is string => typeof l === 'string') : [];
  const out: ConfirmedCrisis = { lines: ids, services: {} };
  for (const id of ids) {
    const s = services.get(id);
    out.services[id] = { name: s?.name, contact: s?.contact, hours: s?.hours, checked: newestChecked(s) };
  }
  return out;
}

/** Every protected fact that differs between what was confirmed and what is there now. */
export function crisisChanges(confirmed: ConfirmedCrisis, now: ConfirmedCrisis): CrisisChange[] {
  const changes: CrisisChange[] = [];
  if (!isDeepStrictEqual(confirmed.lines, now.lines)) changes.push({ id: 'crisis', field: 'lines', before: confirmed.lines, after: now.lines });
  for (const id of new Set([...confirmed.lines, ...now.lines])) {
    const was = confirmed.services[id];
    const is = now.services[id];
    for (const f of PROTECTED) if (!isDeepStrictEqual(was?.[f], is?.[f])) changes.push({ id, field: f, before: was?.[f], after: is?.[f] });
    const a = isObj(was?.contact) ? was!.contact as Obj : {};
    const b = isObj(is?.contact) ? is!.contact as Obj : {};
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (!isDeepStrictEqual(a[k], b[k])) changes.push({ id, field: `contact.${k}`, before: a[k], after: b[k] });
    }
  }
  return changes;
}

/**
 * Why a change cannot be confirmed, or undefined if it can: the service must carry a source
 * checked after the confirmed facts' newest source, whose `supports` names the changed field.
 */
export function unconfirmable(change: CrisisChange, confirmed: ConfirmedCrisis, service: Obj | undefined): string | undefined {
  if (change.field === 'lines') return undefined; // the list itself has no source: confirming is enough
  // A crisis line staff cannot call or text is no crisis line: its number is replaced, never removed.
  const empty = change.after === undefined || change.after === null || (typeof change.after === 'string' && !change.after.replace(/[\s\p{Cf}]/gu, ''));
  if (empty && ['contact.phone', 'contact.text', 'contact.textMessage', 'name'].includes(change.field)) return `a crisis line's ${supportWord(change.field)} cannot be removed (replace it, or take the line out of crisis.json with a second maintainer)`;
  const since = confirmed.services[change.id]?.checked ?? '';
  const today = new Date().toISOString().slice(0, 10);
  const word = supportWord(change.field);
  // A source "checked" in the future backs nothing.
  const backed = sourcesOf(service).some((s) => typeof s.checked === 'string' && s.checked > since && s.checked <= today && Array.isArray(s.supports) && (s.supports.includes(word) || (word === 'textMessage' && s.supports.includes('text'))));
  return backed ? undefined : `needs a source checked after ${since || 'the confirmed one'} whose 'supports' lists '${word}'`;
}

/** The crisis lines' facts as the files in a data folder have them (crisis.json and each line's service file). */
export function currentCrisis(root: string, overlay?: DataOverlay): { now: ConfirmedCrisis; services: Map<string, Obj> } {
  let lines: unknown = [];
  try {
    lines = (JSON.parse(readDataText(root, 'crisis.json', overlay)) as Obj).lines;
  } catch {
    /* the loader reports a missing or broken crisis.json */
  }
  const services = new Map<string, Obj>();
  for (const id of Array.isArray(lines) ? lines : []) {
    if (typeof id !== 'string' || !/^[a-z0-9-]+$/.test(id)) continue;
    try {
      const value = JSON.parse(readDataText(root, join('services', `${id}.json`), overlay));
      if (isObj(value)) services.set(id, value);
    } catch {
      /* reported by the loader */
    }
  }
  return { now: crisisFacts(lines, services), services };
}

/** Problems for validate, imports and the bot: one per unconfirmed change to a crisis line. */
export function crisisProblems(root: string, overlay?: DataOverlay): { file: string; record: string; field: string; message: string }[] {
  const { now, services } = currentCrisis(root, overlay);
  const confirmed = readConfirmed(root, overlay);
  if (!confirmed) return [{ file: CONFIRMED_FILE, record: 'crisis', field: 'lines', message: guardCrisis(undefined, now, services).problems[0] }];
  return crisisChanges(confirmed, now).map((c) => {
    const why = unconfirmable(c, confirmed, services.get(c.id));
    return {
      file: c.id === 'crisis' ? 'crisis.json' : join('services', `${c.id}.json`),
      record: c.id,
      field: c.field,
      message: `${describeChange(c)}: crisis lines are protected, so this needs --confirm-crisis-change${why ? ` and ${why}` : ''}`,
    };
  });
}

export function readConfirmed(root: string, overlay?: DataOverlay): ConfirmedCrisis | undefined {
  try {
    const value = JSON.parse(readDataText(root, CONFIRMED_FILE, overlay)) as ConfirmedCrisis;
    return Array.isArray(value?.lines) && isObj(value?.services) ? value : undefined;
  } catch {
    return undefined;
  }
}

export function serialiseConfirmed(c: ConfirmedCrisis): string {
  return `${JSON.stringify({ note: 'The crisis lines as last confirmed. Do not edit by hand: run npm run directory -- validate --confirm-crisis-change after changing a crisis line with a newer source.', ...c }, null, 2)}\n`;
}

const show = (v: unknown) => (v === undefined ? '(none)' : JSON.stringify(v));

export function describeChange(c: CrisisChange): string {
  return `crisis line '${c.id}' ${c.field}: ${show(c.before)} -> ${show(c.after)}`;
}

/**
 * The problems the guard raises for a data folder's crisis facts, with `confirm` the changes
 * that --confirm-crisis-change may accept. No confirmed record at all is itself a problem.
 */
export function guardCrisis(confirmed: ConfirmedCrisis | undefined, now: ConfirmedCrisis, services: Map<string, Obj>): { problems: string[]; changes: CrisisChange[]; blocked: string[] } {
  if (!confirmed) {
    return { problems: [`${CONFIRMED_FILE} is missing or unreadable: the crisis lines have no confirmed record. Run 'npm run directory -- validate --confirm-crisis-change' once the crisis lines are checked.`], changes: [], blocked: ['no confirmed record'] };
  }
  const changes = crisisChanges(confirmed, now);
  const blocked = changes.map((c) => unconfirmable(c, confirmed, services.get(c.id))).filter((m): m is string => Boolean(m));
  const problems = changes.map((c) => {
    const why = unconfirmable(c, confirmed, services.get(c.id));
    return `${describeChange(c)}: crisis lines are protected; confirm with --confirm-crisis-change${why ? `, which ${why}` : ''}`;
  });
  return { problems, changes, blocked };
}
