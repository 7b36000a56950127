import type { Directory } from '../directory/load';
import { daysBetween } from '../maintain/dates';
import { buildReport, type CoverageCell, type MissingContact, type StaleRecord } from '../maintain/report';
import type { Report } from '../reports/report';
import type { Proposal } from './proposal';
import type { ReleaseConflict } from './published';

/** How old a staff report is before the digest lists it. */
export const OLD_REPORT_DAYS = 7;

export interface Digest {
  today: string;
  /** Services, topics and the crisis block past their review date, oldest first. */
  stale: StaleRecord[];
  /** Open staff reports older than OLD_REPORT_DAYS, oldest first. */
  oldReports: { report: Report; days: number }[];
  missingContact: MissingContact[];
  /** Place x topic cells with only national services: those with no recorded reason first. */
  gaps: CoverageCell[];
  /** Changes proposed and not yet decided. */
  waiting: Proposal[];
  /** Published changes a newer release of the files disagrees with. */
  conflicts: ReleaseConflict[];
}

/**
 * The week's digest for the maintainers' channel, from the same report as
 * `npm run directory -- report` (so the two agree), the staff reports and the open proposals.
 */
export function buildDigest(directory: Directory, input: { today: string; reports: Report[]; waiting: Proposal[]; conflicts: ReleaseConflict[] }): Digest {
  const report = buildReport(directory, { today: input.today });
  const oldReports = input.reports
    .filter((r) => r.status === 'open')
    .map((r) => ({ report: r, days: daysBetween(r.createdAt.slice(0, 10), input.today) }))
    .filter((r) => r.days > OLD_REPORT_DAYS)
    .sort((a, b) => b.days - a.days);
  const gaps = report.coverage.filter((c) => c.nationalOnly).sort((a, b) => Number(Boolean(a.reason)) - Number(Boolean(b.reason)));
  return { today: input.today, stale: report.stale, oldReports, missingContact: report.missingContact, gaps, waiting: input.waiting, conflicts: input.conflicts };
}

/** Nothing in the digest asks for a maintainer's attention (recorded gaps alone do not). */
export function digestIsQuiet(d: Digest): boolean {
  return !d.stale.length && !d.oldReports.length && !d.missingContact.length && !d.gaps.some((g) => !g.reason) && !d.waiting.length && !d.conflicts.length;
}
