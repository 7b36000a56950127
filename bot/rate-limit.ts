/**
 * A token bucket per member of staff: a burst of a few quick questions is fine; a flood is
 * slowed down without affecting anyone else.
 *
 * Each message touches one bucket and nothing else: O(1) whatever the number of users. The
 * buckets live in a Map kept in least-recently-used order (a Map iterates in insertion order,
 * so touching a key moves it to the end), and past `maxKeys` the least recently seen is
 * dropped: memory is bounded even under a flood of distinct ids. A dropped bucket was idle
 * longest, and coming back it starts full, which only ever errs towards answering.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; updated: number; warned: boolean }>();

  constructor(
    private readonly perMinute: number,
    private readonly burst = Math.max(5, Math.ceil(perMinute / 3)),
    private readonly now = () => Date.now(),
    private readonly maxKeys = 50_000,
  ) {}

  get size(): number {
    return this.buckets.size;
  }

  /** 'ok' to answer; 'warn' for the first message over the limit; 'drop' after that. */
  take(key: string): 'ok' | 'warn' | 'drop' {
    const t = this.now();
    let bucket = this.buckets.get(key);
    if (bucket) this.buckets.delete(key);
    else bucket = { tokens: this.burst, updated: t, warned: false };
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((t - bucket.updated) / 60_000) * this.perMinute);
    bucket.updated = t;
    this.buckets.set(key, bucket);
    if (this.buckets.size > this.maxKeys) this.buckets.delete(this.buckets.keys().next().value!);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      bucket.warned = false;
      return 'ok';
    }
    if (bucket.warned) return 'drop';
    bucket.warned = true;
    return 'warn';
  }
}
