import { guardedCsv } from '../maintain/csv';
import { type ActivityReport, type Dimension, labelOf, type Names } from './report';

const HEADINGS: Record<Dimension, string> = {
  week: 'Week beginning', month: 'Month', topic: 'Topic', place: 'Place', outcome: 'Outcome', setting: 'Setting',
  'age-band': 'Age band', organisation: 'Organisation', intervention: 'National intervention',
};

/** The report as rows of labels: what a lead reads, already suppressed. */
function rows(report: ActivityReport, names: Names): string[][] {
  return report.rows.map((r) => [...report.by.map((d) => labelOf(d, r.values[d], names)), String(r.conversations)]);
}

export function reportCsv(report: ActivityReport, names: Names): string {
  return guardedCsv([[...report.by.map((d) => HEADINGS[d]), 'Conversations'], ...rows(report, names), ...(report.by.length ? [[...report.by.map((_, i) => (i ? '' : 'Total')), String(report.total)]] : [])]);
}

export function reportJson(report: ActivityReport, names: Names): string {
  return `${JSON.stringify({
    from: report.from, to: report.to, by: report.by, total: report.total,
    note: 'Counts of 1 to 4 are shown as "<5".',
    rows: report.rows.map((r) => ({ ...Object.fromEntries(report.by.map((d) => [d, r.values[d]])), ...Object.fromEntries(report.by.map((d) => [`${d}Label`, labelOf(d, r.values[d], names)])), conversations: r.conversations })),
  }, null, 2)}\n`;
}

export function reportText(report: ActivityReport, names: Names): string {
  const header = [...report.by.map((d) => HEADINGS[d]), 'Conversations'];
  const body = rows(report, names);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
  const range = `${report.from ?? 'the first record'} to ${report.to ?? 'the latest'}`;
  const out = [`MECC conversations recorded, ${range}: ${report.total}`, ''];
  if (report.by.length) out.push(line(header), ...body.map(line), '');
  out.push('Counts of 1 to 4 are shown as <5.');
  return `${out.join('\n')}\n`;
}
