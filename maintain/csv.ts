/**
 * The services as a spreadsheet a maintainer can edit in Excel, and back.
 *
 * - UTF-8 with a byte-order mark (so Excel reads accents and symbols correctly), every field
 *   quoted, Windows line ends, one row per service.
 * - topics and places: ids separated by `;` (e.g. `smoking; healthy-weight`).
 * - sources: one source per line inside the cell (Alt+Enter in Excel), each line
 *   `url | checked | published | supports | note | page date`, with supports separated by
 *   commas (the page date, YYYY, YYYY-MM or YYYY-MM-DD, may be left off).
 * - access (`how | via service id`), knownChange (`date | what`) and retired
 *   (`date | reason | successor ids separated by ;`): one cell each, empty when not set. These
 *   three columns may be missing from an older spreadsheet.
 *   Inside a part, `\|` stands for a `|`, `\n` for a line break and `\\` for a backslash.
 * - A cell that Excel would run as a formula (starting `=`, `+`, `-` or `@`) is written with a
 *   leading apostrophe, which the import removes again.
 * - Dates are YYYY-MM-DD; the import also accepts 22/11/2026, which is how Excel may save them.
 */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { COUNTY_PLACE_IDS, PLACE_IDS } from '../directory/ids';
import { CONTACT_FIELDS } from '../directory/schema';
import { normaliseDate } from './dates';
import { isPlainObject, orderService } from './format';
import type { Candidate, ItemProblem } from './import';

export const CSV_COLUMNS = [
  { key: 'id', header: 'id' },
  { key: 'name', header: 'name' },
  { key: 'provider', header: 'provider' },
  { key: 'description', header: 'description' },
  { key: 'topics', header: 'topics (topic ids separated by ; main topic first)' },
  { key: 'area', header: 'area (local, derbyshire-county, derby-city, derby-and-derbyshire or national)' },
  { key: 'places', header: 'places (Place ids separated by ;)' },
  { key: 'phone', header: 'phone' },
  { key: 'text', header: 'text (number to text)' },
  { key: 'textMessage', header: 'textMessage (word to text)' },
  { key: 'email', header: 'email' },
  { key: 'website', header: 'website (https)' },
  { key: 'referral', header: 'referral (self, professional, both or unknown)' },
  { key: 'eligibility', header: 'eligibility' },
  { key: 'eligibilityRules', header: 'eligibilityRules (checked by the bot: minAge N | maxAge N | sex male or female | lifeStages pregnant, new-parent, carer, young-carer | residents derbyshire-county, derby-city or derby-and-derbyshire)' },
  { key: 'hours', header: 'hours' },
  { key: 'cost', header: 'cost' },
  { key: 'sources', header: 'sources (one per line: url | checked YYYY-MM-DD | published | supports separated by , | note)' },
  { key: 'reviewed', header: 'reviewed (YYYY-MM-DD)' },
  { key: 'access', header: 'access (how to reach it when there is no contact detail | via service id)' },
  { key: 'knownChange', header: 'knownChange (date YYYY-MM-DD | what changes)' },
  { key: 'retired', header: 'retired (date YYYY-MM-DD | reason | successor ids separated by ;)' },
  { key: 'notes', header: 'notes' },
] as const;

/** Columns added later: a spreadsheet exported before them may leave them out. */
const OPTIONAL_COLUMNS: readonly string[] = ['access', 'knownChange', 'retired', 'eligibilityRules'];
const RULE_KEYS = ['minAge', 'maxAge', 'sex', 'lifeStages', 'residents'] as const;

/** eligibilityRules as one cell: `minAge 55 | maxAge 74`. */
function rulesCell(value: unknown): string {
  if (value === undefined) return '';
  if (!isPlainObject(value)) return escapePart(str(value));
  return Object.entries(value).map(([k, v]) => escapePart(`${k} ${Array.isArray(v) ? v.join(', ') : str(v)}`)).join(' | ');
}

