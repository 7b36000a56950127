import { join } from 'node:path';
import { guardedCsv } from './csv';
import type { Directory } from '../directory/load';
import { PLACE_IDS, type PlaceId, TOPIC_IDS, type TopicId } from '../directory/ids';
import type { Service } from '../directory/schema';
import { addMonths, daysBetween } from './dates';
import {
  CONTACT_STALE_MONTHS, type ContactEvidence, CRISIS_CONFIRM_MONTHS, crisisLinesToConfirm, type KnownChange, knownChanges, staleContacts,
  undatedContacts,
} from './freshness';

/** A record whose `reviewed` date is more than `months` months before today. */
export interface StaleRecord {
  kind: 'service' | 'topic' | 'crisis';
  id: string;
  name: string;
  file: string;
  reviewed: string;
  /** `reviewed` plus the review period: the date the record should have been reviewed by. */
  due: string;
  daysOverdue: number;
}

export interface MissingContact {
  id: string;
  name: string;
  file: string;
  area: Service['area'];
}

/** One cell of the Place x topic matrix. */
export interface CoverageCell {
  topic: TopicId;
  place: PlaceId;
  /** Services for this topic in this Place that are not national (a Place, county, city or Derby and Derbyshire service). */
  local: string[];
  national: string[];
  /** Staff in this Place would be offered only national services for this topic. */
  nationalOnly: boolean;
  /** For a gap: why there is no local service, as recorded in coverage-gaps.json. */
  reason?: string;
}

/** A contact detail and the newest source that shows it. */
export interface ContactAge {
  id: string;
  name: string;
  field: string;
  value: string;
  newest: string;
  url: string;
}

export interface RetiredRecord {
  id: string;
  name: string;
  date: string;
  reason: string;
  successors: string[];
}

export interface TopicCount {
  topic: TopicId;
  title: string;
  services: number;
  local: number;
  national: number;
  placesWithNationalOnly: number;
}

export interface PlaceCount {
  place: PlaceId;
  name: string;
  services: number;
  local: number;
  topicsWithNationalOnly: number;
}

export interface Report {
  today: string;
  months: number;
  /** Crisis lines whose newest source is older than CRISIS_CONFIRM_MONTHS: they head the report. */
  crisisToConfirm: ContactAge[];
  stale: StaleRecord[];
  /** Contact details whose newest source is older than CONTACT_STALE_MONTHS. */
  staleContacts: ContactAge[];
  /** How many contact details rest only on undated pages. */
  undatedContacts: number;
  knownChanges: KnownChange[];
  retired: RetiredRecord[];
  missingContact: MissingContact[];
  coverage: CoverageCell[];
  topics: TopicCount[];
  places: PlaceCount[];
}

export const REPORT_SECTIONS = ['crisis-confirm', 'stale', 'stale-contacts', 'known-changes', 'missing-contact', 'coverage', 'gaps', 'retired', 'topics', 'places'] as const;
export type ReportSection = (typeof REPORT_SECTIONS)[number];

