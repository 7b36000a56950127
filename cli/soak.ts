import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { freePort } from './free-port';
import { ATTACKS, type Attack, gzipBomb, runHostile } from './hostile-traffic';

/**
 * A soak test on loopback: the real server (built, in its own process, durable disk state)
 * under a steady offered load for minutes, reporting errors, latency and memory growth.
 *   npm run soak -- --minutes 10 --rps 200
 *
 * With --hostile, the same normal traffic runs twice, quiet and then beside a hostile mix
 * (gzip bombs, slow bodies, a flood of distinct users, a flood of card clicks; see
 * hostile-traffic.ts), and the normal users' p99, errors and the server's memory are compared:
 *   npm run soak -- --hostile --seconds 60 --rps 50
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
  const { values } = parseArgs({ options: { minutes: { type: 'string', default: '10' }, rps: { type: 'string', default: '200' }, users: { type: 'string', default: '200' }, hostile: { type: 'boolean' }, seconds: { type: 'string', default: '60' }, settle: { type: 'string', default: '30' }, attacks: { type: 'string', default: ATTACKS.join(',') } } });
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
    // Loopback only; under --hostile the real rate limits apply (normal users stay well within them).
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), STATE_DIR: state, STORAGE: 'disk', LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: values.hostile ? '60' : '1000000', WATCH_DIRECTORY: 'false' },
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

  if (values.hostile) {
    const seconds = Number(values.seconds);
    if (!(seconds > 0 && seconds <= 600)) throw new Error('--seconds must be between 1 and 600');
    const attacks = values.attacks!.split(',').map((a) => a.trim()) as Attack[];
    if (attacks.some((a) => !ATTACKS.includes(a))) throw new Error(`--attacks is a list of ${ATTACKS.join(', ')}`);
    await hostileSoak({ base, rps, seconds, attacks, settle: Math.min(300, Number(values.settle) || 30), port, pid: bot.pid!, url });
    bot.kill('SIGTERM');
    rmSync(state, { recursive: true, force: true });
    process.exit(process.exitCode ?? 0);
  }

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

async function hostileSoak({ base, rps, seconds, attacks, settle, port, pid, url }: { base: autocannon.Options; rps: number; seconds: number; attacks: Attack[]; settle: number; port: number; pid: number; url: string }): Promise<void> {
  const bomb = await gzipBomb();
  process.stdout.write(`Warming up for 30 s at ${rps} req/s...\n`);
  await run({ ...base, duration: 30, overallRate: rps });
  const heapOf = async () => ((await (await fetch(`${url}/metrics`)).json()) as { heapUsedMb: number }).heapUsedMb;
  const rssStart = rssMb(pid);
  const heapStart = await heapOf();
  process.stdout.write(`Quiet run: ${seconds} s of normal traffic at ${rps} req/s (RSS ${rssStart.toFixed(1)} MB)...\n`);
  const quiet = await run({ ...base, duration: seconds, overallRate: rps });
  process.stdout.write(`Hostile run: ${seconds} s of the same beside gzip bombs (${bomb.length} bytes each), slow bodies and floods...\n`);
  let rssPeak = rssMb(pid);
  const peak = setInterval(() => (rssPeak = Math.max(rssPeak, rssMb(pid))), 500);
  const [noisy, hostile] = await Promise.all([run({ ...base, duration: seconds, overallRate: rps }), runHostile(port, seconds, bomb, attacks)]);
  clearInterval(peak);
  // Idle keep-alive connections and V8's heap settle; then memory is compared with the start.
  process.stdout.write(`Settling for ${settle} s...\n`);
  await new Promise((r) => setTimeout(r, settle * 1000));
  const rssEnd = rssMb(pid);
  const heapEnd = await heapOf();
  const metrics = (await (await fetch(`${url}/metrics`)).json()) as Record<string, number>;
  const errorsOf = (r: autocannon.Result) => r.errors + r.timeouts + r.non2xx;
  const report = {
    seconds, settleSeconds: settle, normalRps: rps,
    quiet: { requests: quiet.requests.total, errors: errorsOf(quiet), p50: quiet.latency.p50, p99: quiet.latency.p99 },
    hostile: { requests: noisy.requests.total, errors: errorsOf(noisy), p50: noisy.latency.p50, p99: noisy.latency.p99 },
    p99Ratio: Number((noisy.latency.p99 / Math.max(1, quiet.latency.p99)).toFixed(2)),
    rssMb: { start: Number(rssStart.toFixed(1)), peak: Number(rssPeak.toFixed(1)), end: Number(rssEnd.toFixed(1)), changePercent: Number((((rssEnd - rssStart) / rssStart) * 100).toFixed(1)) },
    heapUsedMb: { start: heapStart, end: heapEnd },
    attacks, attack: hostile,
    server: Object.fromEntries(Object.entries(metrics).filter(([k]) => /^refused|^throttled/.test(k))),
  };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  const ok = report.hostile.errors === 0 && report.quiet.errors === 0 && report.p99Ratio <= 2 && Math.abs(report.rssMb.changePercent) <= 10;
  process.stdout.write(ok ? 'PASS: normal users had no errors, p99 within 2x of the quiet run, RSS back within 10%\n' : 'FAIL: see the figures above\n');
  process.exitCode = ok ? 0 : 1;
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).message}\n`);
  process.exit(1);
});
