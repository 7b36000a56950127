/**
 * Checks on the directory data beyond what the schema says, for `npm run directory -- validate`,
 * the spreadsheet and ORUK imports, and (if the lead wishes) the bot at start-up.
 *
 * Every function here is pure: it takes data that has already been read (the raw files, which
 * may not pass the schema, or a loaded Directory) and returns findings; nothing reads the disk
 * or the clock. A finding is a directory Problem (file, record, field, message) plus the rule
 * that raised it and how serious it is:
 *
 * - `error`: wrong or unsafe; validate exits non-zero and imports are refused.
 * - `warning`: worth a look but not wrong (validate still passes unless --strict).
 */
import { join } from 'node:path';
import type { Directory } from '../directory/load';
import { PLACE_IDS, TOPIC_IDS } from '../directory/ids';
import type { Problem } from '../directory/problems';
import { CONTACT_FIELDS } from '../directory/schema';
import { isIsoDate } from './dates';
import { CONTACT_STALE_MONTHS, CRISIS_CONFIRM_MONTHS, crisisLinesToConfirm, knownChanges, staleContacts } from './freshness';
import type { RawDirectory, RawFile } from './raw';
import { distance as levenshtein } from '../search/text';


export type Severity = 'error' | 'warning';

export type RuleId =
  | 'duplicate-id'
  | 'shared-phone'
  | 'unknown-id'
  | 'phone-format'
  | 'not-https'
  | 'unsupported-contact'
  | 'future-date'
  | 'example-answered-elsewhere'
  | 'example-collision'
  | 'stale-contact'
  | 'crisis-unconfirmed'
  | 'known-change-passed'
  | 'coverage-gap'
  | 'crisis-change';

export interface Finding extends Problem {
  rule: RuleId;
  severity: Severity;
}

export interface CheckOptions {
  /** Today's date, YYYY-MM-DD (passed in so the checks stay pure and testable). */
  today: string;
}

/**
 * What each rule checks. `alsoInLoader` marks the rules loadDirectory applies too (to files
 * that pass the schema); they are repeated here over the raw files so that a maintainer sees
 * them even for a file the schema stopped at, and `validateDirectory` drops the duplicates.
 */
export const RULES: Record<RuleId, { title: string; alsoInLoader: boolean }> = {
  'duplicate-id': { title: 'Two service files use the same id', alsoInLoader: true },
  'shared-phone': { title: 'Two services share a phone or text number (999, 111 and 116 xxx excepted)', alsoInLoader: false },
  'unknown-id': { title: 'A topic or Place id that does not exist', alsoInLoader: true },
  'phone-format': { title: 'A phone or text number that is not a well-formed UK number', alsoInLoader: false },
  'not-https': { title: 'A web address that is not https', alsoInLoader: true },
  'unsupported-contact': { title: 'A contact detail with no source that supports it', alsoInLoader: true },
  'future-date': { title: 'A reviewed or checked date in the future', alsoInLoader: false },
  'example-answered-elsewhere': { title: "A topic's example phrasing is answered with another topic", alsoInLoader: false },
  'example-collision': { title: 'The same example phrasing under two topics', alsoInLoader: false },
  'stale-contact': { title: `A contact detail whose newest source is older than ${CONTACT_STALE_MONTHS} months`, alsoInLoader: false },
  'crisis-unconfirmed': { title: `A crisis line whose newest source is older than ${CRISIS_CONFIRM_MONTHS} months`, alsoInLoader: false },
  'known-change-passed': { title: "A record's known change date (contract end, fund's last day) has passed", alsoInLoader: false },
  'coverage-gap': { title: 'A Place with only national services for a topic and no recorded reason, or a reason for a gap that is filled', alsoInLoader: false },
  'crisis-change': { title: 'A crisis line changed without --confirm-crisis-change and a newer source', alsoInLoader: false },
};

/**
 * National short numbers that several services may legitimately give: 999 (emergency), 111
 * (NHS 111, which is also the route to urgent dental care and the mental health option) and the
 * 116 xxx harmonised European numbers (116 123 Samaritans, 116 117, 116 000, 116 111). Any other
 * number on two services is almost always a copy-and-paste slip.
 */
