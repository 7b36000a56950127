/**
 * A token bucket per member of staff: a burst of a few quick questions is fine; a flood is
 * slowed down without affecting anyone else.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; updated: number; warned: boolean }>();

  constructor(private readonly perMinute: number, private readonly burst = Math.max(5, Math.ceil(perMinute / 3)), private readonly now = () => Date.now()) {}

  /** 'ok' to answer; 'warn' for the first message over the limit; 'drop' after that. */
  take(key: string): 'ok' | 'warn' | 'drop' {
    const t = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, updated: t, warned: false };
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((t - bucket.updated) / 60_000) * this.perMinute);
    bucket.updated = t;
    this.buckets.set(key, bucket);
    if (this.buckets.size > 10_000) this.prune(t);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      bucket.warned = false;
      return 'ok';
    }
    if (bucket.warned) return 'drop';
    bucket.warned = true;
    return 'warn';
  }

  private prune(t: number): void {
    for (const [key, b] of this.buckets) if (t - b.updated > 10 * 60_000) this.buckets.delete(key);
  }
}
