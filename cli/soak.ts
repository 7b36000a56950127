import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { freePort } from './free-port';

/**
 * A soak test on loopback: the real server (built, in its own process, durable disk state)
 * under a steady offered load for minutes, reporting errors, latency and memory growth.
 *   npm run soak -- --minutes 10 --rps 200
 */
const QUERIES = ['smoking', 'cold house in Buxton', 'debt advice swadlincote', 'lonely', 'falls ripley', 'he wants to end it all', 'carers', 'flu jab', 'skint', 'drug services derby', 'set place erewash', 'help'];


function rssMb(pid: number): number {
  const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  return kb / 1024;
}

function run(options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(options, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { minutes: { type: 'string', default: '10' }, rps: { type: 'string', default: '200' }, users: { type: 'string', default: '200' } } });
  const minutes = Number(values.minutes);
  const rps = Number(values.rps);
  const users = Number(values.users);
  if (!(minutes > 0) || !(rps > 0) || !(users > 0)) throw new Error('--minutes, --rps and --users must be positive numbers');

  const root = join(__dirname, '..');
  await new Promise<void>((resolve, reject) => {
    const build = spawn('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: root, stdio: 'inherit' });
    build.on('exit', (code) => (code === 0 ? resolve() : reject(new Error('build failed'))));
  });
  const port = await freePort();
  const state = mkdtempSync(join(tmpdir(), 'mecc-soak-'));
  const bot = spawn(process.execPath, [join(root, 'dist', 'bot', 'index.js')], {
    cwd: root,
    env: { ...process.env, PORT: String(port), STATE_DIR: state, STORAGE: 'disk', LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '1000000', WATCH_DIRECTORY: 'false' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      /* starting */
    }
    if (i > 200) throw new Error('the bot did not start');
    await new Promise((r) => setTimeout(r, 50));
  }

  let n = 0;
  const body = () => {
    n++;
    const user = n % users;
    return JSON.stringify({
      type: 'message', id: `soak-${n}`, channelId: 'msteams', serviceUrl: 'http://127.0.0.1:9/', deliveryMode: 'expectReplies',
      from: { id: `29:soak-${user}`, aadObjectId: `aad-soak-${user}` }, recipient: { id: '28:bot' },
      conversation: { id: `a:soak-${user}`, conversationType: 'personal' }, text: QUERIES[n % QUERIES.length],
    });
  };
  const base = { url: `${url}/api/messages`, method: 'POST' as const, headers: { 'content-type': 'application/json' }, connections: 20, requests: [{ setupRequest: (req: any) => ({ ...req, body: body() }) }] };

  // Memory is compared from the end of a warm-up: the heap and LevelDB's caches grow to a
  // working size first, and a leak shows as growth after that.
  process.stdout.write(`Warming up for 60 s at ${rps} req/s...\n`);
  await run({ ...base, duration: 60, overallRate: rps });
  const rssStart = rssMb(bot.pid!);
  process.stdout.write(`Soaking for ${minutes} min at ${rps} req/s (RSS at start ${rssStart.toFixed(1)} MB)...\n`);
  const samples: string[] = [];
  const sampler = setInterval(async () => {
    try {
      const m = (await (await fetch(`${url}/metrics`)).json()) as { rssMb: number; heapUsedMb: number };
      samples.push(`${Math.round((Date.now() - soakStart) / 1000)}s rss ${m.rssMb} heap ${m.heapUsedMb}`);
    } catch {
      /* a busy moment: skip the sample */
    }
  }, 30_000);
  const soakStart = Date.now();
  const result = await run({ ...base, duration: Math.round(minutes * 60), overallRate: rps });
  clearInterval(sampler);
  process.stdout.write(`Memory every 30 s (MB): ${samples.join('; ')}\n`);
  const rssEnd = rssMb(bot.pid!);
  bot.kill('SIGTERM');
  rmSync(state, { recursive: true, force: true });

  const errors = result.errors + result.timeouts + result.non2xx;
  const growth = (rssEnd - rssStart) / rssStart;
  const report = {
    minutes, offeredRps: rps, requests: result.requests.total, achievedRps: Number(result.requests.average.toFixed(1)), errors,
    latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
    rssMb: { start: Number(rssStart.toFixed(1)), end: Number(rssEnd.toFixed(1)), growthPercent: Number((growth * 100).toFixed(1)) },
  };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  const ok = errors === 0 && growth < 0.1;
  process.stdout.write(ok ? 'PASS: no errors and RSS growth under 10%\n' : 'FAIL: errors or RSS growth of 10% or more\n');
  process.exit(ok ? 0 : 1);
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).message}\n`);
  process.exit(1);
});