export function isSharedShortNumber(digits: string): boolean {
  return digits === '999' || digits === '111' || /^116\d{3}$/.test(digits);
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function recordId(f: RawFile): string | undefined {
  return isObj(f.value) ? str(f.value.id) : undefined;
}

function finding(f: RawFile, rule: RuleId, severity: Severity, field: string | undefined, message: string, record = recordId(f)): Finding {
  return { file: f.file, record, field, message, rule, severity };
}

/** Only the digits of a number, or undefined if it has anything but digits and spaces. */
export function phoneDigits(value: string): string | undefined {
  const s = value.trim();
  return /^[\d ]+$/.test(s) ? s.replace(/ /g, '') : undefined;
}

/** What is wrong with a phone number as a UK number, if anything. */
export function phoneProblem(phone: string): { severity: Severity; message: string } | undefined {
  const s = phone.trim();
  const error = (message: string) => ({ severity: 'error' as const, message });
  if (/^(\+|00)/.test(s.replace(/[\s()]/g, ''))) {
    return error(`'${phone}' is written in international form: write UK numbers starting 0, e.g. '01629 538200'`);
  }
  const digits = phoneDigits(s);
  if (digits === undefined) {
    const odd = [...new Set(s.replace(/[\d ]/g, ''))].map((c) => `'${c}'`).join(', ');
    return error(`'${phone}' contains ${odd}: write only the digits, spaced the UK way (e.g. '0800 028 0077'); put options or extensions in 'hours' or 'notes'`);
  }
  if (isSharedShortNumber(digits)) {
    if (digits.length === 6 && s !== `116 ${digits.slice(3)}`) return { severity: 'warning', message: `'${phone}': write it as '116 ${digits.slice(3)}', the way it is published` };
    return undefined;
  }
  if (digits.length !== 11) {
    return error(`'${phone}' has ${digits.length} digit${digits.length === 1 ? '' : 's'}; UK numbers have 11 (or are one of the short numbers 999, 111 and 116 xxx): check it against the source`);
  }
  if (!digits.startsWith('0')) return error(`'${phone}' does not start with 0: UK numbers are 11 digits starting 0; check it against the source`);
  if (/^0[046]/.test(digits)) return error(`'${phone}' starts ${digits.slice(0, 2)}, which is not a UK number range: check it against the source`);
  if (!s.includes(' ')) return { severity: 'warning', message: `'${phone}' has no spaces: write it the UK way, e.g. '01629 538200' or '0800 028 0077'` };
  return undefined;
}

/** What is wrong with a number to text (contact.text), if anything. */
export function textNumberProblem(text: string): string | undefined {
  const digits = phoneDigits(text);
  if (digits !== undefined && (/^\d{5,6}$/.test(digits) || /^07\d{9}$/.test(digits))) return undefined;
  return `'${text}' is not a number to text: use a short code of 5 or 6 digits (e.g. '85258') or a mobile number (11 digits starting 07); put the word to text in 'textMessage'`;
}

function contactOf(f: RawFile): Obj | undefined {
  return isObj(f.value) && isObj(f.value.contact) ? f.value.contact : undefined;
}

function sourcesOf(f: RawFile): Obj[] {
  return isObj(f.value) && Array.isArray(f.value.sources) ? f.value.sources.filter(isObj) : [];
}

/** Two files with the same service id. */
export function checkDuplicateIds(services: readonly RawFile[]): Finding[] {
  const seen = new Map<string, string>();
  const out: Finding[] = [];
  for (const f of services) {
    const id = recordId(f);
    if (id === undefined) continue;
    const first = seen.get(id);
    if (first) out.push(finding(f, 'duplicate-id', 'error', 'id', `is also used by ${first}: ids must be unique; give this service its own id and rename the file to match`));
    else seen.set(id, f.file);
  }
  return out;
}

/**
 * The same phone (or text) number on two different services, except 999, 111 and 116 xxx.
 * Each service involved is named (either may hold the slip), pointing to the other(s).
 */
export function checkSharedPhones(services: readonly RawFile[]): Finding[] {
  const out: Finding[] = [];
  for (const field of ['phone', 'text'] as const) {
    const holders = new Map<string, RawFile[]>();
    for (const f of services) {
      if (isObj(f.value) && f.value.retired !== undefined) continue;
      const value = str(contactOf(f)?.[field]);
      const digits = value === undefined ? undefined : phoneDigits(value);
      if (!digits || isSharedShortNumber(digits)) continue;
      holders.set(digits, [...(holders.get(digits) ?? []), f]);
    }
    for (const files of holders.values()) {
      if (new Set(files.map(recordId)).size < 2) continue;
      for (const f of files) {
        const others = files.filter((o) => recordId(o) !== recordId(f)).map((o) => `'${recordId(o) ?? '?'}' (${o.file})`);
        out.push(finding(f, 'shared-phone', 'error', `contact.${field}`,
          `'${str(contactOf(f)?.[field])}' is also the ${field} number of ${others.join(', ')}: ` +
            'two services should not share a number (only 999, 111 and 116 xxx may repeat); check which service it belongs to'));
      }
    }
  }
  return out;
}


function closest(value: string, ids: readonly string[]): string | undefined {
  const v = value.toLowerCase().trim();
  let best: string | undefined;
  let bestScore = Infinity;
  for (const id of ids) {
    const score = id.includes(v) || v.includes(id) ? 0.5 : levenshtein(v, id);
    if (score < bestScore) [best, bestScore] = [id, score];
  }
  return bestScore <= Math.max(2, v.length / 3) ? best : undefined;
}

/** Place names (towns, practices, sites) to their Place ids, for a helpful suggestion. */
function placeNameIndex(places: readonly RawFile[]): Map<string, string> {
  const index = new Map<string, string>();
  for (const f of places) {
    if (!isObj(f.value)) continue;
    const entries = Array.isArray(f.value.entries) ? f.value.entries : Array.isArray(f.value.places) ? f.value.places : [];
    for (const e of entries.filter(isObj)) {
      const place = str(e.place) ?? str(e.id);
      if (!place) continue;
      for (const name of [e.name, ...(Array.isArray(e.aliases) ? e.aliases : [])]) {
        if (typeof name === 'string') index.set(name.toLowerCase().trim(), place);
      }
    }
  }
  return index;
}

const quote = (v: unknown) => (typeof v === 'string' ? `'${v}'` : JSON.stringify(v));

export function unknownTopicMessage(value: unknown): string {
  const hint = typeof value === 'string' ? closest(value, TOPIC_IDS) : undefined;
  return `${quote(value)} is not a topic id${hint ? `: did you mean '${hint}'?` : ';'} the topic ids are listed in docs/topics.md`;
}

export function unknownPlaceMessage(value: unknown, names: Map<string, string> = new Map()): string {
  const known = typeof value === 'string' ? names.get(value.toLowerCase().trim()) ?? names.get(value.toLowerCase().replace(/-/g, ' ').trim()) : undefined;
  const near = typeof value === 'string' ? closest(value, PLACE_IDS) : undefined;
  const hint = known ? `: that is a name in the Place '${known}'` : near ? `: did you mean '${near}'?` : '';
  return `${quote(value)} is not a Place id${hint}; use one of ${PLACE_IDS.join(', ')}`;
}

/** Topic and Place ids that do not exist, in services and in the Place name lists. */
export function checkUnknownIds(raw: RawDirectory): Finding[] {
  const out: Finding[] = [];
  const names = placeNameIndex(raw.places);
  const topicIds = new Set<string>(TOPIC_IDS);
  const placeIds = new Set<string>(PLACE_IDS);
  for (const f of raw.services) {
    if (!isObj(f.value)) continue;
    const { topics, places } = f.value;
    if (Array.isArray(topics)) {
      topics.forEach((t, i) => {
        if (!topicIds.has(t as string)) out.push(finding(f, 'unknown-id', 'error', `topics[${i}]`, unknownTopicMessage(t)));
      });
    }
    if (Array.isArray(places)) {
      places.forEach((p, i) => {
        if (!placeIds.has(p as string)) out.push(finding(f, 'unknown-id', 'error', `places[${i}]`, unknownPlaceMessage(p, names)));
      });
    }
  }
  for (const f of raw.places) {
    if (!isObj(f.value) || !Array.isArray(f.value.entries)) continue;
    const record = f.file.replace(/^.*[\\/]/, '').replace(/\.json$/, '');
    f.value.entries.forEach((e, i) => {
      if (isObj(e) && !placeIds.has(e.place as string)) {
        out.push(finding(f, 'unknown-id', 'error', `entries[${i}].place`, unknownPlaceMessage(e.place), record));
      }
    });
  }
  for (const f of raw.topics) {
    if (isObj(f.value) && typeof f.value.id === 'string' && !topicIds.has(f.value.id)) out.push(finding(f, 'unknown-id', 'error', 'id', unknownTopicMessage(f.value.id)));
  }
  return out;
}

/** Phone and text numbers that are not well-formed UK numbers. */
export function checkPhoneFormats(services: readonly RawFile[]): Finding[] {
  const out: Finding[] = [];
  for (const f of services) {
    const contact = contactOf(f);
    if (!contact) continue;
    const phone = str(contact.phone);
    if (phone !== undefined) {
      const p = phoneProblem(phone);
      if (p) out.push(finding(f, 'phone-format', p.severity, 'contact.phone', p.message));
    }
    const text = str(contact.text);
    if (text !== undefined) {
      const p = textNumberProblem(text);
      if (p) out.push(finding(f, 'phone-format', 'error', 'contact.text', p));
    }
    if (str(contact.textMessage) !== undefined && text === undefined) {
      out.push(finding(f, 'phone-format', 'error', 'contact.textMessage', "there is no 'contact.text' number to send this word to: add the number, or remove the word"));
    }
  }
  return out;
}

const NOT_HTTPS = /^(?!https:\/\/)[a-z][a-z0-9+.-]*:\/\//i;

function httpsError(url: string): string {
  return `'${url}' is not https: staff and the public are sent to this address, so use the https:// address (and check that it opens)`;
}

function httpsWarning(url: string): string {
  return `'${url}' is not https: use the https:// address of the page if it has one (an old or archived page may only exist over http)`;
}

/** Collects every `url` (or `website`) string in a JSON value, with its field path. */
function urlsIn(value: unknown, path = ''): [string, string][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => urlsIn(v, `${path}[${i}]`));
  if (!isObj(value)) return [];
  return Object.entries(value).flatMap(([k, v]) => {
    const p = path ? `${path}.${k}` : k;
    return typeof v === 'string' && (k === 'url' || k === 'website') ? [[p, v] as [string, string]] : urlsIn(v, p);
  });
}

