import { randomUUID } from 'node:crypto';
import type { ListableStorage } from '../reports/store';
import type { ActivityEvent } from './record';
import { CORRECTION_MINUTES } from './vocabulary';

/** Listing, reading and writing, plus deleting for retention. */
export interface ActivityStorage extends ListableStorage {
  delete(keys: string[]): Promise<void>;
}

const PREFIX = 'activity/';
/** Time first in each tap's key, so one card's taps list in order and retention needs no read. */
const tapKey = (event: ActivityEvent) => `${PREFIX}${event.key}/${new Date(event.at).getTime().toString(36).padStart(9, '0')}${randomUUID().slice(0, 4)}`;
const tapTime = (storageKey: string) => parseInt(storageKey.slice(storageKey.lastIndexOf('/') + 1, storageKey.lastIndexOf('/') + 10), 36);
const cardOf = (storageKey: string) => storageKey.slice(PREFIX.length, storageKey.lastIndexOf('/'));
/** A card is corrected a handful of times at most; more is a loop or an attack, not a person. */
const MAX_TAPS_PER_CARD = 20;

export type RecordResult =
  | { status: 'recorded' | 'corrected' | 'unchanged'; event: ActivityEvent }
  | { status: 'closed' | 'someone-else' | 'topic-mismatch'; event: ActivityEvent };

/**
 * The append-only record of conversations. Every tap is a record of its own, written once
 * under its card's key: no shared counter or index, so any number of instances record at
 * once without contending, and a double tap (or a correction) is a second tap on the same
 * card, which reports count once (the card's latest tap within the correction window).
 */
export class ActivityLog {
  constructor(private readonly storage: ActivityStorage, private readonly now: () => Date = () => new Date()) {}

  /** Stores a tap unless it repeats the card's last one, comes after the correction window, or is someone else's card. */
  async record(event: ActivityEvent): Promise<RecordResult> {
    const earlier = await this.storage.keys(`${PREFIX}${event.key}/`);
    if (earlier.length) {
      const items = await this.storage.read([earlier[0], earlier[earlier.length - 1]]);
      const first = items[earlier[0]]?.event as ActivityEvent | undefined;
      const last = (items[earlier[earlier.length - 1]]?.event as ActivityEvent | undefined) ?? first;
      if (first && last) {
        if (first.topic !== event.topic) return { status: 'topic-mismatch', event: last };
        if (first.staff !== event.staff) return { status: 'someone-else', event: last };
        if (sameAnswer(last, event)) return { status: 'unchanged', event: last };
        if (new Date(event.at).getTime() - new Date(first.at).getTime() > CORRECTION_MINUTES * 60_000 || earlier.length >= MAX_TAPS_PER_CARD) return { status: 'closed', event: last };
      }
    }
    await this.storage.write({ [tapKey(event)]: { event } });
    return { status: earlier.length ? 'corrected' : 'recorded', event };
  }

  /** Every stored tap, oldest card first: reports reduce them to conversations. */
  async taps(): Promise<ActivityEvent[]> {
    const keys = await this.storage.keys(PREFIX);
    const out: ActivityEvent[] = [];
    for (let i = 0; i < keys.length; i += 500) {
      const slice = keys.slice(i, i + 500);
      const items = await this.storage.read(slice);
      for (const k of slice) {
        const e = items[k]?.event as ActivityEvent | undefined;
        if (e) out.push(e);
      }
    }
    return out;
  }

  /**
   * Deletes every conversation first recorded before the retention period: whole cards, so a
   * late correction never outlives the conversation it corrects. Decided from the keys alone.
   */
  async purge(retentionMonths: number): Promise<number> {
    const cutoff = retentionCutoff(this.now(), retentionMonths).getTime();
    const keys = await this.storage.keys(PREFIX);
    const firstTap = new Map<string, number>();
    for (const k of keys) {
      const card = cardOf(k);
      const t = tapTime(k);
      if (!firstTap.has(card) || t < firstTap.get(card)!) firstTap.set(card, t);
    }
    const expired = keys.filter((k) => firstTap.get(cardOf(k))! < cutoff);
    for (let i = 0; i < expired.length; i += 500) await this.storage.delete(expired.slice(i, i + 500));
    return expired.length;
  }
}

export function retentionCutoff(now: Date, months: number): Date {
  const cutoff = new Date(now);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - months);
  return cutoff;
}

function sameAnswer(a: ActivityEvent, b: ActivityEvent): boolean {
  return a.outcome === b.outcome && a.setting === b.setting && a.ageBand === b.ageBand;
}
