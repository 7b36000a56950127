/**
 * The public take-away page under load (issue 14): our server (bench/chat-server.ts, in its own
 * process, as for the chat turn) asked for real take-away pages by autocannon at a fixed rate
 * from this process. Each request is a fresh GET with no If-None-Match (a phone scanning the QR
 * code for the first time), so every one builds and sends the whole page.
 *
 *   npx tsx bench/takeaway.ts [--rate 200] [--seconds 10]   on its own
 */
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { defaultDataDir, loadDirectory } from '../directory/load';
import { PLACE_IDS, TOPIC_IDS } from '../directory/ids';
import { takeawayUrl } from '../takeaway/address';
import { checkChoice, offerable } from '../takeaway/summary';
import { cpuTicks, machineTicks, startServer, stopServer } from './chat';
import { summarise, type Summary } from './stats';

export interface TakeawayPageOptions {
  rate: number;
  connections: number;
  warmupS: number;
  durationS: number;
}

export interface TakeawayPageBench {
  offeredRate: number;
  connections: number;
  durationS: number;
  addresses: number;
  requests: number;
  ok: number;
  non2xx: number;
  errors: number;
  requestsPerSecond: number;
  /** Each response's time as autocannon measured it (sub-millisecond). */
  latencyMs: Summary;
  /** autocannon's own histogram (whole milliseconds, corrected for coordinated omission). */
  autocannonLatencyMs: { p50: number; p99: number };
  pageBytes: { min: number; max: number };
  serverCpuPercent: number;
  machineCpuPercent: number;
}

/**
 * Page addresses as the bot hands them out: every topic in every Place (and with no Place), with
 * the first two services that may be offered, then a two-topic page and large print for some.
 */
export function pageAddresses(): string[] {
  const directory = loadDirectory(defaultDataDir());
  const paths: string[] = [];
  for (const place of [...PLACE_IDS, null]) {
    for (const [i, topic] of TOPIC_IDS.entries()) {
      const services = offerable(directory, topic, place).slice(0, 2).map((s) => s.id);
      const other = TOPIC_IDS[(i + 7) % TOPIC_IDS.length];
      const two = [...services, ...offerable(directory, other, place).slice(0, 1).map((s) => s.id).filter((id) => !services.includes(id))];
      for (const raw of [{ topics: [topic], place, services }, { topics: [topic, other], place, services: two }]) {
        const choice = checkChoice(directory, raw);
        if (choice) paths.push(takeawayUrl('', choice, { large: i % 5 === 0 }));
      }
    }
  }
  return paths;
}

function run(base: string, paths: string[], o: TakeawayPageOptions, durationS: number, rate: number | undefined, pid: number): Promise<Omit<TakeawayPageBench, 'addresses' | 'pageBytes'>> {
  let n = 0;
  const latencies: number[] = [];
  const ticksStart = cpuTicks(pid);
  const machineStart = machineTicks();
  const t0 = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: base,
        method: 'GET',
        connections: o.connections,
        duration: durationS,
        ...(rate ? { overallRate: rate } : {}),
        requests: [{ setupRequest: (req: any) => ({ ...req, path: paths[n++ % paths.length] }) }],
      },
      (err: Error | null, r: autocannon.Result) => {
        if (err) return reject(err);
        const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
        const machine = machineTicks();
        const cores = (machine.total - machineStart.total) / 100 / seconds;
        resolve({
          offeredRate: rate ?? 0,
          connections: o.connections,
          durationS,
          requests: r.requests.total,
          ok: r['2xx'],
          non2xx: r.non2xx,
          errors: r.errors + r.timeouts,
          requestsPerSecond: r['2xx'] / seconds,
          latencyMs: summarise(latencies),
          autocannonLatencyMs: { p50: r.latency.p50, p99: r.latency.p99 },
          serverCpuPercent: (cpuTicks(pid) - ticksStart) / seconds,
          machineCpuPercent: (100 * cores * (machine.busy - machineStart.busy)) / (machine.total - machineStart.total || 1),
        });
      },
    );
    instance.on('response', (_client: unknown, status: number, _bytes: number, responseTime: number) => {
      if (status === 200) latencies.push(responseTime);
    });
  });
}

export async function benchTakeawayPage(o: TakeawayPageOptions): Promise<TakeawayPageBench> {
  const paths = pageAddresses();
  const { child, port } = await startServer('ours');
  try {
    const base = `http://127.0.0.1:${port}`;
    // Every address is a real page before anything is timed: a 404 or a 429 would be cheap and flatter the figures.
    const sizes: number[] = [];
    for (const path of paths) {
      const res = await fetch(`${base}${path}`);
      const html = await res.text();
      if (res.status !== 200 || !/<h1>Help near you/.test(html)) throw new Error(`${path} answered ${res.status}, not a take-away page`);
      sizes.push(Buffer.byteLength(html));
    }
    await run(base, paths, o, o.warmupS, undefined, child.pid!);
    const measured = await run(base, paths, o, o.durationS, o.rate, child.pid!);
    if (measured.non2xx || measured.errors) throw new Error(`${measured.non2xx} non-200 responses and ${measured.errors} errors under load`);
    return { ...measured, addresses: paths.length, pageBytes: { min: Math.min(...sizes), max: Math.max(...sizes) } };
  } finally {
    await stopServer(child);
  }
}

if (require.main === module) {
  const { values } = parseArgs({ options: { rate: { type: 'string' }, seconds: { type: 'string' } } });
  benchTakeawayPage({ rate: Number(values.rate ?? 200), connections: 10, warmupS: 2, durationS: Number(values.seconds ?? 10) })
    .then((r) => process.stdout.write(`public take-away page at ${r.offeredRate} req/s (${r.connections} connections, ${r.durationS} s, ${r.addresses} addresses, ${r.pageBytes.min}-${r.pageBytes.max} bytes): p50 ${r.latencyMs.p50.toFixed(2)} ms, p99 ${r.latencyMs.p99.toFixed(2)} ms, max ${r.latencyMs.max.toFixed(2)} ms over ${r.ok} pages; server CPU ${r.serverCpuPercent.toFixed(0)}%\n`))
    .catch((e) => {
      process.stderr.write(`${(e as Error).stack}\n`);
      process.exit(1);
    });
}