function cellToRules(parts: string[]): { rules: Record<string, unknown>; problems: ItemProblem[] } {
  const rules: Record<string, unknown> = {};
  const problems: ItemProblem[] = [];
  for (const part of parts.filter(Boolean)) {
    const [key, ...rest] = part.split(/\s+/);
    const value = rest.join(' ').trim();
    if (!(RULE_KEYS as readonly string[]).includes(key)) {
      problems.push({ column: 'eligibilityRules', message: `'${key}' is not one of ${RULE_KEYS.join(', ')}: write each rule as 'name value', separated by '|'` });
      continue;
    }
    if (key === 'minAge' || key === 'maxAge') rules[key] = /^\d+$/.test(value) ? Number(value) : value;
    else if (key === 'lifeStages') rules[key] = list(value);
    else rules[key] = value;
  }
  return { rules, problems };
}

export type ColumnKey = (typeof CSV_COLUMNS)[number]['key'];

const TEXT_KEYS = ['name', 'provider', 'description', 'eligibility', 'hours', 'cost', 'notes'] as const;
const LIST_SEPARATOR = '; ';
const BOM = '\uFEFF';

// A cell Excel would treat as a formula gets a leading apostrophe (also one that already starts
// with apostrophes before such a character, so that removing one on import is always exact).
const FORMULA = /^'*[=+\-@\t\r]/;
const GUARDED = /^'(?='*[=+\-@\t\r])/;

export function guardCell(value: string): string {
  return FORMULA.test(value) ? `'${value}` : value;
}

/** Rows as CSV for Excel, every cell formula-guarded: the one way the project writes a spreadsheet. */
export function guardedCsv(rows: unknown[][], options: { quoted?: boolean } = {}): string {
  return stringify(rows.map((r) => r.map((c) => guardCell(c === undefined || c === null ? '' : String(c)))), { record_delimiter: 'windows', ...options });
}

export function unguardCell(value: string): string {
  return value.replace(GUARDED, '');
}

function escapePart(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r/g, '\\r').replace(/\n/g, '\\n');
}

function splitParts(line: string): string[] {
  const parts: string[] = [];
  let cur = '';
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '\\' && i + 1 < line.length) {
      const next = line[++i];
      cur += next === 'n' ? '\n' : next === 'r' ? '\r' : next;
    } else if (ch === '|') {
      parts.push(cur);
      cur = '';
    } else {
      cur += ch;
    }
  }
  parts.push(cur);
  return parts.map((p) => p.trim());
}

const str = (v: unknown): string => (v === undefined || v === null ? '' : typeof v === 'string' ? v : Array.isArray(v) ? v.join(LIST_SEPARATOR) : JSON.stringify(v));

/** One source as a line of the sources cell. */
export function sourceToLine(source: unknown): string {
  if (!isPlainObject(source)) return escapePart(str(source));
  const supports = Array.isArray(source.supports) ? source.supports.map(str).join(', ') : str(source.supports);
  const parts = [str(source.url), str(source.checked), str(source.published), supports, str(source.note), str(source.pageDate)].map(escapePart);
  while (parts.length > 4 && parts[parts.length - 1] === '') parts.pop();
  return parts.join(' | ');
}

