/**
 * Summarises a V8 .cpuprofile (from `node --cpu-prof`): the functions with the most self
 * time, with their file and line, and the inclusive time of the project's own functions.
 *   npx tsx bench/profile-summary.ts bench/results/search-synthetic.cpuprofile [--top 20]
 */
import { existsSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';

interface CallFrame { functionName: string; url: string; lineNumber: number; columnNumber: number }
interface ProfileNode { id: number; callFrame: CallFrame; hitCount?: number; children?: number[] }
interface CpuProfile { nodes: ProfileNode[]; startTime: number; endTime: number; samples?: number[]; timeDeltas?: number[] }

export interface HotFunction {
  name: string;
  where: string;
  selfMs: number;
  selfPercent: number;
  totalMs: number;
  totalPercent: number;
}

/**
 * `node --cpu-prof` writes one profile per thread, and `--import tsx` adds a thread for its
 * module hooks, so profiles are written to a scratch folder (default names carry the thread
 * id) and the main thread's (thread 0) is moved to `dest`.
 */
export function keepMainThreadProfile(scratchDir: string, dest: string): boolean {
  const files = existsSync(scratchDir) ? readdirSync(scratchDir) : [];
  const main = files.find((f) => /^CPU\.\d+\.\d+\.\d+\.0\.\d+\.cpuprofile$/.test(f));
  if (main) renameSync(join(scratchDir, main), dest);
  rmSync(scratchDir, { recursive: true, force: true });
  return Boolean(main);
}

const maps = new Map<string, SourceMap | null>();

/** Compiled code (dist/**.js, from `npm run build`) is mapped back to its TypeScript line. */
function original(path: string, line: number, column: number): { path: string; line: number } | undefined {
  if (!path.endsWith('.js') || path.includes('node_modules')) return undefined;
  let map = maps.get(path);
  if (map === undefined) {
    const file = `${path}.map`;
    map = existsSync(file) ? new SourceMap(JSON.parse(readFileSync(file, 'utf8'))) : null;
    maps.set(path, map);
  }
  const entry = map?.findEntry(line, column) as { originalSource?: string; originalLine?: number } | undefined;
  if (!entry?.originalSource || entry.originalLine === undefined) return undefined;
  return { path: resolve(dirname(path), entry.originalSource), line: entry.originalLine };
}

function where(frame: CallFrame, root: string): string {
  if (!frame.url) return '(native)';
  let path = frame.url.replace(/^file:\/\//, '');
  let line = frame.lineNumber;
  const mapped = original(path, frame.lineNumber, frame.columnNumber);
  if (mapped) ({ path, line } = mapped);
  const rel = path.startsWith(root) ? relative(root, path) : path.replace(/^.*node_modules\//, 'node_modules/');
  return `${rel}:${line + 1}`;
}

/** Self and inclusive time per function (summed over every call site), most self time first. */
export function summariseProfile(file: string, root: string = process.cwd(), window?: { fromUs: number; toUs: number }): { totalMs: number; functions: HotFunction[] } {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

  // Time per node from the samples and their deltas (more exact than hitCount x interval).
  const selfUs = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  // Sample times are CLOCK_MONOTONIC microseconds, the clock of process.hrtime in every
  // process on the machine, so a window measured in the parent selects the load phase.
  let at = profile.startTime;
  for (let i = 0; i < samples.length; i++) {
    at += deltas[i] ?? 0;
    if (window && (at < window.fromUs || at > window.toUs)) continue;
    const dt = deltas[i + 1] ?? 0; // a sample's time runs until the next sample
    selfUs.set(samples[i], (selfUs.get(samples[i]) ?? 0) + Math.max(0, dt));
  }
  const totalUs = [...selfUs.values()].reduce((a, b) => a + b, 0) || 1;

  const key = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'}\u0000${where(n.callFrame, root)}`;
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const node = byId.get(id)!;
    self.set(key(node), (self.get(key(node)) ?? 0) + us);
    // Inclusive: credit each distinct function on the stack once.
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const k = key(byId.get(cur)!);
      if (seen.has(k)) continue;
      seen.add(k);
      inclusive.set(k, (inclusive.get(k) ?? 0) + us);
    }
  }
  const functions = [...inclusive.keys()].map((k) => {
    const [name, at] = k.split('\u0000');
    const s = self.get(k) ?? 0;
    const t = inclusive.get(k) ?? 0;
    return { name, where: at, selfMs: s / 1000, selfPercent: (100 * s) / totalUs, totalMs: t / 1000, totalPercent: (100 * t) / totalUs };
  });
  functions.sort((a, b) => b.selfMs - a.selfMs);
  return { totalMs: totalUs / 1000, functions };
}

/** A markdown table; with `per`, inclusive microseconds per operation (turn, query) too. */
export function profileTable(functions: HotFunction[], top = 15, per?: { count: number; unit: string }): string {
  const perCol = (f: HotFunction) => (per && per.count ? ` ${((1000 * f.totalMs) / per.count).toFixed(1)} |` : '');
  const rows = functions.slice(0, top).map((f) => `| ${f.name.replace(/\|/g, '\\|')} | ${f.where} | ${f.selfMs.toFixed(0)} | ${f.selfPercent.toFixed(1)}% | ${f.totalPercent.toFixed(1)}% |${perCol(f)}`);
  const head = per && per.count ? [`| function | where | self ms | self % | total % | total µs per ${per.unit} |`, '|---|---|---:|---:|---:|---:|'] : ['| function | where | self ms | self % | total % |', '|---|---|---:|---:|---:|'];
  return [...head, ...rows].join('\n');
}

if (require.main === module) {
  const [file, ...rest] = process.argv.slice(2);
  if (!file) {
    process.stderr.write('usage: tsx bench/profile-summary.ts <file.cpuprofile> [--top N] [--filter text]\n');
    process.exit(2);
  }
  const top = Number(rest[rest.indexOf('--top') + 1]) || 20;
  const filter = rest.includes('--filter') ? rest[rest.indexOf('--filter') + 1] : undefined;
  const { totalMs, functions } = summariseProfile(file);
  const list = filter ? functions.filter((f) => f.where.includes(filter)) : functions;
  process.stdout.write(`${file}: ${totalMs.toFixed(0)} ms sampled\n\nTop self time:\n${profileTable(list, top)}\n\n`);
  const ours = list.filter((f) => /^(search|directory|bot|chat|cards)\//.test(f.where)).sort((a, b) => b.totalMs - a.totalMs);
  process.stdout.write(`Project functions by inclusive time:\n${profileTable(ours, top)}\n`);
}