/** The maintainers' report over a loaded directory. Pure: `today` is passed in. */
export function buildReport(directory: Directory, options: { today: string; months?: number }): Report {
  const months = options.months ?? 12;
  const { today } = options;
  const stale: StaleRecord[] = [];
  const consider = (kind: StaleRecord['kind'], id: string, name: string, file: string, reviewed: string) => {
    const due = addMonths(reviewed, months);
    if (due < today) stale.push({ kind, id, name, file, reviewed, due, daysOverdue: daysBetween(due, today) });
  };
  for (const s of directory.services) consider('service', s.id, s.name, join('services', `${s.id}.json`), s.reviewed);
  for (const t of directory.topics) consider('topic', t.id, t.title, join('topics', `${t.id}.json`), t.reviewed);
  consider('crisis', 'crisis', directory.crisis.title, 'crisis.json', directory.crisis.reviewed);
  stale.sort((a, b) => a.reviewed.localeCompare(b.reviewed) || a.kind.localeCompare(b.kind) || a.id.localeCompare(b.id));

  const age = (c: ContactEvidence): ContactAge => ({ id: c.id, name: c.name, field: c.field, value: c.value, newest: c.newest?.date ?? 'none', url: c.newest?.url ?? '' });
  const crisisToConfirm = crisisLinesToConfirm(directory.crisisLines, today).map(age);
  const oldContacts = staleContacts(directory.services, today).map(age);
  const retired = directory.retired
    .map((s) => ({ id: s.id, name: s.name, date: s.retired!.date, reason: s.retired!.reason, successors: s.retired!.successors ?? [] }))
    .sort((a, b) => a.id.localeCompare(b.id));

  // A service reached through another (access.via) or with written directions is not a dead end.
  const missingContact = directory.services
    .filter((s) => !s.contact.phone && !s.contact.text && !s.contact.email && !s.contact.website && !s.access)
    .map((s) => ({ id: s.id, name: s.name, file: join('services', `${s.id}.json`), area: s.area }))
    .sort((a, b) => a.id.localeCompare(b.id));

  const coverage: CoverageCell[] = [];
  for (const topic of TOPIC_IDS) {
    for (const place of PLACE_IDS) {
      const here = directory.services.filter((s) => s.topics.includes(topic) && s.places.includes(place));
      const local = here.filter((s) => s.area !== 'national').map((s) => s.id);
      const national = here.filter((s) => s.area === 'national').map((s) => s.id);
      const reason = local.length ? undefined : directory.coverageGaps.find((g) => g.topic === topic && g.places.includes(place))?.reason;
      coverage.push({ topic, place, local, national, nationalOnly: local.length === 0, ...(reason ? { reason } : {}) });
    }
  }

  const topics = TOPIC_IDS.map((topic) => {
    const all = directory.services.filter((s) => s.topics.includes(topic));
    return {
      topic,
      title: directory.topic(topic)?.title ?? topic,
      services: all.length,
      local: all.filter((s) => s.area !== 'national').length,
      national: all.filter((s) => s.area === 'national').length,
      placesWithNationalOnly: coverage.filter((c) => c.topic === topic && c.nationalOnly).length,
    };
  });
  const places = PLACE_IDS.map((place) => {
    const all = directory.services.filter((s) => s.places.includes(place));
    return {
      place,
      name: directory.place(place)?.name ?? place,
      services: all.length,
      local: all.filter((s) => s.area !== 'national').length,
      topicsWithNationalOnly: coverage.filter((c) => c.place === place && c.nationalOnly).length,
    };
  });
  return {
    today, months, crisisToConfirm, stale, staleContacts: oldContacts, undatedContacts: undatedContacts(directory.services).length,
    knownChanges: knownChanges(directory.services, today), retired, missingContact, coverage, topics, places,
  };
}

/** Short column headings for the eight Places. */
export const PLACE_SHORT: Record<PlaceId, string> = {
  'high-peak': 'HP',
  'derbyshire-dales': 'DD',
  chesterfield: 'CHE',
  'bolsover-north-east': 'BNE',
  erewash: 'ERE',
  'amber-valley': 'AV',
  'south-derbyshire': 'SD',
  'derby-city': 'DC',
};

/** The marker for a cell where staff would get only national services. */
export const NATIONAL_ONLY = 'NAT!';

function table(headers: string[], rows: (string | number)[][], rightAlign: (i: number) => boolean = () => false): string[] {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (rightAlign(i) ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)];
}

/** Gaps grouped by their reason (cells without one last), in topic order. */
function groupGaps(gaps: CoverageCell[]): [string | undefined, CoverageCell[]][] {
  const groups = new Map<string | undefined, CoverageCell[]>();
  for (const g of gaps) groups.set(g.reason, [...(groups.get(g.reason) ?? []), g]);
  return [...groups].sort(([a], [b]) => (a === undefined ? 1 : b === undefined ? -1 : 0));
}

