/**
 * The benchmark (issue 7): search, chat turn, start-up and memory, each against its target.
 *
 *   npm run bench                 full run (about 3 minutes), 50,000 synthetic services
 *   npm run bench -- --quick      smoke run (well under a minute), 2,000 synthetic services
 *   options: --services N --seed N --profile (profile even when every target is met)
 *            --no-profile --baseline (also write bench/results/baseline.md) --no-build
 *
 * Writes bench/results/latest.md and latest.json, and any .cpuprofile next to them.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { benchChatPair, type ChatOptions, type ChatResult, type LoadResult, profileOurServer } from './chat';
import { keepMainThreadProfile, profileTable, summariseProfile } from './profile-summary';
import { runSearchWorker } from './search';
import type { EngineResult, WorkerOptions, WorkerResult } from './search-worker';
import { measureStartup, type StartupRun } from './startup';
import { benchActivity } from './activity';
import { benchTakeawayPage, type TakeawayPageOptions } from './takeaway';
import { fmtInt, fmtMs, fmtPct, median } from './stats';
import { DEFAULT_SEED, type SyntheticDirectory, writeSyntheticDirectory } from './synthetic';
import { type Measurements, type TargetRow, targetRows, targetTable } from './targets';

const ROOT = join(__dirname, '..');
const RESULTS = join(__dirname, 'results');

interface Plan {
  quick: boolean;
  services: number;
  seed: number;
  search: Pick<WorkerOptions, 'oursBudgetMs' | 'oursMaxPasses' | 'fuseBudgetMs' | 'fuseMaxPasses'>;
  chat: ChatOptions & { rounds: number };
  takeaway: TakeawayPageOptions;
  startupRuns: { real: number; synthetic: number };
  settleMs: number;
  profile: 'auto' | 'always' | 'never';
  build: boolean;
  baseline: boolean;
}

function plan(): Plan {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      services: { type: 'string' },
      seed: { type: 'string' },
      profile: { type: 'boolean', default: false },
      'no-profile': { type: 'boolean', default: false },
      'no-build': { type: 'boolean', default: false },
      baseline: { type: 'boolean', default: false },
    },
  });
  const quick = Boolean(values.quick);
  const services = values.services ? Number(values.services) : quick ? 2000 : 50_000;
  if (!Number.isInteger(services) || services < 1) throw new Error('--services must be a positive whole number');
  return {
    quick,
    services,
    seed: values.seed ? Number(values.seed) : DEFAULT_SEED,
    search: quick
      ? { oursBudgetMs: 1000, oursMaxPasses: 5, fuseBudgetMs: 3000, fuseMaxPasses: 1 }
      : { oursBudgetMs: 5000, oursMaxPasses: 50, fuseBudgetMs: 15_000, fuseMaxPasses: 10 },
    chat: quick ? { warmupS: 1, durationS: 3, rate: 200, connections: 10, users: 100, rounds: 1 } : { warmupS: 3, durationS: 10, rate: 200, connections: 10, users: 100, rounds: 2 },
    // The public page at the issue's 200 req/s: long enough for a p99 of thousands of pages in a full run, a few seconds in CI.
    takeaway: quick ? { rate: 200, connections: 10, warmupS: 1, durationS: 3 } : { rate: 200, connections: 10, warmupS: 2, durationS: 15 },
    startupRuns: quick ? { real: 1, synthetic: 1 } : { real: 3, synthetic: 2 },
    settleMs: quick ? 300 : 1000,
    profile: values.profile ? 'always' : values['no-profile'] || quick ? 'never' : 'auto',
    build: !values['no-build'],
    baseline: Boolean(values.baseline),
  };
}

const log = (line: string) => process.stdout.write(`${line}\n`);
const secs = (t0: number) => `${((Date.now() - t0) / 1000).toFixed(1)} s`;

interface Profile {
  area: string;
  file: string;
  why: string;
  totalMs: number;
  top: string;
  project: string;
}

interface Report extends Measurements {
  date: string;
  command: string;
  mode: 'full' | 'quick';
  machine: { node: string; cores: number; cpu: string; memoryGb: number; loadAverageStart: number[]; loadAverageEnd: number[] };
  seed: number;
  build: { ok: boolean; ms: number; note?: string };
  syntheticWriteMs?: number;
  startupSyntheticNoWatch?: StartupRun[];
  chatUsers: number;
  chatRounds: number;
  targets: TargetRow[];
  profiles: Profile[];
  errors: string[];
  totalSeconds: number;
}

function buildBot(): { ok: boolean; ms: number; note?: string } {
  const t0 = Date.now();
  const r = spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, encoding: 'utf8' });
  const ok = r.status === 0;
  const note = ok ? undefined : `npm run build exited ${r.status}; dist/ may be stale. ${(r.stdout + r.stderr).trim().split('\n').slice(0, 8).join(' | ')}`;
  return { ok, ms: Date.now() - t0, note };
}

async function profileIfNeeded(p: Plan, report: Report, syntheticDir: string | undefined): Promise<void> {
  const missed = new Set(report.targets.filter((t) => !t.met).map((t) => t.area));
  const want = (area: string) => p.profile === 'always' || (p.profile === 'auto' && missed.has(area as TargetRow['area']));
  const add = (area: string, file: string, why: string, per?: { count: number; unit: string }, window?: { fromUs: number; toUs: number }) => {
    if (!existsSync(file)) {
      report.errors.push(`profile ${area}: ${file} was not written`);
      return;
    }
    const { totalMs, functions } = summariseProfile(file, ROOT, window);
    const project = functions.filter((f) => /^(search|directory|bot|chat|cards|reports)\//.test(f.where));
    report.profiles.push({
      area,
      file: relative(ROOT, file),
      why,
      totalMs,
      top: profileTable(functions, 15, per),
      project: profileTable([...project].sort((a, b) => b.totalMs - a.totalMs), 15, per),
    });
  };
  const searchProfile = async (label: 'real' | 'synthetic', dataDir: string, why: string) => {
    log(`Profiling search (${label}) with node --cpu-prof ...`);
    const scratch = mkdtempSync(join(tmpdir(), 'mecc-bench-prof-'));
    const result = await runSearchWorker(
      { label, dataDir, oursBudgetMs: 0, oursMaxPasses: 0, fuseBudgetMs: 0, fuseMaxPasses: 0, fromDist: true, profileLoopMs: p.quick ? 2000 : 8000 },
      ['--cpu-prof', `--cpu-prof-dir=${scratch}`],
    );
    const file = join(RESULTS, `search-${label}.cpuprofile`);
    keepMainThreadProfile(scratch, file);
    add(`search (${label})`, file, why, { count: result.profiledAsks ?? 0, unit: 'query' });
  };
  try {
    const loop = `directory load, index build, then our ask() over the ${report.searchReal?.queries ? report.searchReal.queries.dev + report.searchReal.queries.typos : ''} bench queries in a loop for ${p.quick ? 2 : 8} s`;
    if (want('search-real')) await searchProfile('real', join(ROOT, 'directory-data'), loop);
    if ((want('search-synthetic') || want('build')) && syntheticDir) await searchProfile('synthetic', syntheticDir, loop);
    if (want('startup')) {
      log('Profiling start-up (real directory) with node --cpu-prof ...');
      // A moment after /healthz answers: the bot installs its SIGTERM handler just after it starts listening, and a profile is only written on a handled exit.
      await measureStartup({ watch: true, settleMs: 500, nodeFlags: ['--cpu-prof', `--cpu-prof-dir=${RESULTS}`, '--cpu-prof-name=startup-real.cpuprofile'] });
      add('start-up (real)', join(RESULTS, 'startup-real.cpuprofile'), 'node dist/bot/index.js from spawn to the first /healthz 200, then SIGTERM');
    }
    if (want('chat')) {
      log('Profiling our chat server under maximum load with node --cpu-prof ...');
      const { file, turns, window } = await profileOurServer(p.chat, p.quick ? 3 : 8, RESULTS);
      add('chat turn (ours)', file, `our server (dist/) under maximum load (${p.chat.connections} connections, ${p.quick ? 3 : 8} s, ${fmtInt(turns)} turns); the summary counts only the samples taken during the load, not start-up`, { count: turns, unit: 'turn' }, window);
    }
  } catch (e) {
    report.errors.push(`profiling failed: ${(e as Error).message}`);
  }
}

// ---------------------------------------------------------------- the markdown report

function engineRow(w: WorkerResult, e: EngineResult): string {
  const acc = (a?: { n: number; topicAccuracy: number }) => (a && a.n ? `${fmtPct(a.topicAccuracy)} (n=${a.n})` : 'n/a');
  return `| ${w.label} (${fmtInt(w.services)} services) | ${e.engine} | ${fmtInt(e.buildMs)}${e.rebuildMs !== undefined ? ` (rebuild ${fmtInt(e.rebuildMs)})` : ''} | ${fmtMs(e.heapAfterBuildMb)} (+${fmtMs(e.heapIndexMb)}) | ${fmtMs(e.query.p50)} | ${fmtMs(e.query.p90)} | ${fmtMs(e.query.p99)} | ${fmtMs(e.query.max)} | ${fmtInt(e.query.n)} | ${e.coldPass ? `${fmtMs(e.coldPass.p50)} / ${fmtMs(e.coldPass.p99)} / ${fmtMs(e.coldPass.max)}` : '-'} | ${acc(e.devAccuracy)} | ${acc(e.typoAccuracy)} |`;
}

function loadRow(c: ChatResult, r: LoadResult): string {
  return `| ${c.bot} | ${r.mode === 'rate' ? `${r.offeredRate} req/s` : 'max'} | ${r.connections} | ${fmtInt(r.requestsPerSecond)} | ${fmtMs(r.latencyMs.p50)} | ${fmtMs(r.latencyMs.p99)} | ${fmtMs(r.latencyMs.max)} | ${r.autocannonLatencyMs.p50} / ${r.autocannonLatencyMs.p99} | ${fmtInt(r.ok)} | ${r.errors + r.non2xx} | ${fmtInt(r.serverCpuPercent)}% | ${fmtInt(r.loadGeneratorCpuPercent)}% | ${fmtInt(r.machineCpuPercent)}% |`;
}

function startupRow(label: string, watch: boolean, runs: StartupRun[]): string {
  const ready = runs.map((r) => r.readyMs);
  return `| ${label} | ${fmtInt(runs[0].services)} | ${watch ? 'on (default)' : 'off'} | ${runs.length} | ${fmtInt(median(ready))} (${fmtInt(Math.min(...ready))}-${fmtInt(Math.max(...ready))}) | ${fmtInt(median(runs.map((r) => r.rssReadyMb)))} | ${fmtInt(median(runs.map((r) => r.rssSettledMb)))} | ${fmtInt(median(runs.map((r) => r.peakRssMb)))} |`;
}

function markdown(r: Report): string {
  const out: string[] = [];
  out.push(`# Benchmark results (${r.mode} run)`, '');
  out.push(`- Date: ${r.date}`);
  out.push(`- Command: \`${r.command}\` (took ${r.totalSeconds.toFixed(0)} s)`);
  out.push(`- Machine: ${r.machine.cores} cores (${r.machine.cpu}), ${r.machine.memoryGb.toFixed(0)} GB; Node ${r.machine.node}`);
  out.push(`- Load average at start ${r.machine.loadAverageStart.map((x) => x.toFixed(2)).join(' ')}, at end ${r.machine.loadAverageEnd.map((x) => x.toFixed(2)).join(' ')} (other work on this shared machine adds noise; see "machine CPU" below)`);
  out.push(`- Synthetic directory: ${fmtInt(r.syntheticServices)} generated services (seed ${r.seed}) plus the ${fmtInt((r.searchReal?.services ?? 0))} real ones, written as files to a temp copy of directory-data/ in ${fmtInt(r.syntheticWriteMs)} ms and deleted afterwards`);
  out.push(`- Build: \`npm run build\` ${r.build.ok ? 'ok' : 'FAILED'} in ${fmtInt(r.build.ms)} ms${r.build.note ? ` (${r.build.note})` : ''}`);
  if (r.mode === 'quick') out.push('- **Quick run**: small synthetic directory and short runs, a smoke test only; the targets are for a full run.');
  out.push('');
  out.push('## Targets', '', targetTable(r.targets), '');

  out.push('## 1. Search', '');
  out.push('Ours is the whole query path, `Signposter.ask(message)`: crisis check, Place detection, topic match and service ranking. fuse.js runs with its default options (`new Fuse(records, { keys: ["title", "synonyms", "name", "description"] })`) over one record per topic (title, synonyms) and per service (name, description, labelled with its main topic), and answers with the top hit\'s topic: no Place, no ranking, no crisis net.', '');
  out.push(`Queries: the ${r.searchReal?.queries.dev ?? '?'} dev queries (tests/queries/dev.tsv) plus ${r.searchReal?.queries.typos ?? '?'} deterministic typos of them (two adjacent letters swapped, or one dropped). Timing: \`process.hrtime.bigint()\` around each call, after a warm-up pass, passes in shuffled order until the time budget or pass limit. Heap: \`heapUsed\` after \`global.gc()\` (\`node --expose-gc\`), each directory in a fresh process; "+" is what the build added. Accuracy: topic accuracy (ours via \`evaluate\`; fuse by its top hit, "none" rows need no hit).`, '');
  out.push('| directory | engine | build ms | heap after build MB (+index) | median ms | p90 ms | p99 ms | max ms | samples | first pass after build p50 / p99 / max ms | dev topic accuracy | typo topic accuracy |');
  out.push('|---|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|');
  for (const w of [r.searchReal, r.searchSynthetic]) if (w) for (const e of w.engines) out.push(engineRow(w, e));
  out.push('');
  for (const w of [r.searchReal, r.searchSynthetic]) {
    if (!w) continue;
    out.push(`- ${w.label}: directory load (files + schema) ${fmtInt(w.loadMs)} ms, heap after load ${fmtMs(w.heapAfterLoadMb)} MB. Slowest of ours (median): ${w.slowestOurs.slice(0, 4).map((s) => `"${s.query}" ${fmtMs(s.p50Ms)} ms`).join(', ')}.`);
    for (const e of w.engines) if (e.note) out.push(`- ${w.label}, ${e.engine}: ${e.note}.`);
  }
  out.push('- "First pass after build" is each query once on a fresh index: ours caches ranked service lists per topic and Place and typo corrections per word, so this is what a new word or topic/Place pair costs.', '');

  out.push('## 2. Chat turn', '');
  out.push(`Each bot is served from its own process (\`bench/chat-server.ts\`: ours is \`createBotServer\` + \`listen\` on a free loopback port with a pino logger at level silent, MemoryStorage and a rate limit no benchmark user reaches; the echo bot is \`bench/echo-bot.ts\`, a bare CloudAdapter + restify server built the same way). The load generator, autocannon's programmatic API, runs in the benchmark's own process, so on this ${r.machine.cores}-core machine the server has one core and the generator the other. Every request is a Bot Framework message activity with \`deliveryMode: "expectReplies"\` (replies in the HTTP response) and a topic query with a Place, in turn: "smoking chesterfield", "cold house in buxton", "debt advice swadlincote", "falls ripley". Each bot: ${r.ours?.rate.durationS ?? '?'} s at a fixed offered rate (\`overallRate\`), then ${r.ours?.max.durationS ?? '?'} s at maximum throughput, after a warm-up at maximum throughput; both servers run throughout and are measured in alternating segments (${r.chatRounds} per bot and mode, echo and ours taking turns to go first) so a slow spell of this shared machine falls on both alike. Latencies of the segments are pooled.`, '');
  out.push('| bot | offered | connections | achieved turns/s | p50 ms | p99 ms | max ms | autocannon p50 / p99 ms | 2xx | errors | server CPU | load generator CPU | machine CPU (of 200%) |');
  out.push('|---|---|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|');
  for (const c of [r.ours, r.echo]) if (c) for (const l of [c.rate, c.max]) out.push(loadRow(c, l));
  out.push('');
  if (r.ours && r.echo) {
    out.push(`- Ours / echo: p50 at ${r.ours.rate.offeredRate} req/s ${(r.ours.rate.latencyMs.p50 / r.echo.rate.latencyMs.p50).toFixed(2)}x, p99 at ${r.ours.rate.offeredRate} req/s ${(r.ours.rate.latencyMs.p99 / r.echo.rate.latencyMs.p99).toFixed(2)}x, maximum turns/s ${(r.ours.max.requestsPerSecond / r.echo.max.requestsPerSecond).toFixed(2)}x.`);
    out.push(`- Replies checked before each run: ours "${r.ours.replyCheck}" (${fmtInt(r.ours.responseBytes)} bytes a response), echo "${r.echo.replyCheck}" (${fmtInt(r.echo.responseBytes)} bytes).`);
    out.push(`- Latency is each response's time as autocannon measured it (sub-millisecond); autocannon's own histogram (whole milliseconds, corrected for coordinated omission at a fixed rate; median p50 and worst p99 of the segments) is given beside it. autocannon paces \`overallRate\` as a budget per connection per second: each of the ${r.ours.rate.connections} connections sends its ${r.ours.rate.offeredRate! / r.ours.rate.connections} requests back to back at the start of each second, so the server sees bursts of ${r.ours.rate.connections} concurrent turns rather than a request every ${(1000 / r.ours.rate.offeredRate!).toFixed(0)} ms, and p99 is mostly queueing behind a burst: it scales with the CPU cost of a turn.`);
    out.push(`- Users: a pool of ${r.chatUsers} users (each with its own 1:1 conversation), round robin. MemoryStorage keeps user and conversation state per user and the rate limiter a bucket per user, so a new user per request would grow the heap all run; a fixed pool keeps it flat. Server RSS (running from TypeScript via tsx) before/after the measured runs: ours ${fmtInt(r.ours.rssBeforeMb)} / ${fmtInt(r.ours.rssAfterMb)} MB, echo ${fmtInt(r.echo.rssBeforeMb)} / ${fmtInt(r.echo.rssAfterMb)} MB.`);
    out.push('- "machine CPU" is all processes on the machine: anything above server + load generator is other work running at the same time.', '');
  }

  out.push('## 3. Start-up and memory', '');
  out.push('`node dist/bot/index.js` (after `npm run build`) spawned with PORT set to a free loopback port, a throw-away working folder and STATE_DIR (default disk storage), LOG_LEVEL=silent, and DIRECTORY_DATA pointing at the data folder for the synthetic runs. Ready = spawn to the first 200 from GET /healthz (polled every 5 ms). RSS = VmRSS from /proc/<pid>/status when ready and after settling; peak = VmHWM.', '');
  out.push('| directory | services | watch data folder | runs | ready ms median (range) | RSS at ready MB | RSS settled MB | peak RSS MB |');
  out.push('|---|---:|---|---:|---|---:|---:|---:|');
  if (r.startupReal?.length) out.push(startupRow('real', true, r.startupReal));
  if (r.startupSynthetic?.length) out.push(startupRow('synthetic', true, r.startupSynthetic));
  if (r.startupSyntheticNoWatch?.length) out.push(startupRow('synthetic', false, r.startupSyntheticNoWatch));
  out.push('');
  if (r.searchSynthetic) {
    const o = r.searchSynthetic.engines.find((e) => e.engine === 'ours');
    out.push(`- Where the synthetic directory's memory goes (from the search benchmark's process, after gc): the loaded directory holds ${fmtMs(r.searchSynthetic.heapAfterLoadMb - (r.searchReal?.heapAfterLoadMb ?? 0))} MB of heap more than the real one (${fmtMs(r.searchSynthetic.heapAfterLoadMb)} MB in all), and our indexes add ${fmtMs(o?.heapIndexMb)} MB.`);
  }
  if (r.startupSynthetic?.length && r.startupSyntheticNoWatch?.length) {
    const rss = median(r.startupSynthetic.map((x) => x.rssSettledMb)) - median(r.startupSyntheticNoWatch.map((x) => x.rssSettledMb));
    const ready = median(r.startupSynthetic.map((x) => x.readyMs)) - median(r.startupSyntheticNoWatch.map((x) => x.readyMs));
    out.push(`- Watching the data folder (WATCH_DIRECTORY=true, the default) against not watching, synthetic directory: ${rss >= 0 ? '+' : ''}${fmtInt(rss)} MB of RSS and ${ready >= 0 ? '+' : ''}${fmtInt(ready)} ms of start-up (one run without watching, so within noise unless large).` +
      (rss > 30 ? ' A cost this size means a watcher per file (Node 20\'s recursive `fs.watch` on Linux walks the tree and watches every file).' : ''));
  }
  out.push('');

  if (r.activity) {
    const a = r.activity;
    out.push('## 4. Recording conversations', '');
    out.push(`\`bench/activity.ts\`: ${a.record.n} taps recorded back to back through \`ActivityLog.record\` on the ${a.recordStore} (p50 ${fmtMs(a.record.p50)} ms, p99 ${fmtMs(a.record.p99)} ms, max ${fmtMs(a.record.max)} ms); the first tap after the store closed for being idle: median ${fmtMs(a.recordCold.p50)} ms, max ${fmtMs(a.recordCold.max)} ms over ${a.recordCold.n}. A report by month and topic plus one by outcome over ${fmtInt(a.report.conversations)} synthetic conversations (${fmtInt(a.report.taps)} taps, corrections included): ${fmtInt(a.report.ms)} ms.`, '');
  }
  if (r.takeawayPage) {
    const t = r.takeawayPage;
    out.push('## 5. The public take-away page', '');
    out.push(`\`bench/takeaway.ts\`: our server (\`bench/chat-server.ts\`, its own process, public page rate limit out of reach) asked by autocannon in this process for ${fmtInt(t.addresses)} real take-away addresses in turn (every topic in every Place and with none, one and two topics, some in large print; ${fmtInt(t.pageBytes.min)} to ${fmtInt(t.pageBytes.max)} bytes a page), each a fresh GET with no If-None-Match, so every request builds and sends the whole page. ${t.durationS} s at ${t.offeredRate} req/s (\`overallRate\`, ${t.connections} connections, so bursts of ${t.connections} at once as in section 2) after a warm-up at maximum throughput.`, '');
    out.push('| offered | connections | achieved pages/s | p50 ms | p90 ms | p99 ms | max ms | autocannon p50 / p99 ms | 200s | other | server CPU | machine CPU (of 200%) |');
    out.push('|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|');
    out.push(`| ${t.offeredRate} req/s | ${t.connections} | ${fmtInt(t.requestsPerSecond)} | ${fmtMs(t.latencyMs.p50)} | ${fmtMs(t.latencyMs.p90)} | ${fmtMs(t.latencyMs.p99)} | ${fmtMs(t.latencyMs.max)} | ${t.autocannonLatencyMs.p50} / ${t.autocannonLatencyMs.p99} | ${fmtInt(t.ok)} | ${fmtInt(t.non2xx + t.errors)} | ${t.serverCpuPercent.toFixed(0)}% | ${t.machineCpuPercent.toFixed(0)}% |`, '');
  }
  if (r.profiles.length) {
    out.push('## Profiles', '');
    for (const p of r.profiles) {
      out.push(`### ${p.area}: \`${p.file}\``, '', `${p.why}; ${fmtInt(p.totalMs)} ms sampled. Compiled code is mapped back to TypeScript lines through dist/'s source maps (line = where the function starts).`, '');
      out.push('Top self time:', '', p.top, '', 'Project functions by inclusive time:', '', p.project, '');
    }
  }
  if (r.errors.length) out.push('## Problems during the run', '', ...r.errors.map((e) => `- ${e}`), '');
  out.push('## Running it', '', '```sh', 'npm run bench             # full run, about 3 minutes', 'npm run bench -- --quick  # smoke run', 'npm run bench -- --profile   # also profile when every target is met', 'npx tsx bench/profile-summary.ts bench/results/<name>.cpuprofile   # summarise a profile', '```', '');
  return out.join('\n');
}

// ---------------------------------------------------------------- main

async function main(): Promise<void> {
  const started = Date.now();
  const p = plan();
  mkdirSync(RESULTS, { recursive: true });
  const report: Report = {
    date: new Date().toISOString(),
    command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
    mode: p.quick ? 'quick' : 'full',
    machine: { node: process.version, cores: availableParallelism(), cpu: cpus()[0]?.model ?? 'unknown', memoryGb: totalmem() / 2 ** 30, loadAverageStart: loadavg(), loadAverageEnd: [] },
    seed: p.seed,
    syntheticServices: p.services,
    chatUsers: p.chat.users,
    chatRounds: p.chat.rounds,
    build: { ok: true, ms: 0 },
    targets: [],
    profiles: [],
    errors: [],
    totalSeconds: 0,
  };
  let synthetic: SyntheticDirectory | undefined;
  const cleanUp = () => {
    synthetic?.remove();
    synthetic = undefined;
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      cleanUp();
      process.exit(130);
    });
  }

  try {
    log(`Benchmark (${report.mode}): ${report.machine.cores} cores, Node ${process.version}`);
    if (p.build) {
      let t = Date.now();
      log('Building (npm run build) ...');
      report.build = buildBot();
      if (!report.build.ok) {
        log(`  ${report.build.note}`);
        if (!existsSync(join(ROOT, 'dist', 'bot', 'index.js'))) throw new Error('the build failed and there is no dist/bot/index.js to start');
      }
      log(`  done in ${secs(t)}`);
      t = Date.now();
    } else report.build = { ok: true, ms: 0, note: 'skipped (--no-build)' };

    let t = Date.now();
    log(`Writing ${fmtInt(p.services)} synthetic services ...`);
    synthetic = writeSyntheticDirectory(p.services, p.seed);
    report.syntheticWriteMs = Date.now() - t;
    log(`  ${synthetic.root} in ${secs(t)}`);

    // 1. Search.
    const step = async <T>(label: string, fn: () => Promise<T>): Promise<T | undefined> => {
      const t0 = Date.now();
      log(`${label} ...`);
      try {
        const value = await fn();
        log(`  done in ${secs(t0)}`);
        return value;
      } catch (e) {
        const message = `${label}: ${(e as Error).message}`;
        report.errors.push(message);
        log(`  FAILED: ${message}`);
        return undefined;
      }
    };
    report.searchReal = await step('Search, real directory', () => runSearchWorker({ label: 'real', dataDir: join(ROOT, 'directory-data'), ...p.search }));
    report.searchSynthetic = await step('Search, synthetic directory', () => runSearchWorker({ label: 'synthetic', dataDir: synthetic!.root, ...p.search }));

    // 3. Start-up and memory (before the chat runs, on a quiet machine).
    const startups = async (n: number, dataDir: string | undefined, watch: boolean) => {
      const runs: StartupRun[] = [];
      for (let i = 0; i < n; i++) runs.push(await measureStartup({ dataDir, watch, settleMs: p.settleMs }));
      return runs;
    };
    report.startupReal = await step('Start-up, real directory', () => startups(p.startupRuns.real, undefined, true));
    report.startupSynthetic = await step('Start-up, synthetic directory', () => startups(p.startupRuns.synthetic, synthetic!.root, true));
    report.startupSyntheticNoWatch = await step('Start-up, synthetic directory, WATCH_DIRECTORY=false', () => startups(1, synthetic!.root, false));

    // 2. Chat turn.
    const chat = await step('Chat turn, echo bot and our bot', () => benchChatPair(p.chat));
    report.echo = chat?.echo;
    report.ours = chat?.ours;

    // 4. Recording conversations (issue 13).
    report.activity = await step('Recording conversations and a report over 1,000,000', () => benchActivity({ records: p.quick ? 200 : 1000, conversations: 1_000_000 }));

    // 5. The public take-away page (issue 14).
    report.takeawayPage = await step(`Public take-away page at ${p.takeaway.rate} req/s`, () => benchTakeawayPage(p.takeaway));

    report.targets = targetRows(report);
    await profileIfNeeded(p, report, synthetic?.root);
  } finally {
    cleanUp();
  }

  report.machine.loadAverageEnd = loadavg();
  report.totalSeconds = (Date.now() - started) / 1000;
  const json = JSON.stringify(report, null, 2);
  const md = markdown(report);
  writeFileSync(join(RESULTS, 'latest.json'), `${json}\n`);
  writeFileSync(join(RESULTS, 'latest.md'), md);
  if (p.baseline) writeFileSync(join(RESULTS, 'baseline.md'), md);

  log('');
  log(targetTable(report.targets));
  log('');
  if (report.errors.length) log(`Problems:\n${report.errors.map((e) => `  - ${e}`).join('\n')}`);
  log(`Wrote ${relative(process.cwd(), join(RESULTS, 'latest.md'))} and latest.json${p.baseline ? ' and baseline.md' : ''} (${report.totalSeconds.toFixed(0)} s).`);
  process.exit(report.errors.length ? 1 : 0);
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
