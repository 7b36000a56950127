/**
 * Chat-turn benchmark: our bot against a bare echo bot, each served by bench/chat-server.ts
 * in its own process, driven by autocannon (programmatic API) from this process. On a
 * 2-core machine that gives the server one core and the load generator the other.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { keepMainThreadProfile } from './profile-summary';
import { median, rssMbOf, summarise, type Summary } from './stats';

export const CHAT_QUERIES = ['smoking chesterfield', 'cold house in buxton', 'debt advice swadlincote', 'falls ripley'];

export interface ChatOptions {
  warmupS: number;
  durationS: number;
  /** The fixed offered rate for the latency comparison (autocannon overallRate). */
  rate: number;
  connections: number;
  /** Distinct users (each with its own 1:1 conversation), used round robin. */
  users: number;
}

export interface LoadResult {
  mode: 'rate' | 'max';
  offeredRate?: number;
  connections: number;
  durationS: number;
  requests: number;
  ok: number;
  errors: number;
  non2xx: number;
  /** Completed 2xx responses per second over the run. */
  requestsPerSecond: number;
  /** Every response's time, measured by autocannon per request (sub-millisecond). */
  latencyMs: Summary;
  /** autocannon's own histogram (whole milliseconds; corrected for coordinated omission at a fixed rate). */
  autocannonLatencyMs: { p50: number; p99: number };
  serverCpuPercent: number;
  loadGeneratorCpuPercent: number;
  /** The whole machine's CPU use in % of one core (200% = both cores busy): the rest is other processes. */
  machineCpuPercent: number;
}

export interface ChatResult {
  bot: 'ours' | 'echo';
  replyCheck: string;
  responseBytes: number;
  rssBeforeMb: number;
  rssAfterMb: number;
  rate: LoadResult;
  max: LoadResult;
}

function activityBody(n: number, users: number): string {
  const user = n % users;
  return JSON.stringify({
    type: 'message',
    id: `bench-${n}`,
    timestamp: new Date().toISOString(),
    serviceUrl: 'http://127.0.0.1:9/',
    channelId: 'msteams',
    from: { id: `29:bench-${user}`, name: 'Member of staff', aadObjectId: `aad-bench-${user}` },
    recipient: { id: '28:mecc-bot', name: 'MECC' },
    conversation: { id: `a:bench-${user}`, conversationType: 'personal', tenantId: 'tenant-1' },
    channelData: { tenant: { id: 'tenant-1' } },
    locale: 'en-GB',
    deliveryMode: 'expectReplies',
    text: CHAT_QUERIES[n % CHAT_QUERIES.length],
  });
}

