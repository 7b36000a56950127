/**
 * The State Pension age, for reading "a year off retirement" as an age. Staff mean the State
 * Pension age when they say retirement without a date; the age depends on the date of birth
 * and, since the rise from 66 to 67 between 2026 and 2028, on today's date too.
 *
 * The timetable is the Pensions Act 2014's (sources, checked 2026-12-02):
 * - https://webarchive.nationalarchives.gov.uk/20121016174659/http:/www.direct.gov.uk/en/Nl1/Newsroom/SpendingReview/DG_192159
 *   (born 6 April 1960 to 5 March 1961: 66 years and 1 to 11 months; born from 6 March 1961: 67)
 * - https://github.com/dwp/get-state-pension-date (DWP's own calculator of the same timetable:
 *   67 to 5 April 1977, then 68 for those born after 5 April 1978, phased in between)
 * A later Act can change it: this table is then the one place to change.
 */

const DAY = 24 * 60 * 60 * 1000;
const YEAR = 365.2425 * DAY;

const utc = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d);

/** The State Pension age, in years, of someone born on `birth` (a UTC time). */
export function statePensionAge(birth: number): number {
  if (birth < utc(1960, 4, 6)) return 66;
  if (birth < utc(1961, 3, 6)) {
    // One month more for each month of birth after 5 April 1960.
    const d = new Date(birth - 5 * DAY);
    const months = (d.getUTCFullYear() - 1960) * 12 + d.getUTCMonth() - 3 + 1;
    return 66 + Math.min(11, Math.max(1, months)) / 12;
  }
  if (birth < utc(1977, 4, 6)) return 67;
  if (birth < utc(1978, 4, 6)) return 67 + (birth - utc(1977, 4, 6)) / YEAR;
  return 68;
}

/**
 * How old someone is on `today` who reaches State Pension age `yearsAway` years from now: the
 * person born on the latest day whose pension date is not after then.
 */
export function ageBeforePension(yearsAway: number, today: Date): number {
  const now = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());
  const target = now + yearsAway * YEAR;
  // Birth dates a week apart, oldest first, from 70 years ago: the first to reach State Pension age after the target.
  for (let birth = now - 70 * YEAR; birth < now; birth += 7 * DAY) {
    if (birth + statePensionAge(birth) * YEAR > target) return (now - birth) / YEAR;
  }
  return 0;
}
