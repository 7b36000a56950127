import type { PlaceId, TopicId } from '../directory/ids';
import type { ActivityEvent } from './record';
import { AGE_BANDS, type AgeBandId, CORRECTION_MINUTES, NATIONAL_INTERVENTIONS, OUTCOMES, type OutcomeId, SETTINGS, type SettingId } from './vocabulary';

/** One Quality Conversation: a card's taps reduced to the answer that stands. */
export interface RecordedConversation {
  key: string;
  topic: TopicId;
  place: PlaceId | null;
  outcome: OutcomeId;
  setting: SettingId | null;
  ageBand: AgeBandId | null;
  organisation: string;
  staff: string;
  /** When it was first recorded: the conversation's date in every report. */
  at: string;
}

/**
 * Reduces taps to conversations: one per card, dated by its first tap, with the latest tap
 * made within the correction window. A double tap, or taps stored twice by two instances,
 * are still one conversation.
 */
export function conversationsFrom(taps: Iterable<ActivityEvent>): RecordedConversation[] {
  // ISO times in UTC compare as strings; only a corrected card needs its times parsed.
  const byCard = new Map<string, { first: ActivityEvent; latest: ActivityEvent }>();
  for (const tap of taps) {
    const seen = byCard.get(tap.key);
    if (!seen) {
      byCard.set(tap.key, { first: tap, latest: tap });
      continue;
    }
    if (tap.at < seen.first.at) seen.first = tap;
    if (tap.at >= seen.latest.at) seen.latest = tap;
  }
  const out: RecordedConversation[] = [];
  for (const { first, latest } of byCard.values()) {
    // A tap after the window is never stored; should one be found, the first answer stands.
    const answer = latest === first || Date.parse(latest.at) - Date.parse(first.at) <= CORRECTION_MINUTES * 60_000 ? latest : first;
    out.push({ key: first.key, topic: first.topic, place: first.place, outcome: answer.outcome, setting: answer.setting, ageBand: answer.ageBand, organisation: first.organisation, staff: first.staff, at: first.at });
  }
  return out;
}

export const DIMENSIONS = ['week', 'month', 'topic', 'place', 'outcome', 'setting', 'age-band', 'organisation', 'intervention'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

const weeks = new Map<string, string>();
/** The Monday (UTC) of the ISO week a time falls in, as YYYY-MM-DD. */
export function weekOf(iso: string): string {
  const day = iso.slice(0, 10);
  let week = weeks.get(day);
  if (!week) {
    week = mondayOf(day);
    if (weeks.size > 10_000) weeks.clear();
    weeks.set(day, week);
  }
  return week;
}

function mondayOf(day: string): string {
  const d = new Date(day + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}

export interface Names {
  topic(id: TopicId): string;
  place(id: PlaceId): string;
}

function valueOf(c: RecordedConversation, by: Dimension): string {
  switch (by) {
    case 'week': return weekOf(c.at);
    case 'month': return c.at.slice(0, 7);
    case 'topic': return c.topic;
    case 'place': return c.place ?? 'not-set';
    case 'outcome': return c.outcome;
    case 'setting': return c.setting ?? 'not-given';
    case 'age-band': return c.ageBand ?? 'not-given';
    case 'organisation': return c.organisation;
    case 'intervention': return String(NATIONAL_INTERVENTIONS[c.topic] ?? 'none');
  }
}

export function labelOf(by: Dimension, value: string, names?: Names): string {
  switch (by) {
    case 'topic': return names?.topic(value as TopicId) ?? value;
    case 'place': return value === 'not-set' ? 'Place not set' : names?.place(value as PlaceId) ?? value;
    case 'outcome': return OUTCOMES[value as OutcomeId] ?? value;
    case 'setting': return value === 'not-given' ? 'Not given' : SETTINGS[value as SettingId] ?? value;
    case 'age-band': return value === 'not-given' ? 'Not given' : AGE_BANDS[value as AgeBandId] ?? value;
    case 'intervention': return value === 'none' ? 'Not one of the nine' : `National intervention ${value}`;
    default: return value;
  }
}

/** Counts of 1 to 4 are shown as "<5" in every export, as NHS disclosure control does. */
export const SMALL_NUMBER_LIMIT = 5;
export type Shown = number | '<5';
export function suppress(count: number): Shown {
  return count > 0 && count < SMALL_NUMBER_LIMIT ? '<5' : count;
}

export interface ReportQuery {
  /** Inclusive, YYYY-MM-DD (UTC). */
  from?: string;
  /** Inclusive, YYYY-MM-DD (UTC). */
  to?: string;
  by: Dimension[];
}

export interface ReportRow {
  values: Record<string, string>;
  conversations: Shown;
}

export interface ActivityReport {
  from: string | null;
  to: string | null;
  by: Dimension[];
  total: Shown;
  rows: ReportRow[];
}

export function inRange(c: { at: string }, query: Pick<ReportQuery, 'from' | 'to'>): boolean {
  // Compared as strings: "2026-11-30T..." is after "2026-11-30" and before "2026-11-30~".
  return (!query.from || c.at >= query.from) && (!query.to || c.at < `${query.to}~`);
}

/**
 * Counts conversations in the range, grouped by the chosen dimensions, with small numbers
 * suppressed. Staff never appear: their hash is not a dimension.
 */
export function activityReport(conversations: RecordedConversation[], query: ReportQuery): ActivityReport {
  const counts = new Map<string, number>();
  let total = 0;
  for (const c of conversations) {
    if (!inRange(c, query)) continue;
    total++;
    const k = query.by.map((d) => valueOf(c, d)).join('\u0000');
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const rows = [...counts.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, n]) => {
      const parts = k.split('\u0000');
      return { values: Object.fromEntries(query.by.map((d, i) => [d, parts[i]])), conversations: suppress(n) };
    });
  return { from: query.from ?? null, to: query.to ?? null, by: query.by, total: suppress(total), rows };
}

/** One member of staff's own tally: by topic, for the period, unsuppressed (it is theirs alone). */
export function staffTally(conversations: RecordedConversation[], staff: string, range: Pick<ReportQuery, 'from' | 'to'>): { topic: TopicId; count: number }[] {
  const counts = new Map<TopicId, number>();
  for (const c of conversations) if (c.staff === staff && inRange(c, range)) counts.set(c.topic, (counts.get(c.topic) ?? 0) + 1);
  return [...counts.entries()].map(([topic, count]) => ({ topic, count })).sort((a, b) => b.count - a.count || a.topic.localeCompare(b.topic));
}

export function monthRange(now: Date): { from: string; to: string } {
  const from = `${now.toISOString().slice(0, 7)}-01`;
  const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 0));
  return { from, to: end.toISOString().slice(0, 10) };
}