export function cpuTicks(pid: number): number {
  // utime + stime, in clock ticks (100 a second on Linux).
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/** Busy and total CPU time of the whole machine (all cores), in clock ticks. */
export function machineTicks(): { busy: number; total: number } {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const total = f.reduce((a, b) => a + b, 0);
  const idle = f[3] + (f[4] ?? 0);
  return { busy: total - idle, total };
}

const rssMb = (pid: number) => rssMbOf(pid).rssMb;

export function startServer(which: 'ours' | 'echo', cpuProfDir?: string): Promise<{ child: ChildProcess; port: number }> {
  const prof = cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`] : [];
  const child = fork(join(__dirname, 'chat-server.ts'), [which, ...(cpuProfDir ? ['--dist'] : [])], { execArgv: [...prof, '--import', 'tsx'], stdio: ['ignore', 'inherit', 'pipe', 'ipc'] });
  let stderr = '';
  child.stderr?.on('data', (d) => (stderr += d));
  return new Promise((resolve, reject) => {
    child.once('message', (m: { port?: number; error?: string }) => (m.port ? resolve({ child, port: m.port }) : reject(new Error(`${which} server failed: ${m.error}`))));
    child.once('exit', (code) => reject(new Error(`${which} server exited (${code}) before listening: ${stderr.slice(-2000)}`)));
  });
}

export function stopServer(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.send('stop');
  });
}

/** One request, checked: ours must answer with an Adaptive Card for the topic, echo with the text. */
async function checkReply(which: 'ours' | 'echo', url: string): Promise<{ check: string; bytes: number }> {
  const checks: string[] = [];
  let bytes = 0;
  for (let i = 0; i < CHAT_QUERIES.length; i++) {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: activityBody(i, 1_000_000) });
    const text = await res.text();
    bytes = Math.max(bytes, Buffer.byteLength(text));
    if (res.status !== 200) throw new Error(`${which}: '${CHAT_QUERIES[i]}' got HTTP ${res.status}: ${text.slice(0, 300)}`);
    const activities = (JSON.parse(text).activities ?? []) as { type: string; text?: string; attachments?: { contentType: string }[] }[];
    if (which === 'echo') {
      if (!activities.some((a) => a.text === `Echo: ${CHAT_QUERIES[i]}`)) throw new Error(`echo: unexpected reply ${text.slice(0, 300)}`);
      checks.push('echoed');
    } else {
      const card = activities.find((a) => a.attachments?.some((x) => x.contentType === 'application/vnd.microsoft.card.adaptive'));
      if (!card) throw new Error(`ours: '${CHAT_QUERIES[i]}' got no Adaptive Card: ${text.slice(0, 300)}`);
      if (/sending messages very quickly/.test(text)) throw new Error('ours: the rate limit answered instead of the bot');
      checks.push(`${activities.length} ${activities.length === 1 ? 'activity, a card' : 'activities incl. a card'}`);
    }
  }
  return { check: [...new Set(checks)].join('; '), bytes };
}

type Segment = LoadResult & { raw: number[]; seconds: number };

function load(url: string, mode: 'rate' | 'max', o: ChatOptions, durationS: number, pid: number, start: number): Promise<Segment> {
  let n = start;
  const latencies: number[] = [];
  const cpuStart = process.cpuUsage();
  const ticksStart = cpuTicks(pid);
  const machineStart = machineTicks();
  const t0 = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        connections: o.connections,
        duration: durationS,
        ...(mode === 'rate' ? { overallRate: o.rate } : {}),
        requests: [{ setupRequest: (req: any) => ({ ...req, body: activityBody(n++, o.users) }) }],
      },
      (err: Error | null, r: autocannon.Result) => {
        if (err) return reject(err);
        const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
        const cpu = process.cpuUsage(cpuStart);
        const ticks = cpuTicks(pid) - ticksStart;
        const machine = machineTicks();
        const cores = (machine.total - machineStart.total) / 100 / seconds;
        const ok = r['2xx'];
        resolve({
          mode,
          ...(mode === 'rate' ? { offeredRate: o.rate } : {}),
          connections: o.connections,
          durationS,
          requests: r.requests.total,
          ok,
          errors: r.errors + r.timeouts,
          non2xx: r.non2xx,
          requestsPerSecond: ok / seconds,
          latencyMs: summarise(latencies),
          autocannonLatencyMs: { p50: r.latency.p50, p99: r.latency.p99 },
          serverCpuPercent: ticks / seconds, // ticks are 1/100 s
          loadGeneratorCpuPercent: (100 * (cpu.user + cpu.system)) / 1e6 / seconds,
          machineCpuPercent: (100 * cores * (machine.busy - machineStart.busy)) / (machine.total - machineStart.total || 1),
          raw: latencies,
          seconds,
        });
      },
    );
    instance.on('response', (_client: unknown, status: number, _bytes: number, responseTime: number) => {
      if (status >= 200 && status < 300) latencies.push(responseTime);
    });
  });
}

/** Several timed segments of one bot and mode as one result (latencies pooled, rates over the total time). */
function merge(segments: Segment[]): LoadResult {
  const seconds = segments.reduce((a, x) => a + x.seconds, 0);
  const ok = segments.reduce((a, x) => a + x.ok, 0);
  const weighted = (f: (x: Segment) => number) => segments.reduce((a, x) => a + f(x) * x.seconds, 0) / (seconds || 1);
  const first = segments[0];
  return {
    mode: first.mode,
    ...(first.offeredRate ? { offeredRate: first.offeredRate } : {}),
    connections: first.connections,
    durationS: segments.reduce((a, x) => a + x.durationS, 0),
    requests: segments.reduce((a, x) => a + x.requests, 0),
    ok,
    errors: segments.reduce((a, x) => a + x.errors, 0),
    non2xx: segments.reduce((a, x) => a + x.non2xx, 0),
    requestsPerSecond: ok / (seconds || 1),
    latencyMs: summarise(segments.flatMap((x) => x.raw)),
    // autocannon's histograms cannot be pooled: the median of the segments' p50s, the worst p99.
    autocannonLatencyMs: { p50: median(segments.map((x) => x.autocannonLatencyMs.p50)), p99: Math.max(...segments.map((x) => x.autocannonLatencyMs.p99)) },
    serverCpuPercent: weighted((x) => x.serverCpuPercent),
    loadGeneratorCpuPercent: weighted((x) => x.loadGeneratorCpuPercent),
    machineCpuPercent: weighted((x) => x.machineCpuPercent),
  };
}

/**
 * Both bots, each in its own server process, measured in alternating segments (echo, ours,
 * ours, echo, ...) so that a slow spell of this shared machine falls on both alike: first at
 * the fixed rate, then at maximum throughput, `durationS` in all per bot and mode.
 */
export async function benchChatPair(o: ChatOptions & { rounds: number }): Promise<{ ours: ChatResult; echo: ChatResult }> {
  const bots: { which: 'ours' | 'echo'; child?: ChildProcess; url?: string; check?: string; bytes?: number; rssBefore?: number }[] = [{ which: 'echo' }, { which: 'ours' }];
  try {
    for (const b of bots) {
      const { child, port } = await startServer(b.which);
      b.child = child;
      b.url = `http://127.0.0.1:${port}/api/messages`;
      ({ check: b.check, bytes: b.bytes } = await checkReply(b.which, b.url));
    }
    // Warm-up: JIT, connection set-up and every benchmark user's state created once.
    for (const b of bots) {
      await load(b.url!, 'max', o, o.warmupS, b.child!.pid!, 0);
      b.rssBefore = rssMb(b.child!.pid!);
    }
    const segments = new Map<string, Segment[]>();
    let start = 1_000_000;
    for (const mode of ['rate', 'max'] as const) {
      for (let round = 0; round < o.rounds; round++) {
        for (const b of round % 2 === 0 ? bots : [...bots].reverse()) {
          const seg = await load(b.url!, mode, o, o.durationS / o.rounds, b.child!.pid!, (start += 1_000_000));
          segments.set(`${b.which}-${mode}`, [...(segments.get(`${b.which}-${mode}`) ?? []), seg]);
        }
      }
    }
    const result = (b: (typeof bots)[number]): ChatResult => ({
      bot: b.which,
      replyCheck: b.check!,
      responseBytes: b.bytes!,
      rssBeforeMb: b.rssBefore!,
      rssAfterMb: rssMb(b.child!.pid!),
      rate: merge(segments.get(`${b.which}-rate`)!),
      max: merge(segments.get(`${b.which}-max`)!),
    });
    return { echo: result(bots[0]), ours: result(bots[1]) };
  } finally {
    for (const b of bots) if (b.child) await stopServer(b.child);
  }
}

/**
 * Profiles our server (built code, `node --cpu-prof`) under maximum load for `seconds`, and
 * returns the .cpuprofile's path.
 */
export async function profileOurServer(o: ChatOptions, seconds: number, dir: string): Promise<{ file: string; turns: number; window: { fromUs: number; toUs: number } }> {
  const scratch = mkdtempSync(join(tmpdir(), 'mecc-bench-prof-'));
  const { child, port } = await startServer('ours', scratch);
  let turns = 0;
  const window = { fromUs: 0, toUs: 0 };
  try {
    const url = `http://127.0.0.1:${port}/api/messages`;
    await checkReply('ours', url);
    window.fromUs = Number(process.hrtime.bigint() / 1000n);
    turns = (await load(url, 'max', o, seconds, child.pid!, 5_000_000)).ok;
    window.toUs = Number(process.hrtime.bigint() / 1000n);
  } finally {
    await stopServer(child);
  }
  const file = join(dir, 'chat-ours.cpuprofile');
  keepMainThreadProfile(scratch, file);
  return { file, turns, window };
}