/** The report as plain text for the terminal. */
export function renderReportText(report: Report): string {
  const out: string[] = [];
  const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

  out.push(`Directory report for ${report.today} (records are due a review ${report.months} months after 'reviewed')`, '');

  out.push(`CRISIS LINES TO CONFIRM (newest source older than ${CRISIS_CONFIRM_MONTHS} months): ${plural(report.crisisToConfirm.length, 'detail')}`);
  if (report.crisisToConfirm.length) {
    out.push(...table(['newest source', 'id', 'field', 'value', 'source'],
      report.crisisToConfirm.map((c) => [c.newest, c.id, c.field, c.value, c.url])).map((l) => `   ${l}`));
    out.push("   A maintainer must confirm each on the provider's own current page, add that page as a source (with its pageDate), and set 'reviewed'.");
  } else {
    out.push(`   None: every crisis line was shown by a source within ${CRISIS_CONFIRM_MONTHS} months.`);
  }
  out.push('');

  out.push(`1. Past their review date: ${plural(report.stale.length, 'record')}, oldest first`);
  if (report.stale.length) {
    out.push(...table(['reviewed', 'due by', 'days over', 'kind', 'id', 'name'],
      report.stale.map((s) => [s.reviewed, s.due, s.daysOverdue, s.kind, s.id, s.name]), (i) => i === 2).map((l) => `   ${l}`));
    out.push("   Re-check each against its sources, then set 'reviewed' to the date you checked it.");
  } else {
    out.push('   None: every record was reviewed within the period.');
  }
  out.push('');

  out.push(`2. Contact details whose newest source is older than ${CONTACT_STALE_MONTHS} months (warnings): ${plural(report.staleContacts.length, 'detail')}, oldest first`);
  if (report.staleContacts.length) {
    out.push(...table(['newest source', 'id', 'field', 'value'], report.staleContacts.map((c) => [c.newest, c.id, c.field, c.value])).map((l) => `   ${l}`));
    out.push("   Find a current page that shows each (the provider's own first), add it as a source with its pageDate, or remove the detail.");
  } else {
    out.push('   None.');
  }
  out.push(`   ${plural(report.undatedContacts, 'contact detail')} rest only on undated pages (counted from the day they were checked).`, '');

  const passed = report.knownChanges.filter((k) => k.passed);
  out.push(`3. Known changes (contract ends, funds' last days): ${passed.length} passed, ${report.knownChanges.length - passed.length} to come`);
  if (report.knownChanges.length) {
    out.push(...table(['date', 'status', 'id', 'what'], report.knownChanges.map((k) => [k.date, k.passed ? 'PASSED' : 'to come', k.id, k.what])).map((l) => `   ${l}`));
    if (passed.length) out.push('   PASSED: check the provider or commissioner, then update the record, retire it, or move the date.');
  } else {
    out.push('   None recorded.');
  }
  out.push('');

  out.push(`4. Services with no way to contact them (no phone, text, email, website or access route): ${plural(report.missingContact.length, 'service')}`);
  if (report.missingContact.length) {
    out.push(...table(['id', 'area', 'name'], report.missingContact.map((m) => [m.id, m.area, m.name])).map((l) => `   ${l}`));
    out.push("   Staff can only pass on the name: find a contact route in a current source, or write how to reach it in 'access'.");
  } else {
    out.push('   None.');
  }
  out.push('');

  const gaps = report.coverage.filter((c) => c.nationalOnly);
  out.push(`5. Coverage: local services for each topic in each Place (${plural(gaps.length, 'gap')})`);
  out.push(`   A number counts the services that are not national (Place, county-wide, city-wide or Derby and Derbyshire).`);
  out.push(`   ${NATIONAL_ONLY} marks a gap: staff in that Place would get only national services for the topic.`);
  const headers = ['topic', ...PLACE_IDS.map((p) => PLACE_SHORT[p])];
  const rows = [...new Set(report.coverage.map((c) => c.topic))].map((topic) => [
    topic,
    ...PLACE_IDS.map((place) => {
      const cell = report.coverage.find((c) => c.topic === topic && c.place === place)!;
      return cell.nationalOnly ? NATIONAL_ONLY : String(cell.local.length);
    }),
  ]);
  out.push(...table(headers, rows, (i) => i > 0).map((l) => `   ${l}`));
  const byPlace = new Map(report.places.map((p) => [p.place, p.name]));
  out.push(`   Places: ${PLACE_IDS.map((p) => `${PLACE_SHORT[p]} = ${byPlace.get(p) ?? p}`).join(', ')}`, '');

  out.push(`6. Why each gap has no local service: ${gaps.filter((g) => !g.reason).length} without a recorded reason`);
  for (const [reason, cells] of groupGaps(gaps)) {
    const topics = [...new Set(cells.map((c) => c.topic))];
    const where = topics.map((t) => `${t} in ${cells.filter((c) => c.topic === t).map((c) => PLACE_SHORT[c.place]).join(', ')}`).join('; ');
    out.push(`   - ${where}: ${reason ?? 'NO REASON RECORDED: add a local service from a current source, or record why in coverage-gaps.json'}`);
  }
  if (!gaps.length) out.push('   No gaps.');
  out.push('');

  out.push(`7. Retired services (kept in the data, never shown to staff): ${plural(report.retired.length, 'service')}`);
  for (const r of report.retired) {
    out.push(`   - ${r.id} (${r.date}): ${r.reason}${r.successors.length ? ` Replaced by: ${r.successors.join(', ')}.` : ''}`);
  }
  if (!report.retired.length) out.push('   None.');
  out.push('');

  out.push('8. Services per topic');
  out.push(...table(['topic', 'services', 'local', 'national', 'Places with national only'],
    report.topics.map((t) => [t.topic, t.services, t.local, t.national, t.placesWithNationalOnly]), (i) => i > 0).map((l) => `   ${l}`));
  out.push('');

  out.push('9. Services per Place');
  out.push(...table(['Place', 'services', 'local', 'topics with national only'],
    report.places.map((p) => [`${p.name} (${p.place})`, p.services, p.local, p.topicsWithNationalOnly]), (i) => i > 0).map((l) => `   ${l}`));
  return `${out.join('\n')}\n`;
}

