/**
 * `npm run playground`: talk to the bot in a Teams-like web chat on this machine, with no
 * Teams tenant, Azure or sign-in. Builds the bot if dist/ is out of date, starts it
 * (node dist/bot/index.js) on a free loopback port (or PORT), waits for /healthz, starts
 * the Microsoft 365 Agents Playground pointed at it (or PLAYGROUND_PORT) and prints the
 * URL to open. Ctrl-C (or SIGTERM) stops both.
 *
 * The helpers are exported for the browser end-to-end test (tests/e2e/).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { freePort } from './free-port';

export { freePort };

/** The project root, from cli/ (tsx) or dist/cli/ (compiled). */
function projectRoot(): string {
  let dir = __dirname;
  for (let i = 0; i < 4; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'tsconfig.json'))) return dir;
    dir = dirname(dir);
  }
  return join(__dirname, '..');
}

export const ROOT = projectRoot();
const BOT_ENTRY = join(ROOT, 'dist', 'bot', 'index.js');
const PLAYGROUND_BIN = join(ROOT, 'node_modules', '.bin', 'agentsplayground');

/** Builds when dist/ is older than the sources: the same check `npm start` makes. */
export const { ensureBuilt, buildIsStale } = require('./start.cjs') as {
  ensureBuilt(options?: { force?: boolean; log?: (line: string) => void }): boolean;
  buildIsStale(): boolean;
};

export interface Started {
  child: ChildProcess;
  url: string;
  port: number;
  /** Everything the process has written so far (stdout and stderr). */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Stops a process started with `detached: true` (its own process group): SIGTERM to the
 * group, then SIGKILL after `graceMs`.
 */
export function stopGroup(child: ChildProcess, graceMs = 5000): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null || !child.pid) return resolve();
    const pid = child.pid;
    const timer = setTimeout(() => {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }, graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      // Anything the process left behind in its group goes too.
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        /* nothing left */
      }
      resolve();
    });
    try {
      process.kill(-pid, 'SIGTERM');
    } catch {
      clearTimeout(timer);
      resolve();
    }
  });
}

function capture(child: ChildProcess, onLine?: (line: string) => void): () => string {
  let out = '';
  let partial = '';
  const take = (d: Buffer) => {
    const text = d.toString('utf8');
    out += text;
    if (out.length > 1_000_000) out = out.slice(-500_000);
    if (onLine) {
      const lines = (partial + text).split('\n');
      partial = lines.pop() ?? '';
      for (const l of lines) if (l.trim()) onLine(l);
    }
  };
  child.stdout?.on('data', take);
  child.stderr?.on('data', take);
  return () => out;
}

