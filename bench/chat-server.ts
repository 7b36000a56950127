/**
 * Serves one bot for the chat-turn benchmark, in its own process so it has a core to itself
 * while the load generator (autocannon, in bench/run.ts's process) has the other.
 *   node --import tsx bench/chat-server.ts ours|echo [dataDir]
 * Tells its parent the port over IPC, and stops on 'stop'.
 */
import { createLogger } from '../bot/logger';
import { loadConfig } from '../bot/config';
import { createBotServer, listen } from '../bot/server';
import { loadDirectory, defaultDataDir } from '../directory/load';
import { createEchoServer, listenEcho } from './echo-bot';

async function main(): Promise<void> {
  const [which, dataDir] = process.argv.slice(2);
  let port: number;
  let close: () => Promise<void>;
  if (which === 'ours') {
    // Local development mode (no app credentials, loopback), in-memory state, no logging,
    // and a rate limit no benchmark user reaches, so every request gets a real answer.
    const config = loadConfig({ PORT: '0', LOG_LEVEL: 'silent', STORAGE: 'memory', WATCH_DIRECTORY: 'false', RATE_LIMIT_PER_MINUTE: '100000000' });
    const bot = createBotServer({ config, directory: loadDirectory(dataDir || defaultDataDir()), log: createLogger('silent') });
    port = await listen(bot, 0, '127.0.0.1');
    close = () => bot.close();
  } else if (which === 'echo') {
    const echo = createEchoServer();
    port = await listenEcho(echo, 0);
    close = () => echo.close();
  } else {
    throw new Error(`usage: chat-server.ts ours|echo [dataDir] (got '${which}')`);
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
