/**
 * Recording conversations (issue 13): the cost of recording one on the embedded store, as the
 * bot is configured (LevelDB opened per operation, synced to disk before the confirmation),
 * and of a report over 1,000,000 recorded conversations.
 *
 *   npx tsx bench/activity.ts [--records N] [--conversations N]   on its own
 *   npx tsx bench/activity.ts --demo-chart docs/images/activity-chart.png   the README's chart, from synthetic data
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { LevelStorage } from '../bot/storage/level-storage';
import { ACTIVITY_IDLE_CLOSE_MS } from '../bot/storage/choose';
import { chartSpec, renderChartSvg, svgToPng } from '../activity/chart';
import { defaultDataDir, loadDirectory } from '../directory/load';
import { TOPIC_IDS, PLACE_IDS, type TopicId } from '../directory/ids';
import type { ActivityEvent } from '../activity/record';
import { activityReport, conversationsFrom } from '../activity/report';
import { ActivityLog } from '../activity/store';
import { AGE_BAND_IDS, OUTCOME_IDS, SETTING_IDS } from '../activity/vocabulary';
import { summarise, type Summary } from './stats';

/** A small deterministic generator (mulberry32), so every run measures the same records. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: () => number, items: readonly T[]): T => items[Math.floor(r() * items.length)];
const hex = (n: number) => n.toString(16).padStart(8, '0');

/**
 * n synthetic taps over `days` days before `end`; about one in twenty cards corrected once.
 * With `conversations`, n counts cards (conversations) instead, each with its corrections.
 */
export function syntheticTaps(n: number, options: { seed?: number; end?: Date; days?: number; topics?: readonly TopicId[]; conversations?: boolean } = {}): ActivityEvent[] {
  const r = random(options.seed ?? 13);
  const end = (options.end ?? new Date('2026-11-30T17:00:00Z')).getTime();
  const span = (options.days ?? 365) * 86_400_000;
  const topics = options.topics ?? TOPIC_IDS;
  // Outcomes weighted like a typical MECC return: mostly brief advice and signposting.
  const outcomes = [...Array(4).fill(OUTCOME_IDS[0]), ...Array(4).fill(OUTCOME_IDS[1]), OUTCOME_IDS[2], OUTCOME_IDS[3]];
  const taps: ActivityEvent[] = [];
  for (let i = 0; (options.conversations ? i : taps.length) < n; i++) {
    const at = end - Math.floor(r() * span);
    const tap: ActivityEvent = {
      key: `${hex(i)}-0000-4000-8000-${hex(Math.floor(r() * 2 ** 32))}0000`,
      topic: topics[Math.floor(Math.pow(r(), 1.6) * topics.length)],
      place: r() < 0.8 ? pick(r, PLACE_IDS) : null,
      outcome: pick(r, outcomes),
      setting: r() < 0.6 ? pick(r, SETTING_IDS) : null,
      ageBand: r() < 0.5 ? pick(r, AGE_BAND_IDS) : null,
      organisation: pick(r, ['Derbyshire Community Health Services', 'Derby City Council', 'Derbyshire County Council', 'University Hospitals of Derby and Burton']),
      staff: `staff-${Math.floor(r() * 2000)}`,
      at: new Date(at).toISOString(),
    };
    taps.push(tap);
    if (r() < 0.05 && (options.conversations || taps.length < n)) taps.push({ ...tap, outcome: pick(r, OUTCOME_IDS), at: new Date(at + 60_000).toISOString() });
  }
  return taps;
}

export interface ActivityBench {
  record: Summary;
  /** The first tap after the store closed for being idle. */
  recordCold: Summary;
  recordStore: string;
  report: { conversations: number; taps: number; ms: number };
}

export async function benchActivity(options: { records?: number; conversations?: number } = {}): Promise<ActivityBench> {
  const records = options.records ?? 500;
  const folder = mkdtempSync(join(tmpdir(), 'mecc-bench-activity-'));
  try {
    // The bot's own configuration for the embedded store (bot/storage/choose.ts).
    const log = new ActivityLog(new LevelStorage(folder, { holdOpen: false, idleCloseMs: ACTIVITY_IDLE_CLOSE_MS }));
    const taps = syntheticTaps(records + 50, { seed: 7 }).map((t, i) => ({ ...t, key: `${hex(i)}-0000-4000-8000-000000000000` }));
    const samples: number[] = [];
    for (const [i, tap] of taps.entries()) {
      const t0 = process.hrtime.bigint();
      await log.record({ ...tap, at: new Date().toISOString() });
      if (i >= 50) samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    const n = options.conversations ?? 1_000_000;
    // The figure is conversations: n cards, about 5% of them corrected once (so more taps than that).
    const all = syntheticTaps(n, { seed: 11, conversations: true });
    const t0 = process.hrtime.bigint();
    const conversations = conversationsFrom(all);
    activityReport(conversations, { from: '2026-01-01', to: '2026-11-30', by: ['month', 'topic'] });
    activityReport(conversations, { by: ['outcome'] });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    // A tap after a quiet spell pays for opening the store again.
    const cold: number[] = [];
    for (let i = 0; i < 5; i++) {
      await new Promise((r) => setTimeout(r, ACTIVITY_IDLE_CLOSE_MS + 200));
      const t1 = process.hrtime.bigint();
      await log.record({ ...taps[i], key: `${hex(i)}-0000-4000-8000-00000000c01d`, at: new Date().toISOString() });
      cold.push(Number(process.hrtime.bigint() - t1) / 1e6);
    }
    return { record: summarise(samples), recordCold: summarise(cold), recordStore: 'embedded LevelDB as the bot configures it', report: { conversations: conversations.length, taps: all.length, ms } };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const { values } = parseArgs({ options: { records: { type: 'string' }, conversations: { type: 'string' }, 'demo-chart': { type: 'string' } } });
  (async () => {
    if (values['demo-chart']) {
      const d = loadDirectory(defaultDataDir());
      const topics: TopicId[] = ['smoking', 'healthy-weight', 'mental-wellbeing', 'money-advice', 'blood-pressure', 'affordable-warmth'];
      const conversations = conversationsFrom(syntheticTaps(2400, { seed: 3, days: 84, topics }));
      const svg = await renderChartSvg(chartSpec({ conversations, from: '2026-09-07', to: '2026-11-29', topicTitle: (id) => d.topic(id).title }));
      const out = values['demo-chart'];
      require('node:fs').writeFileSync(out, out.endsWith('.png') ? await svgToPng(svg) : svg);
      process.stdout.write(`wrote ${out} (synthetic data)\n`);
      return;
    }
    const r = await benchActivity({ records: values.records ? Number(values.records) : undefined, conversations: values.conversations ? Number(values.conversations) : undefined });
    process.stdout.write(`record one conversation (${r.recordStore}): p50 ${r.record.p50.toFixed(2)} ms, p99 ${r.record.p99.toFixed(2)} ms over ${r.record.n} back to back; first tap after a quiet spell (store reopened): median ${r.recordCold.p50.toFixed(2)} ms, max ${r.recordCold.max.toFixed(2)} ms over ${r.recordCold.n}\n`);
    process.stdout.write(`report over ${r.report.conversations.toLocaleString('en-GB')} conversations (${r.report.taps.toLocaleString('en-GB')} taps): ${r.report.ms.toFixed(0)} ms\n`);
  })();
}
