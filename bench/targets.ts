/** The targets from issue 7, and how each measured figure compares with its target. */
import type { ChatResult } from './chat';
import type { WorkerResult } from './search-worker';
import type { StartupRun } from './startup';
import type { ActivityBench } from './activity';
import type { TakeawayPageBench } from './takeaway';
import { fmtInt, fmtMs, median } from './stats';

export interface TargetRow {
  id: string;
  what: string;
  target: string;
  measured: string;
  value: number;
  limit: number;
  met: boolean;
  /** Which part of the code a miss points at, for the profile step. */
  area: 'search-real' | 'search-synthetic' | 'build' | 'chat' | 'startup' | 'memory' | 'activity' | 'takeaway';
}

export interface Measurements {
  syntheticServices: number;
  searchReal?: WorkerResult;
  searchSynthetic?: WorkerResult;
  echo?: ChatResult;
  ours?: ChatResult;
  startupReal?: StartupRun[];
  startupSynthetic?: StartupRun[];
  activity?: ActivityBench;
  takeawayPage?: TakeawayPageBench;
}

const ours = (w?: WorkerResult) => w?.engines.find((e) => e.engine === 'ours');

export function targetRows(m: Measurements): TargetRow[] {
  const rows: TargetRow[] = [];
  const add = (r: Omit<TargetRow, 'met'>, lowerIsBetter = true) => {
    if (Number.isNaN(r.value)) return;
    rows.push({ ...r, met: lowerIsBetter ? r.value <= r.limit : r.value >= r.limit });
  };
  const scale = `${fmtInt(m.syntheticServices)} synthetic services`;
  const real = ours(m.searchReal);
  if (real) add({ id: 'search-median-real', what: 'Search median per query, real directory (ours)', target: '<= 1 ms', measured: `${fmtMs(real.query.p50)} ms`, value: real.query.p50, limit: 1, area: 'search-real' });
  const syn = ours(m.searchSynthetic);
  if (syn) {
    add({ id: 'search-p99-synthetic', what: `Search p99 per query, ${scale} (ours)`, target: '<= 10 ms', measured: `${fmtMs(syn.query.p99)} ms`, value: syn.query.p99, limit: 10, area: 'search-synthetic' });
    add({ id: 'build-synthetic', what: `Index build, ${scale} (ours, cold)`, target: '<= 1,500 ms', measured: `${fmtInt(syn.buildMs)} ms`, value: syn.buildMs, limit: 1500, area: 'build' });
  }
  if (m.ours && m.echo) {
    const ratio = m.ours.rate.latencyMs.p99 / m.echo.rate.latencyMs.p99;
    add({ id: 'chat-p99-ratio', what: `Chat turn p99 at ${m.ours.rate.offeredRate} req/s, ours / echo`, target: '<= 1.2x', measured: `${ratio.toFixed(2)}x (${fmtMs(m.ours.rate.latencyMs.p99)} / ${fmtMs(m.echo.rate.latencyMs.p99)} ms)`, value: ratio, limit: 1.2, area: 'chat' });
    add({ id: 'chat-throughput', what: `Chat turns/s at max throughput (ours, ${m.ours.max.connections} connections)`, target: '>= 1,000', measured: `${fmtInt(m.ours.max.requestsPerSecond)} (echo ${fmtInt(m.echo.max.requestsPerSecond)})`, value: m.ours.max.requestsPerSecond, limit: 1000, area: 'chat' }, false);
  }
  if (m.startupReal?.length) {
    const v = median(m.startupReal.map((r) => r.readyMs));
    add({ id: 'startup-real', what: 'Start-up to first /healthz 200, real directory (median)', target: '<= 1,500 ms', measured: `${fmtInt(v)} ms`, value: v, limit: 1500, area: 'startup' });
  }
  if (m.startupSynthetic?.length) {
    const v = median(m.startupSynthetic.map((r) => r.rssSettledMb));
    add({ id: 'rss-synthetic', what: `RSS after start, ${scale} (median, default settings)`, target: '<= 150 MB', measured: `${fmtInt(v)} MB`, value: v, limit: 150, area: 'memory' });
  }
  if (m.activity) {
    const a = m.activity;
    add({ id: 'activity-record-p99', what: `Record one conversation, p99 (${a.recordStore}; ${a.record.n} back to back)`, target: '<= 5 ms', measured: `${fmtMs(a.record.p99)} ms (first after a quiet spell: median ${fmtMs(a.recordCold.p50)} ms)`, value: a.record.p99, limit: 5, area: 'activity' });
    add({ id: 'activity-report', what: `Report over ${fmtInt(a.report.conversations)} recorded conversations (${fmtInt(a.report.taps)} taps, in memory)`, target: '<= 5,000 ms', measured: `${fmtInt(a.report.ms)} ms`, value: a.report.ms, limit: 5000, area: 'activity' });
  }
  if (m.takeawayPage) {
    const t = m.takeawayPage;
    add({ id: 'takeaway-page-p99', what: `Public take-away page p99 at ${t.offeredRate} req/s (${fmtInt(t.ok)} pages, ${t.durationS} s)`, target: '<= 20 ms', measured: `${fmtMs(t.latencyMs.p99)} ms (p50 ${fmtMs(t.latencyMs.p50)} ms)`, value: t.latencyMs.p99, limit: 20, area: 'takeaway' });
  }
  return rows;
}

export function targetTable(rows: TargetRow[]): string {
  return [
    '| figure | target | measured | verdict |',
    '|---|---|---|---|',
    ...rows.map((r) => `| ${r.what} | ${r.target} | ${r.measured} | ${r.met ? 'met' : '**not met**'} |`),
  ].join('\n');
}
