/**
 * How current the evidence for each contact detail is, for `validate` (warnings) and `report`.
 *
 * - A contact detail (phone, text, email, website) whose newest source is older than
 *   CONTACT_STALE_MONTHS is stale: a warning, listed in the report.
 * - A crisis line whose newest source is older than CRISIS_CONFIRM_MONTHS needs confirming by the
 *   maintainers: it heads the report.
 * - A record with a known change date (a contract's end, a fund's last day) is flagged once the
 *   date is reached.
 *
 * A source vouches for a detail as of its page's own date (`pageDate`), read as the last day of
 * the period it names ('2021' is 2021-12-31): the warning means the page is certainly older than
 * the limit. An undated page vouches as of the day it was checked (it showed the detail then);
 * the report counts the details that rest only on undated pages, so maintainers can date them.
 *
 * Pure: works on records as read from their files (which may not pass the schema), with today
 * passed in.
 */
import { addMonths, isIsoDate } from './dates';

export const CONTACT_STALE_MONTHS = 24;
export const CRISIS_CONFIRM_MONTHS = 12;

/** The contact fields that freshness applies to (a text word goes with its number). */
export const FRESHNESS_FIELDS = ['phone', 'text', 'email', 'website'] as const;
export type FreshnessField = (typeof FRESHNESS_FIELDS)[number];

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The last day of the period a page date names: '2021' -> 2021-12-31, '2021-02' -> 2021-02-28. */
export function endOfPageDate(pageDate: string): string | undefined {
  if (isIsoDate(pageDate)) return pageDate;
  if (/^\d{4}$/.test(pageDate)) return `${pageDate}-12-31`;
  const m = /^(\d{4})-(\d{2})$/.exec(pageDate);
  if (!m) return undefined;
  const last = new Date(Date.UTC(Number(m[1]), Number(m[2]), 0)).getUTCDate();
  const iso = `${m[1]}-${m[2]}-${String(last).padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : undefined;
}

export interface Evidence {
  /** The date the source vouches for the detail (see the module note). */
  date: string;
  /** The page has no date of its own: `date` is the day it was checked. */
  undated: boolean;
  url: string;
}

/** What one source vouches for, or undefined if it carries no usable date at all. */
export function evidenceOf(source: unknown): Evidence | undefined {
  if (!isObj(source)) return undefined;
  const url = typeof source.url === 'string' ? source.url : '';
  const page = typeof source.pageDate === 'string' ? endOfPageDate(source.pageDate) : undefined;
  if (page) return { date: page, undated: false, url };
  if (isIsoDate(source.checked)) return { date: source.checked, undated: true, url };
  return undefined;
}

export interface ContactEvidence {
  id: string;
  name: string;
  field: FreshnessField;
  value: string;
  /** The newest evidence for the detail; undefined when no source backs it (validate's own error). */
  newest?: Evidence;
}

function supports(source: unknown, field: FreshnessField): boolean {
  return isObj(source) && Array.isArray(source.supports) && source.supports.includes(field);
}

/** The newest evidence for each contact detail of one service. */
export function contactEvidence(service: unknown): ContactEvidence[] {
  if (!isObj(service) || !isObj(service.contact)) return [];
  const id = typeof service.id === 'string' ? service.id : '?';
  const name = typeof service.name === 'string' ? service.name : id;
  const sources = Array.isArray(service.sources) ? service.sources : [];
  const out: ContactEvidence[] = [];
  for (const field of FRESHNESS_FIELDS) {
    const value = service.contact[field];
    if (typeof value !== 'string' || !value) continue;
    let newest: Evidence | undefined;
    for (const s of sources) {
      if (!supports(s, field)) continue;
      const e = evidenceOf(s);
      // The newest date wins; on a tie a dated page beats an undated one.
      if (e && (!newest || e.date > newest.date || (e.date === newest.date && newest.undated && !e.undated))) newest = e;
    }
    out.push({ id, name, field, value, newest });
  }
  return out;
}

const isRetired = (service: unknown) => isObj(service) && service.retired !== undefined;

/** Contact details, of services staff are offered, whose newest source is older than `months`. */
export function staleContacts(services: readonly unknown[], today: string, months = CONTACT_STALE_MONTHS): ContactEvidence[] {
  const limit = addMonths(today, -months);
  return services
    .filter((s) => !isRetired(s))
    .flatMap(contactEvidence)
    .filter((c) => c.newest && c.newest.date < limit)
    .sort((a, b) => a.newest!.date.localeCompare(b.newest!.date) || a.id.localeCompare(b.id));
}

/** Contact details that rest only on undated pages (their age is the day they were checked). */
export function undatedContacts(services: readonly unknown[]): ContactEvidence[] {
  return services.filter((s) => !isRetired(s)).flatMap(contactEvidence).filter((c) => c.newest?.undated);
}

/**
 * The crisis lines (in crisis.json order) with a contact detail whose newest source is older than
 * `months`: a maintainer must confirm each against the provider's own current page.
 */
export function crisisLinesToConfirm(lines: readonly unknown[], today: string, months = CRISIS_CONFIRM_MONTHS): ContactEvidence[] {
  const limit = addMonths(today, -months);
  return lines.flatMap(contactEvidence).filter((c) => !c.newest || c.newest.date < limit);
}

export interface KnownChange {
  id: string;
  name: string;
  date: string;
  what: string;
  /** The date has been reached: re-check the record against the provider or commissioner. */
  passed: boolean;
}

/** Records with a known change date, soonest first; `passed` once today reaches the date. */
export function knownChanges(services: readonly unknown[], today: string): KnownChange[] {
  const out: KnownChange[] = [];
  for (const s of services) {
    if (!isObj(s) || isRetired(s) || !isObj(s.knownChange)) continue;
    const { date, what } = s.knownChange;
    if (!isIsoDate(date)) continue;
    const id = typeof s.id === 'string' ? s.id : '?';
    out.push({ id, name: typeof s.name === 'string' ? s.name : id, date, what: typeof what === 'string' ? what : '', passed: date <= today });
  }
  return out.sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
}
