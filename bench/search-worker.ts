/**
 * One directory's search benchmark, in its own process so heap figures are not muddled by
 * anything else (run with `node --expose-gc --import tsx`; bench/search.ts starts it).
 * Our query path (Signposter.ask: crisis check, Place detection, topic match, service
 * ranking) against fuse.js with its default options over the same topic and service records.
 */
import Fuse from 'fuse.js';
import type { Directory } from '../directory/load';
import type { Signposter as SignposterType } from '../search/answer';
import type { evaluate as evaluateType, QueryRow } from '../search/evaluate';
import type { TopicId } from '../directory/ids';
import { type BenchQuery, benchQueries, shuffled } from './queries';
import { ms, nowNs, summarise, type Summary } from './stats';

export interface WorkerOptions {
  label: string;
  dataDir: string;
  queriesPath?: string;
  /** Time for the timed passes of our engine, after a warm-up pass. */
  oursBudgetMs: number;
  oursMaxPasses: number;
  /** Time for fuse's timed queries (each is slow on a big directory). */
  fuseBudgetMs: number;
  fuseMaxPasses: number;
  /** Load the compiled code in dist/ instead of the TypeScript sources (for readable profiles). */
  fromDist?: boolean;
  /** Profile mode: only build our index and loop our queries for this long. */
  profileLoopMs?: number;
}

export interface EngineResult {
  engine: 'ours' | 'fuse';
  records: number;
  buildMs: number;
  rebuildMs?: number;
  heapAfterBuildMb: number;
  heapIndexMb: number;
  /** Timed samples after warm-up, in ms. */
  query: Summary;
  /** The first pass straight after the build, caches empty (ours caches ranked lists and typo corrections). */
  coldPass?: Summary;
  devAccuracy?: { n: number; topicAccuracy: number };
  typoAccuracy?: { n: number; topicAccuracy: number };
  /** When only a sample of the queries could be timed (fuse on a big directory). */
  sampledQueries?: number;
  note?: string;
}

export interface WorkerResult {
  label: string;
  services: number;
  topics: number;
  loadMs: number;
  heapAfterLoadMb: number;
  queries: { dev: number; typos: number };
  engines: EngineResult[];
  slowestOurs: { query: string; p50Ms: number }[];
  /** Profile mode: how many ask() calls the loop made. */
  profiledAsks?: number;
}

const gc = (): void => {
  const g = (globalThis as { gc?: () => void }).gc;
  if (!g) throw new Error('run with node --expose-gc');
  g();
  g();
};
const heapMb = () => process.memoryUsage().heapUsed / 1024 / 1024;

interface Modules {
  loadDirectory: (root: string) => Directory;
  Signposter: typeof SignposterType;
  evaluate: typeof evaluateType;
}

function modules(fromDist: boolean): Modules {
  const base = fromDist ? '../dist' : '..';
  return {
    loadDirectory: require(`${base}/directory/load`).loadDirectory,
    Signposter: require(`${base}/search/answer`).Signposter,
    evaluate: require(`${base}/search/evaluate`).evaluate,
  };
}

/** fuse's answer: the topic of the top hit, or none when nothing matched. */
type FuseRecord = { topic: TopicId; title?: string; synonyms?: string[]; name?: string; description?: string };

function fuseRecords(d: Directory): FuseRecord[] {
  return [
    ...d.topics.map((t) => ({ topic: t.id, title: t.title, synonyms: t.synonyms })),
    ...d.services.map((s) => ({ topic: s.topics[0], name: s.name, description: s.description })),
  ];
}

const topicOk = (row: QueryRow, topic: TopicId | null) => (row.topics.length === 0 ? topic === null : topic !== null && row.topics.includes(topic));