/**
 * Web addresses that are not https. A web address people are sent to (a service's website,
 * a topic's or the crisis block's citations) must be https: an error. A source's address only
 * records where a fact was read, and old or archived pages may only exist over http: a warning.
 */
export function checkHttps(raw: RawDirectory): Finding[] {
  const out: Finding[] = [];
  for (const f of raw.services) {
    const website = str(contactOf(f)?.website);
    if (website !== undefined && NOT_HTTPS.test(website)) out.push(finding(f, 'not-https', 'error', 'contact.website', httpsError(website)));
    sourcesOf(f).forEach((s, i) => {
      const url = str(s.url);
      if (url !== undefined && NOT_HTTPS.test(url)) out.push(finding(f, 'not-https', 'warning', `sources[${i}].url`, httpsWarning(url)));
    });
  }
  for (const f of [...raw.topics, ...(raw.crisis ? [raw.crisis] : [])]) {
    const record = f === raw.crisis ? 'crisis' : recordId(f);
    for (const [field, url] of urlsIn(f.value)) {
      if (NOT_HTTPS.test(url)) out.push(finding(f, 'not-https', 'error', field, httpsError(url), record));
    }
  }
  for (const f of raw.places) {
    const record = f.file.replace(/^.*[\\/]/, '').replace(/\.json$/, '');
    for (const [field, url] of urlsIn(f.value)) {
      if (NOT_HTTPS.test(url)) out.push(finding(f, 'not-https', 'warning', field, httpsWarning(url), record));
    }
  }
  return out;
}