/** One section of the report as rows for a spreadsheet (first row: headings). */
export function reportRows(report: Report, section: ReportSection): string[][] {
  const ages = (list: ContactAge[]) => [['id', 'name', 'field', 'value', 'newest_source', 'source_url'], ...list.map((c) => [c.id, c.name, c.field, c.value, c.newest, c.url])];
  switch (section) {
    case 'crisis-confirm':
      return ages(report.crisisToConfirm);
    case 'stale-contacts':
      return ages(report.staleContacts);
    case 'known-changes':
      return [['id', 'name', 'date', 'passed', 'what'], ...report.knownChanges.map((k) => [k.id, k.name, k.date, k.passed ? 'yes' : 'no', k.what])];
    case 'gaps':
      return [['topic', 'place', 'reason'], ...report.coverage.filter((c) => c.nationalOnly).map((c) => [c.topic, c.place, c.reason ?? ''])];
    case 'retired':
      return [['id', 'name', 'date', 'reason', 'successors'], ...report.retired.map((r) => [r.id, r.name, r.date, r.reason, r.successors.join('; ')])];
    case 'stale':
      return [['kind', 'id', 'name', 'file', 'reviewed', 'due', 'days_overdue'],
        ...report.stale.map((s) => [s.kind, s.id, s.name, s.file, s.reviewed, s.due, String(s.daysOverdue)])];
    case 'missing-contact':
      return [['id', 'name', 'file', 'area'], ...report.missingContact.map((m) => [m.id, m.name, m.file, m.area])];
    case 'coverage': {
      const topics = [...new Set(report.coverage.map((c) => c.topic))];
      return [['topic', ...PLACE_IDS],
        ...topics.map((topic) => [topic, ...PLACE_IDS.map((place) => {
          const cell = report.coverage.find((c) => c.topic === topic && c.place === place)!;
          return cell.nationalOnly ? 'national only' : String(cell.local.length);
        })])];
    }
    case 'topics':
      return [['topic', 'title', 'services', 'local', 'national', 'places_with_national_only'],
        ...report.topics.map((t) => [t.topic, t.title, String(t.services), String(t.local), String(t.national), String(t.placesWithNationalOnly)])];
    case 'places':
      return [['place', 'name', 'services', 'local', 'topics_with_national_only'],
        ...report.places.map((p) => [p.place, p.name, String(p.services), String(p.local), String(p.topicsWithNationalOnly)])];
  }
}

/**
 * The report as CSV: one section, or all of them one after another, each under a title row and
 * separated by an empty row (a spreadsheet shows them one below the other).
 */
export function renderReportCsv(report: Report, only?: ReportSection): string {
  if (only) return guardedCsv(reportRows(report, only));
  return REPORT_SECTIONS.map((s) => guardedCsv([[`# ${s}`], ...reportRows(report, s)])).join('\r\n');
}

export function renderReportJson(report: Report, only?: ReportSection): string {
  const value = only
    ? {
      'crisis-confirm': report.crisisToConfirm,
      stale: report.stale,
      'stale-contacts': report.staleContacts,
      'known-changes': report.knownChanges,
      'missing-contact': report.missingContact,
      coverage: report.coverage,
      gaps: report.coverage.filter((c) => c.nationalOnly),
      retired: report.retired,
      topics: report.topics,
      places: report.places,
    }[only]
    : report;
  return `${JSON.stringify(value, null, 2)}\n`;
}
