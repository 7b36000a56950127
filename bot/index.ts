import 'dotenv/config';
import { mkdirSync } from 'node:fs';
import { watchDirectory } from '../directory/watch';
import { chooseStorage } from './storage/choose';
import { isLockedError } from './storage/level-storage';
import { DirectoryError } from '../directory/problems';
import { defaultDataDir, type Directory } from '../directory/load';
import { EditStore } from '../editing/store';
import { PublishedChanges } from '../editing/published';
import { type EditedDirectory, loadEditedDirectory } from '../editing/serve';
import { editStorage } from './storage/edit-storage';
import { recoverInterruptedImport } from '../maintain/swap';
import { ConfigError, loadConfig } from './config';
import { createLogger } from './logger';
import { EXIT_UNAVAILABLE, listenProblem, stateInUse } from './startup-problems';
import { createBotServer, listen } from './server';

async function main(): Promise<void> {
  // Everything the bot writes (state, staff reports) is readable by its own user only.
  process.umask(0o077);
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
  let directory: Directory;
  let edited: EditedDirectory;
  const stores = chooseStorage(config);
  // Published directory edits are read before anything is served, so no instance starts with an old version.
  const editStore = new EditStore(editStorage(stores.edits));
  const published = new PublishedChanges(editStore);
  try {
    await published.refresh();
  } catch (e) {
    // The store is unreachable: serve the files, and the published changes once a poll gets through.
    log.error({ event: 'edits-unavailable', error: (e as Error).name }, 'could not read the published directory edits; serving the files until the store answers');
  }
  try {
    // An import killed half-way is finished (or undone) before anything reads the data.
    recoverInterruptedImport(config.DIRECTORY_DATA ?? defaultDataDir());
    edited = loadEditedDirectory(config.DIRECTORY_DATA ?? defaultDataDir(), published);
    ({ directory } = edited);
    const { warnings } = edited;
    // Counted only: details are for `npm run directory -- validate`.
    if (warnings.length) process.stderr.write(`The directory data has ${warnings.length} warning(s), which do not stop the bot: run 'npm run directory -- validate' for details.\n`);
    if (config.STORAGE === 'disk') mkdirSync(config.STATE_DIR, { recursive: true });
  } catch (e) {
    if (e instanceof DirectoryError) {
      process.stderr.write(`The bot did not start because of the directory data.\n${e.message}\n`);
      process.exit(65);
    }
    throw e;
  }
  const dataDir = config.DIRECTORY_DATA ?? defaultDataDir();
  const bot = createBotServer({ config, directory, log, storage: stores.state, reportStorage: stores.reports, activityStorage: stores.activity, editStorage: stores.edits, editing: { store: editStore, published, edited } });
  const watcher = config.WATCH_DIRECTORY === 'true'
    ? watchDirectory(dataDir, () => bot.directory(), {
        loaded(next) {
          bot.setDirectory(next);
          log.info({ event: 'directory-reloaded', directoryVersion: next.version, topics: next.topics.length, services: next.services.length }, 'directory reloaded');
        },
        rejected({ version, problems }) {
          bot.rejectDirectory({ version, problems, at: new Date().toISOString() });
          log.error({ event: 'directory-rejected', rejectedVersion: version, problems }, 'directory change rejected; still serving the last good version');
        },
      }, { load: () => bot.loadDirectory() })
    : undefined;
  let port: number;
  try {
    port = await listen(bot, config.PORT, config.host);
  } catch (e) {
    const problem = listenProblem(e, config.PORT, config.host);
    if (!problem) throw e;
    process.stderr.write(`${problem}\n`);
    process.exit(EXIT_UNAVAILABLE);
  }
  // After listening, so a second `npm start` is told about the port first.
  try {
    await stores.ready();
  } catch (e) {
    if (!isLockedError(e)) throw e;
    process.stderr.write(`${stateInUse(config.STATE_DIR)}\n`);
    process.exit(EXIT_UNAVAILABLE);
  }
  if (config.localDevelopment) {
    log.warn({ event: 'local-development', host: config.host, port }, 'No MicrosoftAppId set: local development mode, listening on loopback only and accepting unauthenticated requests');
  }
  log.info({ event: 'started', storage: config.STORAGE, ...(config.STORAGE === 'disk' ? { stateDir: config.STATE_DIR } : {}), port, host: config.host, directoryVersion: directory.version, topics: directory.topics.length, services: directory.services.length }, `MECC signposting bot listening on http://${config.host}:${port}/api/messages`);
  const stop = () => {
    log.info({ event: 'stopping' }, 'stopping');
    watcher?.close();
    void bot.close().then(async () => {
      await stores.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