/** An object as one cell of `|`-separated parts in the given key order (empty if absent). */
function partsCell(value: unknown, keys: readonly string[]): string {
  if (value === undefined) return '';
  if (!isPlainObject(value)) return escapePart(str(value));
  const parts = keys.map((k) => escapePart(str(value[k])));
  while (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  return parts.join(' | ');
}

/** One service (as read from its file, valid or not) as a spreadsheet row, in CSV_COLUMNS order. */
export function serviceToRow(service: unknown): string[] {
  const s = isPlainObject(service) ? service : {};
  const contact = isPlainObject(s.contact) ? s.contact : {};
  return CSV_COLUMNS.map(({ key }) => {
    if ((CONTACT_FIELDS as readonly string[]).includes(key)) return str(contact[key]);
    if (key === 'sources') return Array.isArray(s.sources) ? s.sources.map(sourceToLine).join('\n') : str(s.sources);
    if (key === 'access') return partsCell(s.access, ['how', 'via']);
    if (key === 'knownChange') return partsCell(s.knownChange, ['date', 'what']);
    if (key === 'retired') return partsCell(s.retired, ['date', 'reason', 'successors']);
    if (key === 'eligibilityRules') return rulesCell(s.eligibilityRules);
    return str(s[key]);
  }).map(guardCell);
}

/** The services as CSV text for Excel: BOM, a header row, every field quoted, CRLF rows. */
export function servicesToCsv(services: unknown[]): string {
  const rows = [CSV_COLUMNS.map((c) => c.header), ...services.map(serviceToRow)];
  return BOM + stringify(rows, { quoted: true, quoted_empty: true, record_delimiter: 'windows' });
}

/** Reads the bytes of a CSV file: UTF-8 (with or without BOM), or Windows-1252 as older Excel saves it. */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'windows-1252' } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}

const AREA_PLACES: Record<string, readonly string[]> = {
  'derbyshire-county': COUNTY_PLACE_IDS,
  'derby-city': ['derby-city'],
  'derby-and-derbyshire': PLACE_IDS,
  national: PLACE_IDS,
};

const list = (cell: string): string[] => cell.split(/[;,]/).map((s) => s.trim()).filter(Boolean);

/** Turns one spreadsheet row (cells by column key) into a service, noting what cannot be read. */
export function rowToService(cells: Record<ColumnKey, string>): { service: Record<string, unknown>; problems: ItemProblem[] } {
  const problems: ItemProblem[] = [];
  const cell = (k: ColumnKey) => unguardCell(cells[k] ?? '').trim();
  const service: Record<string, unknown> = { id: cell('id') };
  for (const k of TEXT_KEYS) if (cell(k)) service[k] = cell(k);
  service.topics = list(cell('topics'));
  service.area = cell('area');
  service.places = list(cell('places'));
  if (!(service.places as string[]).length && AREA_PLACES[cell('area')]) service.places = [...AREA_PLACES[cell('area')]];
  const contact: Record<string, string> = {};
  for (const k of CONTACT_FIELDS) if (cell(k)) contact[k] = cell(k);
  service.contact = contact;
  if (cell('referral')) service.referral = cell('referral');
  const reviewed = cell('reviewed');
  service.reviewed = normaliseDate(reviewed) ?? reviewed;

  const sources: Record<string, unknown>[] = [];
  const lines = unguardCell(cells.sources ?? '').split(/\r?\n/);
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    const parts = splitParts(line);
    if (parts.length < 4 || parts.length > 6) {
      problems.push({
        column: 'sources',
        message: `line ${i + 1} has ${parts.length} part${parts.length === 1 ? '' : 's'} separated by '|'; write 'url | checked | published | supports | note | page date' ` +
          "(leave a part empty but keep its '|'; write a '|' inside a note as '\\|')",
      });
      return;
    }
    const [url, checked, published, supports, note, pageDate] = parts;
    const source: Record<string, unknown> = { url, checked: normaliseDate(checked) ?? checked };
    if (published) source.published = published;
    if (pageDate) source.pageDate = pageDate;
    source.supports = list(supports);
    if (note) source.note = note;
    sources.push(source);
  });
  service.sources = sources;

  const partsOf = (k: ColumnKey) => (cell(k) ? splitParts(unguardCell(cells[k] ?? '')) : undefined);
  const access = partsOf('access');
  if (access && access.length > 2) problems.push({ column: 'access', message: "has more than two parts: write 'how to reach it | via service id' (write a '|' inside the text as '\\|')" });
  else if (access) service.access = { how: access[0], ...(access[1] ? { via: access[1] } : {}) };
  const rules = partsOf('eligibilityRules');
  if (rules) {
    const read = cellToRules(rules);
    problems.push(...read.problems);
    service.eligibilityRules = read.rules;
  }
  const change = partsOf('knownChange');
  if (change) service.knownChange = { date: normaliseDate(change[0]) ?? change[0], what: change.slice(1).join(' | ') };
  const retired = partsOf('retired');
  if (retired) {
    const successors = list(retired[2] ?? '');
    service.retired = { date: normaliseDate(retired[0]) ?? retired[0], reason: retired[1] ?? '', ...(successors.length ? { successors } : {}) };
  }
  return { service: orderService(service), problems };
}

