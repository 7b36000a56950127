/**
 * Serves one bot for the chat-turn benchmark, in its own process so it has a core to itself
 * while the load generator (autocannon, in bench/run.ts's process) has the other.
 *   node --import tsx bench/chat-server.ts ours|echo [--dist]
 * With --dist our bot is loaded from dist/ (the build) instead of the sources: the same code,
 * but a CPU profile then names TypeScript lines through the source maps.
 * Tells its parent the port over IPC, and stops on 'stop'.
 */
import { createEchoServer, listenEcho } from './echo-bot';

async function main(): Promise<void> {
  const [which, ...flags] = process.argv.slice(2);
  let port: number;
  let close: () => Promise<void>;
  if (which === 'ours') {
      const base = flags.includes('--dist') ? '../dist' : '..';
    const { createLogger } = require(`${base}/bot/logger`) as typeof import('../bot/logger');
    const { loadConfig } = require(`${base}/bot/config`) as typeof import('../bot/config');
    const { createBotServer, listen } = require(`${base}/bot/server`) as typeof import('../bot/server');
    const { loadDirectory, defaultDataDir } = require(`${base}/directory/load`) as typeof import('../directory/load');
      // Local development mode (no app credentials, loopback), in-memory state, no logging,
    // and a rate limit no benchmark user reaches, so every request gets a real answer.
    const config = loadConfig({ PORT: '0', LOG_LEVEL: 'silent', STORAGE: 'memory', WATCH_DIRECTORY: 'false', RATE_LIMIT_PER_MINUTE: '100000000', CARD_RATE_LIMIT_PER_MINUTE: '100000000', PUBLIC_PAGE_RATE_LIMIT_PER_MINUTE: '100000000' });
    const bot = createBotServer({ config, directory: loadDirectory(defaultDataDir()), log: createLogger('silent') });
    port = await listen(bot, 0, '127.0.0.1');
    close = () => bot.close();
  } else if (which === 'echo') {
    const echo = createEchoServer();
    port = await listenEcho(echo, 0);
    close = () => echo.close();
  } else {
    throw new Error(`usage: chat-server.ts ours|echo [--dist] (got '${which}')`);
  }
  process.send?.({ port });
  process.on('message', (m) => {
    if (m === 'stop') void close().finally(() => process.exit(0));
  });
  process.on('disconnect', () => process.exit(0));
}

main().catch((e) => {
  process.send?.({ error: (e as Error).message });
  process.exit(1);
});