async function waitUntil(check: () => Promise<boolean>, what: string, child: ChildProcess, output: () => string, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${what} exited early (code ${child.exitCode ?? child.signalCode}):\n${output()}`);
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) {
      await stopGroup(child, 1000);
      throw new Error(`${what} was not ready within ${ms / 1000} s:\n${output()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Environment for a bot that the Playground can talk to: local development mode (no app
 * credentials, loopback only, any tenant). Storage and the other settings (.env, STORAGE,
 * STATE_DIR, LOG_LEVEL, DIRECTORY_DATA, ...) pass through, so by default the Playground's
 * bot keeps Places and staff reports in the same embedded store as `npm start`.
 */
export function localBotEnv(port: number, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    MicrosoftAppId: '',
    MicrosoftAppPassword: '',
    MicrosoftAppType: 'MultiTenant',
    MicrosoftAppTenantId: '',
    ALLOWED_TENANTS: '',
    ...extra,
  };
}

/** Starts node dist/bot/index.js in its own process group and waits for /healthz. */
export async function startBot(options: { port?: number; env?: Record<string, string>; onLine?: (line: string) => void; timeoutMs?: number } = {}): Promise<Started> {
  const port = options.port ?? (await freePort());
  const child = spawn(process.execPath, [BOT_ENTRY], {
    cwd: ROOT,
    env: localBotEnv(port, options.env),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const output = capture(child, options.onLine);
  const url = `http://127.0.0.1:${port}`;
  await waitUntil(async () => (await fetch(`${url}/healthz`)).ok, 'The bot', child, output, options.timeoutMs ?? 30_000);
  return { child, url, port, output, stop: () => stopGroup(child) };
}

/** Starts the Agents Playground for a bot endpoint in its own process group and waits for its page. */
export async function startPlayground(botMessagesUrl: string, options: { port?: number; onLine?: (line: string) => void; timeoutMs?: number } = {}): Promise<Started> {
  const requested = options.port ?? (await freePort());
  if (!existsSync(PLAYGROUND_BIN)) throw new Error(`${PLAYGROUND_BIN} is missing: run npm install (devDependency @microsoft/m365agentsplayground)`);
  const child = spawn(PLAYGROUND_BIN, ['-e', botMessagesUrl, '-c', 'msteams', '-p', String(requested), '--disable-telemetry'], {
    cwd: ROOT,
    env: process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const output = capture(child, options.onLine);
  let port = requested;
  await waitUntil(async () => {
    // It falls back to a random port when the one asked for is taken, and says which.
    const said = /Listening on (\d+)/.exec(output());
    if (!said) return false;
    port = Number(said[1]);
    return (await fetch(`http://127.0.0.1:${port}/`)).ok;
  }, 'The Agents Playground', child, output, options.timeoutMs ?? 30_000);
  return { child, url: `http://localhost:${port}/`, port, output, stop: () => stopGroup(child) };
}

/** Where the bot keeps Places and staff reports, from its "started" log line. */
export function describeState(botOutput: string): string {
  const started = botOutput.split('\n').map((l) => {
    try {
      return JSON.parse(l) as { event?: string; storage?: string; stateDir?: string };
    } catch {
      return undefined;
    }
  }).find((l) => l?.event === 'started');
  switch (started?.storage) {
    case 'disk':
      return `kept in ${started.stateDir} (STORAGE=disk), as with npm start: staff reports made here are listed by npm run directory -- feedback`;
    case 'azure-blobs':
      return 'kept in Azure Blob Storage (STORAGE=azure-blobs), as with npm start';
    case 'memory':
      return 'in memory only (STORAGE=memory): Places and staff reports made here are not kept after Ctrl-C';
    default:
      return 'as set by STORAGE (see .env.example)';
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write('Usage: npm run playground [-- --build] [-- --quiet]\n  PORT=<bot port> PLAYGROUND_PORT=<web chat port> (free ports by default)\n  --build  rebuild even if dist/ looks current\n  --quiet  do not echo the bot\'s log lines\n');
    return;
  }
  const quiet = args.includes('--quiet');
  const say = (line: string) => process.stdout.write(`${line}\n`);
  const started: Started[] = [];
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say('Stopping the Playground and the bot...');
    await Promise.all(started.map((s) => s.stop()));
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));
  // Last resort if this process is ended some other way: no orphans.
  process.on('exit', () => {
    for (const s of started) {
      if (s.child.exitCode === null && s.child.pid) {
        try {
          process.kill(-s.child.pid, 'SIGKILL');
        } catch {
          /* gone */
        }
      }
    }
  });

  try {
    const t0 = Date.now();
    if (ensureBuilt({ force: args.includes('--build'), log: say })) say(`Built in ${((Date.now() - t0) / 1000).toFixed(1)} s.`);
    const botPort = process.env.PORT ? Number(process.env.PORT) : undefined;
    const bot = await startBot({ port: botPort, onLine: quiet ? undefined : (l) => say(`[bot] ${l}`) });
    started.push(bot);
    // Watched from now on: the bot can still stop while the Playground starts (e.g. its
    // STATE_DIR is held by another bot, which it says in its own last line).
    const watch = (s: Started, what: string) =>
      s.child.once('exit', (code) => {
        if (stopping) return;
        say(`${what} stopped unexpectedly (${code ?? 'signal'}).`);
        void stopAll(1);
      });
    watch(bot, 'The bot');
    const pgPort = process.env.PLAYGROUND_PORT ? Number(process.env.PLAYGROUND_PORT) : undefined;
    const playground = await startPlayground(`${bot.url}/api/messages`, { port: pgPort, onLine: (l) => say(`[playground] ${l}`) });
    started.push(playground);
    watch(playground, 'The Playground');
    say('');
    say(`  Bot:        ${bot.url}/api/messages  (local development mode)`);
    say(`  Playground: ${playground.url}`);
    say(`  State:      ${describeState(bot.output())}`);
    say('');
    say(`Open ${playground.url} in your browser. Try "smoking", "cold house in Buxton" or "help".`);
    say('Press Ctrl-C to stop both.');
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    await stopAll(1);
  }
}

if (require.main === module) void main();