/** A contact detail that no source lists in its `supports` (a text word is covered by `text`). */
export function checkContactSources(services: readonly RawFile[]): Finding[] {
  const out: Finding[] = [];
  for (const f of services) {
    const contact = contactOf(f);
    if (!contact) continue;
    const supported = new Set(sourcesOf(f).flatMap((s) => (Array.isArray(s.supports) ? s.supports.filter((x): x is string => typeof x === 'string') : [])));
    for (const field of CONTACT_FIELDS) {
      if (!contact[field]) continue;
      if (supported.has(field) || (field === 'textMessage' && supported.has('text'))) continue;
      out.push(finding(f, 'unsupported-contact', 'error', `contact.${field}`, `has no source: add a source whose 'supports' lists '${field}', or remove the detail`));
    }
  }
  return out;
}

/** `reviewed` and source `checked` dates after today. */
export function checkFutureDates(raw: RawDirectory, today: string): Finding[] {
  const out: Finding[] = [];
  const future = (d: unknown): d is string => isIsoDate(d) && d > today;
  for (const f of raw.services) {
    if (!isObj(f.value)) continue;
    if (future(f.value.reviewed)) {
      out.push(finding(f, 'future-date', 'error', 'reviewed', `'${f.value.reviewed}' is in the future (today is ${today}): use the date the record was actually reviewed`));
    }
    sourcesOf(f).forEach((s, i) => {
      if (future(s.checked)) {
        out.push(finding(f, 'future-date', 'error', `sources[${i}].checked`, `'${s.checked}' is in the future (today is ${today}): use the date the source was actually read`));
      }
    });
  }
  for (const f of [...raw.topics, ...(raw.crisis ? [raw.crisis] : [])]) {
    if (isObj(f.value) && future(f.value.reviewed)) {
      const record = f === raw.crisis ? 'crisis' : recordId(f);
      out.push(finding(f, 'future-date', 'error', 'reviewed', `'${f.value.reviewed}' is in the future (today is ${today}): use the date it was actually reviewed`, record));
    }
  }
  return out;
}