/** Maps a field of a service (as validation names it) to the spreadsheet column that holds it. */
export function csvColumnFor(field: string): { column: string; detail?: string } {
  const contact = /^contact\.(\w+)/.exec(field);
  if (contact) return { column: contact[1] };
  const source = /^sources\[(\d+)\](?:\.(\w+))?/.exec(field);
  if (source) return { column: 'sources', detail: `line ${Number(source[1]) + 1}${source[2] ? ` (${source[2]})` : ''}` };
  return { column: field.replace(/[.[].*$/, '') };
}

/** The column key a header cell names: its first word ("topics (ids separated by ;)" is topics). */
function headerKey(header: string): string {
  return header.replace(/^\uFEFF/, '').trim().split(/[\s(]/)[0];
}

/**
 * Reads a spreadsheet of services. Returns one candidate per non-empty row (row numbers as
 * Excel shows them: the header is row 1), and problems with the file as a whole.
 */
export function parseServicesCsv(text: string): { candidates: Candidate[]; fileProblems: string[] } {
  let records: string[][];
  try {
    records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: false });
  } catch (e) {
    return { candidates: [], fileProblems: [`the file is not valid CSV: ${(e as Error).message}`] };
  }
  if (!records.length) return { candidates: [], fileProblems: ['the file is empty: export a spreadsheet first to see the columns'] };
  const fileProblems: string[] = [];
  const header = records[0].map(headerKey);
  const index = new Map<string, number>();
  header.forEach((k, i) => {
    if (!k) return;
    if (!CSV_COLUMNS.some((c) => c.key === k)) fileProblems.push(`row 1: column '${records[0][i]}' is not one of the directory's columns: remove it or check its spelling`);
    else if (index.has(k)) fileProblems.push(`row 1: column '${k}' appears twice`);
    else index.set(k, i);
  });
  for (const c of CSV_COLUMNS) if (!index.has(c.key) && !OPTIONAL_COLUMNS.includes(c.key)) fileProblems.push(`row 1: column '${c.key}' is missing: export a fresh spreadsheet to see the columns`);
  if (fileProblems.length) return { candidates: [], fileProblems };

  const candidates: Candidate[] = [];
  records.slice(1).forEach((record, i) => {
    const row = i + 2;
    if (record.every((c) => !c.trim())) return;
    const cells = Object.fromEntries(CSV_COLUMNS.map((c) => [c.key, index.has(c.key) ? record[index.get(c.key)!] ?? '' : ''])) as Record<ColumnKey, string>;
    const { service, problems } = rowToService(cells);
    const id = typeof service.id === 'string' && service.id ? service.id : undefined;
    if (record.length > header.length && record.slice(header.length).some((c) => c.trim())) {
      problems.push({ message: `has ${record.length} cells but the header has ${header.length}: a cell may have been split, or text typed beyond the last column` });
    }
    if (!id) problems.push({ column: 'id', message: "is empty: every service needs an id (lower-case words joined by hyphens, e.g. 'live-life-better')" });
    else if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id)) problems.push({ column: 'id', message: `'${id}' must be lower-case words joined by hyphens (it is also the file name)` });
    candidates.push({ label: `row ${row}`, row, id: id && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(id) ? id : undefined, service, problems });
  });
  return { candidates, fileProblems };
}
