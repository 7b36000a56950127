/**
 * Start-up benchmark: spawns the built bot (`node dist/bot/index.js`) on a free loopback
 * port and measures the time from spawn to the first 200 from GET /healthz, and its
 * resident memory (VmRSS from /proc/<pid>/status) when ready and after it settles.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../cli/free-port';
import { rssMbOf } from './stats';

export interface StartupRun {
  readyMs: number;
  rssReadyMb: number;
  rssSettledMb: number;
  peakRssMb: number;
  services: number;
}

export interface StartupOptions {
  /** Data folder (DIRECTORY_DATA); the bot's own directory-data/ when undefined. */
  dataDir?: string;
  /** WATCH_DIRECTORY: the bot's default is true (it watches the data folder for edits). */
  watch: boolean;
  settleMs: number;
  /** Extra node flags, e.g. --cpu-prof. */
  nodeFlags?: string[];
  timeoutMs?: number;
}

const ROOT = join(__dirname, '..');

function healthz(port: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/healthz', agent: false, timeout: 2000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.end();
  });
}

export async function measureStartup(o: StartupOptions): Promise<StartupRun> {
  const port = await freePort();
  // A clean working folder: no .env is picked up, and disk state goes somewhere throw-away.
  const cwd = mkdtempSync(join(tmpdir(), 'mecc-bench-start-'));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    PORT: String(port),
    STATE_DIR: join(cwd, 'data'),
    LOG_LEVEL: 'silent',
    WATCH_DIRECTORY: String(o.watch),
    ...(o.dataDir ? { DIRECTORY_DATA: o.dataDir } : {}),
  };
  const t0 = process.hrtime.bigint();
  const child = spawn(process.execPath, [...(o.nodeFlags ?? []), join(ROOT, 'dist', 'bot', 'index.js')], { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  let exited: number | null | undefined;
  const exit = new Promise<void>((resolve) => child.once('exit', (code) => {
    exited = code;
    resolve();
  }));
  try {
    const deadline = Date.now() + (o.timeoutMs ?? 60_000);
    for (;;) {
      if (exited !== undefined) throw new Error(`the bot exited (${exited}) before /healthz answered: ${stderr.replace(/\(node:\d+\) \[DEP0111\][^\n]*\n|\(Use `node --trace-deprecation[^\n]*\n/g, '').slice(-3000)}`);
      try {
        const res = await healthz(port);
        if (res.status === 200) {
          const readyMs = Number(process.hrtime.bigint() - t0) / 1e6;
          const ready = rssMbOf(child.pid!);
          await new Promise((r) => setTimeout(r, o.settleMs));
          const settled = rssMbOf(child.pid!);
          return { readyMs, rssReadyMb: ready.rssMb, rssSettledMb: settled.rssMb, peakRssMb: settled.hwmMb, services: JSON.parse(res.body).services };
        }
      } catch {
        /* not listening yet */
      }
      if (Date.now() > deadline) throw new Error('the bot did not answer /healthz in time');
      await new Promise((r) => setTimeout(r, 5));
    }
  } finally {
    if (exited === undefined) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exit;
      clearTimeout(timer);
    }
    rmSync(cwd, { recursive: true, force: true });
  }
}
