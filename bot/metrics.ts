/** Counters for operations: how the bot is used and refused, never what was typed. */
export class Metrics {
  private readonly counters = new Map<string, number>();
  private readonly started = Date.now();

  count(name: string, by = 1): void {
    this.counters.set(name, (this.counters.get(name) ?? 0) + by);
  }

  get(name: string): number {
    return this.counters.get(name) ?? 0;
  }

  snapshot(): Record<string, number> {
    const memory = process.memoryUsage();
    return {
      uptimeSeconds: Math.round((Date.now() - this.started) / 1000),
      rssMb: Math.round(memory.rss / 1e5) / 10,
      heapUsedMb: Math.round(memory.heapUsed / 1e5) / 10,
      ...Object.fromEntries([...this.counters].sort()),
    };
  }
}
