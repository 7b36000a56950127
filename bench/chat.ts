/**
 * Chat-turn benchmark: our bot against a bare echo bot, each served by bench/chat-server.ts
 * in its own process, driven by autocannon (programmatic API) from this process. On a
 * 2-core machine that gives the server one core and the load generator the other.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { summarise, type Summary } from './stats';

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

function cpuTicks(pid: number): number {
  // utime + stime, in clock ticks (100 a second on Linux).
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

function rssMb(pid: number): number {
  return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? Number.NaN) / 1024;
}

function startServer(which: 'ours' | 'echo', cpuProfDir?: string): Promise<{ child: ChildProcess; port: number }> {
  const prof = cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`, `--cpu-prof-name=chat-${which}.cpuprofile`] : [];
  const child = fork(join(__dirname, 'chat-server.ts'), [which, ...(cpuProfDir ? ['--dist'] : [])], { execArgv: [...prof, '--import', 'tsx'], stdio: ['ignore', 'inherit', 'pipe', 'ipc'] });
  let stderr = '';
  child.stderr?.on('data', (d) => (stderr += d));
  return new Promise((resolve, reject) => {
    child.once('message', (m: { port?: number; error?: string }) => (m.port ? resolve({ child, port: m.port }) : reject(new Error(`${which} server failed: ${m.error}`))));
    child.once('exit', (code) => reject(new Error(`${which} server exited (${code}) before listening: ${stderr.slice(-2000)}`)));
  });
}

function stopServer(child: ChildProcess): Promise<void> {
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
      checks.push(`${activities.length} activities incl. a card`);
    }
  }
  return { check: [...new Set(checks)].join('; '), bytes };
}

function load(url: string, mode: 'rate' | 'max', o: ChatOptions, durationS: number, pid: number, start: number): Promise<LoadResult> {
  let n = start;
  const latencies: number[] = [];
  const cpuStart = process.cpuUsage();
  const ticksStart = cpuTicks(pid);
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
          serverCpuPercent: (100 * ticks) / 100 / seconds,
          loadGeneratorCpuPercent: (100 * (cpu.user + cpu.system)) / 1e6 / seconds,
        });
      },
    );
    instance.on('response', (_client: unknown, status: number, _bytes: number, responseTime: number) => {
      if (status >= 200 && status < 300) latencies.push(responseTime);
    });
  });
}

export async function benchChat(which: 'ours' | 'echo', o: ChatOptions): Promise<ChatResult> {
  const { child, port } = await startServer(which);
  try {
    const url = `http://127.0.0.1:${port}/api/messages`;
    const { check, bytes } = await checkReply(which, url);
    const pid = child.pid!;
    // Warm-up: JIT, connection set-up and every benchmark user's state created once.
    await load(url, 'max', o, o.warmupS, pid, 0);
    const rssBeforeMb = rssMb(pid);
    const rate = await load(url, 'rate', o, o.durationS, pid, 1_000_000);
    const max = await load(url, 'max', o, o.durationS, pid, 2_000_000);
    const rssAfterMb = rssMb(pid);
    return { bot: which, replyCheck: check, responseBytes: bytes, rssBeforeMb, rssAfterMb, rate, max };
  } finally {
    await stopServer(child);
  }
}

/**
 * Profiles our server (built code, `node --cpu-prof`) under maximum load for `seconds`, and
 * returns the .cpuprofile's path.
 */
export async function profileOurServer(o: ChatOptions, seconds: number, dir: string): Promise<string> {
  const { child, port } = await startServer('ours', dir);
  try {
    const url = `http://127.0.0.1:${port}/api/messages`;
    await checkReply('ours', url);
    await load(url, 'max', o, seconds, child.pid!, 5_000_000);
  } finally {
    await stopServer(child);
  }
  return join(dir, 'chat-ours.cpuprofile');
}