export function runWorker(o: WorkerOptions): WorkerResult {
  const m = modules(Boolean(o.fromDist));
  const { dev, all } = benchQueries(o.queriesPath);
  const typos = all.filter((q) => q.kind !== 'dev');

  let t = nowNs();
  const directory = m.loadDirectory(o.dataDir);
  const loadMs = ms(nowNs() - t);
  gc();
  const heapAfterLoadMb = heapMb();

  // Ours.
  t = nowNs();
  let signposter: SignposterType = new m.Signposter(directory);
  const buildMs = ms(nowNs() - t);
  gc();
  const heapOurs = heapMb();

  if (o.profileLoopMs) {
    let asks = 0;
    const end = Date.now() + o.profileLoopMs;
    do {
      for (const q of all) signposter.ask(q.row.query);
      asks += all.length;
    } while (Date.now() < end);
    return { label: o.label, services: directory.services.length, topics: directory.topics.length, loadMs, heapAfterLoadMb, queries: { dev: dev.length, typos: typos.length }, engines: [], slowestOurs: [], profiledAsks: asks };
  }

  const cold: number[] = [];
  for (const q of all) {
    const s = nowNs();
    signposter.ask(q.row.query);
    cold.push(ms(nowNs() - s));
  }
  const devEval = m.evaluate(signposter, dev);
  const typoEval = m.evaluate(signposter, typos.map((q) => q.row));

  const samples: number[] = [];
  const perQuery = new Map<string, number[]>();
  const oursEnd = Date.now() + o.oursBudgetMs;
  for (let pass = 0; pass < o.oursMaxPasses && Date.now() < oursEnd; pass++) {
    for (const q of shuffled(all, pass + 1)) {
      const s = nowNs();
      signposter.ask(q.row.query);
      const d = ms(nowNs() - s);
      samples.push(d);
      const list = perQuery.get(q.row.query) ?? [];
      list.push(d);
      perQuery.set(q.row.query, list);
    }
  }
  const slowestOurs = [...perQuery].map(([query, ts]) => ({ query, p50Ms: summarise(ts).p50 })).sort((a, b) => b.p50Ms - a.p50Ms).slice(0, 8);

  // Fuse, default options, over topics (title, synonyms) and services (name, description).
  const records = fuseRecords(directory);
  gc();
  const heapBeforeFuse = heapMb();
  t = nowNs();
  const fuse = new Fuse(records, { keys: ['title', 'synonyms', 'name', 'description'] });
  const fuseBuildMs = ms(nowNs() - t);
  gc();
  const heapFuse = heapMb();
  const fuseTopic = (query: string): TopicId | null => fuse.search(query)[0]?.item.topic ?? null;

  // Warm-up: a few queries untimed (one is plenty on a big directory, where each takes seconds).
  const big = directory.services.length > 5000;
  for (const q of all.slice(0, big ? 1 : 20)) fuseTopic(q.row.query);
  const fuseSamples: number[] = [];
  const fuseDev: boolean[] = [];
  const fuseTypo: boolean[] = [];
  const fuseEnd = Date.now() + o.fuseBudgetMs;
  // One fixed shuffled order of dev queries and typos, so a partial sample covers both.
  const order: BenchQuery[] = shuffled(all, 3);
  let sampled = 0;
  outer: for (let pass = 0; pass < o.fuseMaxPasses; pass++) {
    for (const q of pass === 0 ? order : shuffled(all, 100 + pass)) {
      if (Date.now() >= fuseEnd) break outer;
      const s = nowNs();
      const topic = fuseTopic(q.row.query);
      fuseSamples.push(ms(nowNs() - s));
      if (pass === 0) {
        sampled++;
        (q.kind === 'dev' ? fuseDev : fuseTypo).push(topicOk(q.row, topic));
      }
    }
  }
  const fuseComplete = fuseDev.length === dev.length;

  // Rebuild ours (as on a directory reload), now that the word list and code are warm.
  t = nowNs();
  signposter = new m.Signposter(directory);
  const rebuildMs = ms(nowNs() - t);

  const acc = (oks: boolean[]) => ({ n: oks.length, topicAccuracy: oks.filter(Boolean).length / (oks.length || 1) });
  return {
    label: o.label,
    services: directory.services.length,
    topics: directory.topics.length,
    loadMs,
    heapAfterLoadMb,
    queries: { dev: dev.length, typos: typos.length },
    engines: [
      {
        engine: 'ours',
        records: directory.topics.length + directory.services.length,
        buildMs,
        rebuildMs,
        heapAfterBuildMb: heapOurs,
        heapIndexMb: heapOurs - heapAfterLoadMb,
        query: summarise(samples),
        coldPass: summarise(cold),
        devAccuracy: { n: dev.length, topicAccuracy: devEval.summary.topic_accuracy },
        typoAccuracy: { n: typos.length, topicAccuracy: typoEval.summary.topic_accuracy },
      },
      {
        engine: 'fuse',
        records: records.length,
        buildMs: fuseBuildMs,
        heapAfterBuildMb: heapFuse,
        heapIndexMb: heapFuse - heapBeforeFuse,
        query: summarise(fuseSamples),
        devAccuracy: acc(fuseDev),
        typoAccuracy: acc(fuseTypo),
        ...(fuseComplete ? {} : { sampledQueries: sampled, note: `only ${sampled} of ${all.length} queries fitted in the ${Math.round(o.fuseBudgetMs / 1000)} s budget: each is timed once and accuracy is over that sample` }),
      },
    ],
    slowestOurs,
  };
}

if (require.main === module) {
  const options = JSON.parse(process.argv[2]) as WorkerOptions;
  try {
    const result = runWorker(options);
    if (process.send) process.send({ ok: true, result }, () => process.exit(0));
    else {
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      process.exit(0);
    }
  } catch (e) {
    const message = (e as Error).message;
    if (process.send) process.send({ ok: false, error: message }, () => process.exit(1));
    else {
      process.stderr.write(`${message}\n`);
      process.exit(1);
    }
  }
}