const fileOf = (services: readonly RawFile[], id: string) => services.find((f) => recordId(f) === id);

/**
 * The freshness rules (see maintain/freshness.ts): old evidence for a contact detail, a crisis
 * line not confirmed within the year, a known change date that has passed. All warnings: the
 * data is not wrong, but a maintainer should re-check it.
 */
export function checkFreshness(raw: RawDirectory, today: string): Finding[] {
  const out: Finding[] = [];
  const values = raw.services.map((f) => f.value);
  for (const c of staleContacts(values, today)) {
    const f = fileOf(raw.services, c.id)!;
    out.push(finding(f, 'stale-contact', 'warning', `contact.${c.field}`,
      `'${c.value}': its newest source is from ${c.newest!.date} (${c.newest!.url}), more than ${CONTACT_STALE_MONTHS} months ago: ` +
        "find a current page that shows it (the provider's own, newest first) and add it as a source, or remove the detail"));
  }
  const lineIds = isObj(raw.crisis?.value) && Array.isArray(raw.crisis.value.lines) ? raw.crisis.value.lines.filter((l): l is string => typeof l === 'string') : [];
  const lines = lineIds.map((id) => fileOf(raw.services, id)).filter((f): f is RawFile => f !== undefined);
  for (const c of crisisLinesToConfirm(lines.map((f) => f.value), today)) {
    const f = fileOf(raw.services, c.id)!;
    out.push(finding(f, 'crisis-unconfirmed', 'warning', `contact.${c.field}`,
      `crisis line '${c.value}' ${c.newest ? `was last shown by a source from ${c.newest.date}` : 'has no dated source'}, more than ${CRISIS_CONFIRM_MONTHS} months ago: ` +
        "a maintainer must confirm it on the provider's current page and add that page as a source"));
  }
  for (const k of knownChanges(values, today).filter((c) => c.passed)) {
    const f = fileOf(raw.services, k.id)!;
    out.push(finding(f, 'known-change-passed', 'warning', 'knownChange.date',
      `'${k.date}' has passed (${k.what}): check the provider or commissioner, then update the record, retire it, or move the date`));
  }
  return out;
}

/**
 * Each Place x topic cell with only national services needs a recorded reason in
 * coverage-gaps.json; a recorded reason for a cell that now has a local service is out of date.
 */
export function checkCoverageReasons(directory: Directory): Finding[] {
  const out: Finding[] = [];
  const file = { file: 'coverage-gaps.json', value: undefined } as RawFile;
  const reasonFor = (topic: string, place: string) => directory.coverageGaps.find((g) => g.topic === topic && (g.places as string[]).includes(place));
  for (const topic of TOPIC_IDS) {
    for (const place of PLACE_IDS) {
      const local = directory.services.some((s) => s.topics.includes(topic) && s.places.includes(place) && s.area !== 'national');
      const reason = reasonFor(topic, place);
      if (!local && !reason) {
        out.push(finding(file, 'coverage-gap', 'warning', undefined,
          `staff in '${place}' get only national services for '${topic}': add a local service from a current source, or record why there is none`, `${topic}/${place}`));
      } else if (local && reason) {
        out.push(finding(file, 'coverage-gap', 'warning', undefined,
          `a reason is recorded for '${topic}' in '${place}', but a local service now covers it: remove '${place}' from that entry`, `${topic}/${place}`));
      }
    }
  }
  return out;
}

/** Every extra check over the raw files, in a stable order (by file, then rule order above). */
export function checkRaw(raw: RawDirectory, options: CheckOptions): Finding[] {
  const findings = [
    ...checkDuplicateIds(raw.services),
    ...checkUnknownIds(raw),
    ...checkPhoneFormats(raw.services),
    ...checkSharedPhones(raw.services),
    ...checkHttps(raw),
    ...checkContactSources(raw.services),
    ...checkFutureDates(raw, options.today),
    ...checkFreshness(raw, options.today),
  ];
  return findings.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/** The same checks over a Directory that loadDirectory has already loaded (e.g. at bot start-up). */
export function checkDirectory(directory: Directory, options: CheckOptions): Finding[] {
  return checkRaw(
    {
      services: directory.services.map((s) => ({ file: join('services', `${s.id}.json`), value: s })),
      topics: directory.topics.map((t) => ({ file: join('topics', `${t.id}.json`), value: t })),
      crisis: { file: 'crisis.json', value: directory.crisis },
      places: [{ file: join('places', 'places.json'), value: { places: directory.places } }],
    },
    options,
  );
}
