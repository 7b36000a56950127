/**
 * When the weekly digest is due: DIGEST_SCHEDULE is a weekday and a 24-hour time in UK time
 * ('monday 09:00'), or 'off'. Each week's slot has a key (the slot's date), which the first
 * instance to claim it in the shared store posts; the others see it taken.
 */
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

export interface DigestSchedule {
  day: number;
  minutes: number;
}

export function parseSchedule(text: string): DigestSchedule | undefined {
  const m = /^([a-z]{3})[a-z]* (\d\d):(\d\d)$/.exec(text.trim().toLowerCase());
  if (!m || !DAYS.includes(m[1])) return undefined;
  return { day: DAYS.indexOf(m[1]), minutes: Number(m[2]) * 60 + Number(m[3]) };
}

/** The date, weekday and minute of the day in the UK at `now` (GMT or BST as it falls). */
function ukParts(now: Date): { date: string; day: number; minutes: number } {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit', weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(now).map((p) => [p.type, p.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, day: DAYS.indexOf(String(parts.weekday).toLowerCase().slice(0, 3)), minutes: Number(parts.hour) * 60 + Number(parts.minute) };
}

/** The key of the latest slot at or before `now` (its UK date), so a digest missed while the bot was down is posted when it is back that week. */
export function currentSlot(schedule: DigestSchedule, now: Date): string {
  const uk = ukParts(now);
  let back = (uk.day - schedule.day + 7) % 7;
  if (back === 0 && uk.minutes < schedule.minutes) back = 7;
  const [y, m, d] = uk.date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d - back)).toISOString().slice(0, 10);
}
