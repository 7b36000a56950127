import { join } from 'node:path';
import { guardedCsv } from './csv';
import type { Directory } from '../directory/load';
import { PLACE_IDS, type PlaceId, TOPIC_IDS, type TopicId } from '../directory/ids';
import type { Service } from '../directory/schema';
import { addMonths, daysBetween } from './dates';

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
  stale: StaleRecord[];
  missingContact: MissingContact[];
  coverage: CoverageCell[];
  topics: TopicCount[];
  places: PlaceCount[];
}

export const REPORT_SECTIONS = ['stale', 'missing-contact', 'coverage', 'topics', 'places'] as const;
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

  const missingContact = directory.services
    .filter((s) => !s.contact.phone && !s.contact.text && !s.contact.email && !s.contact.website)
    .map((s) => ({ id: s.id, name: s.name, file: join('services', `${s.id}.json`), area: s.area }))
    .sort((a, b) => a.id.localeCompare(b.id));

  const coverage: CoverageCell[] = [];
  for (const topic of TOPIC_IDS) {
    for (const place of PLACE_IDS) {
      const here = directory.services.filter((s) => s.topics.includes(topic) && s.places.includes(place));
      const local = here.filter((s) => s.area !== 'national').map((s) => s.id);
      const national = here.filter((s) => s.area === 'national').map((s) => s.id);
      coverage.push({ topic, place, local, national, nationalOnly: local.length === 0 });
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
  return { today, months, stale, missingContact, coverage, topics, places };
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

/** The report as plain text for the terminal. */
export function renderReportText(report: Report): string {
  const out: string[] = [];
  const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

  out.push(`Directory report for ${report.today} (records are due a review ${report.months} months after 'reviewed')`, '');

  out.push(`1. Past their review date: ${plural(report.stale.length, 'record')}, oldest first`);
  if (report.stale.length) {
    out.push(...table(['reviewed', 'due by', 'days over', 'kind', 'id', 'name'],
      report.stale.map((s) => [s.reviewed, s.due, s.daysOverdue, s.kind, s.id, s.name]), (i) => i === 2).map((l) => `   ${l}`));
    out.push("   Re-check each against its sources, then set 'reviewed' to the date you checked it.");
  } else {
    out.push('   None: every record was reviewed within the period.');
  }
  out.push('');

  out.push(`2. Services with no way to contact them (no phone, text, email or website): ${plural(report.missingContact.length, 'service')}`);
  if (report.missingContact.length) {
    out.push(...table(['id', 'area', 'name'], report.missingContact.map((m) => [m.id, m.area, m.name])).map((l) => `   ${l}`));
    out.push("   Staff can only pass on the name: find a contact route in a current source, or say how to reach the service in 'description'.");
  } else {
    out.push('   None.');
  }
  out.push('');

  const gaps = report.coverage.filter((c) => c.nationalOnly);
  out.push(`3. Coverage: local services for each topic in each Place (${plural(gaps.length, 'gap')})`);
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

  out.push('4. Services per topic');
  out.push(...table(['topic', 'services', 'local', 'national', 'Places with national only'],
    report.topics.map((t) => [t.topic, t.services, t.local, t.national, t.placesWithNationalOnly]), (i) => i > 0).map((l) => `   ${l}`));
  out.push('');

  out.push('5. Services per Place');
  out.push(...table(['Place', 'services', 'local', 'topics with national only'],
    report.places.map((p) => [`${p.name} (${p.place})`, p.services, p.local, p.topicsWithNationalOnly]), (i) => i > 0).map((l) => `   ${l}`));
  return `${out.join('\n')}\n`;
}

/** One section of the report as rows for a spreadsheet (first row: headings). */
export function reportRows(report: Report, section: ReportSection): string[][] {
  switch (section) {
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
 * The report as CSV: one section, or all five one after another, each under a title row and
 * separated by an empty row (a spreadsheet shows them one below the other).
 */
export function renderReportCsv(report: Report, only?: ReportSection): string {
  if (only) return guardedCsv(reportRows(report, only));
  return REPORT_SECTIONS.map((s) => guardedCsv([[`# ${s}`], ...reportRows(report, s)])).join('\r\n');
}

export function renderReportJson(report: Report, only?: ReportSection): string {
  const value = only
    ? { stale: report.stale, 'missing-contact': report.missingContact, coverage: report.coverage, topics: report.topics, places: report.places }[only]
    : report;
  return `${JSON.stringify(value, null, 2)}\n`;
}
