/** Small statistics helpers shared by the benchmarks. */
import { readFileSync } from 'node:fs';

/** Nearest-rank percentile (q in 0..1) of numbers; NaN for an empty list. */
export function percentile(sorted: number[], q: number): number {
  if (!sorted.length) return Number.NaN;
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1];
}

export interface Summary {
  n: number;
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export function summarise(values: number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const mean = sorted.reduce((a, b) => a + b, 0) / (sorted.length || 1);
  return { n: sorted.length, mean, p50: percentile(sorted, 0.5), p90: percentile(sorted, 0.9), p99: percentile(sorted, 0.99), max: sorted[sorted.length - 1] ?? Number.NaN };
}

export function median(values: number[]): number {
  return percentile([...values].sort((a, b) => a - b), 0.5);
}

/** Nanoseconds since some arbitrary point, as a number (safe for ~100 days). */
export function nowNs(): number {
  return Number(process.hrtime.bigint());
}

export function ms(ns: number): number {
  return ns / 1e6;
}

/** Formats milliseconds with sensible precision: 0.0123, 1.23, 123. */
export function fmtMs(value: number | undefined): string {
  if (value === undefined || Number.isNaN(value)) return 'n/a';
  if (value < 0.1) return value.toFixed(4);
  if (value < 10) return value.toFixed(2);
  if (value < 100) return value.toFixed(1);
  return value.toFixed(0);
}

export function fmtInt(value: number | undefined): string {
  if (value === undefined || Number.isNaN(value)) return 'n/a';
  return Math.round(value).toLocaleString('en-GB');
}

export function fmtPct(value: number | undefined): string {
  if (value === undefined || Number.isNaN(value)) return 'n/a';
  return `${(value * 100).toFixed(1)}%`;
}

export function rssMbOf(pid: number | 'self'): { rssMb: number; hwmMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? Number.NaN);
  return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
}
