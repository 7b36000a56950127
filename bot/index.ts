import 'dotenv/config';
import { DirectoryError } from '../directory/problems';
import { loadDirectory, defaultDataDir } from '../directory/load';
import { ConfigError, loadConfig } from './config';
import { createLogger } from './logger';
import { createBotServer, listen } from './server';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(78);
    }
    throw e;
  }
  const log = createLogger(config.LOG_LEVEL);
  let directory;
  try {
    directory = loadDirectory(config.DIRECTORY_DATA ?? defaultDataDir());
  } catch (e) {
    if (e instanceof DirectoryError) {
      process.stderr.write(`The bot did not start because of the directory data.\n${e.message}\n`);
      process.exit(65);
    }
    throw e;
  }
  const bot = createBotServer({ config, directory, log });
  const port = await listen(bot, config.PORT, config.host);
  if (config.localDevelopment) {
    log.warn({ event: 'local-development', host: config.host, port }, 'No MicrosoftAppId set: local development mode, listening on loopback only and accepting unauthenticated requests');
  }
  log.info({ event: 'started', port, host: config.host, directoryVersion: directory.version, topics: directory.topics.length, services: directory.services.length }, `MECC signposting bot listening on http://${config.host}:${port}/api/messages`);
  const stop = () => {
    log.info({ event: 'stopping' }, 'stopping');
    void bot.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
