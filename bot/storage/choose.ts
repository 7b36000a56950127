import { join } from 'node:path';
import { MemoryStorage, type Storage } from 'botbuilder';
import type { Config } from '../config';
import { LevelStorage } from './level-storage';

/** How long the embedded activity store stays open after the last tap. */
export const ACTIVITY_IDLE_CLOSE_MS = 1000;

export interface StorageChoice {
  /** User preferences and conversation state. */
  state: Storage;
  /** Staff reports. */
  reports: Storage;
  /** Recorded conversations (append-only). */
  activity: Storage;
  /** Directory edits from Teams: proposals and the published head. */
  edits: Storage;
  /** Opens what the bot holds open, so a store another process holds is refused at start-up. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

/**
 * disk (default): LevelDB under STATE_DIR, nothing to set up; one bot process.
 * azure-blobs: Azure Blob Storage, for several instances behind a load balancer.
 * memory: forgets everything on restart; for tests and throw-away runs.
 */
export function chooseStorage(config: Config): StorageChoice {
  switch (config.STORAGE) {
    case 'memory': {
      const memory = new MemoryStorage();
      return { state: memory, reports: memory, activity: memory, edits: memory, ready: async () => undefined, close: async () => undefined };
    }
    case 'azure-blobs': {
      // Loaded only when chosen: the Azure SDK is large and most installs never need it.
      const { BlobsStorage } = require('botbuilder-azure-blobs') as typeof import('botbuilder-azure-blobs');
      const blobs = new BlobsStorage(config.AZURE_STORAGE_CONNECTION_STRING!, config.AZURE_STORAGE_CONTAINER);
      return { state: blobs, reports: blobs, activity: blobs, edits: blobs, ready: async () => undefined, close: async () => undefined };
    }
    case 'disk': {
      const state = new LevelStorage(join(config.STATE_DIR, 'state'));
      // Reports are opened per operation so `npm run directory -- feedback` can use them while the bot runs.
      const reports = new LevelStorage(join(config.STATE_DIR, 'reports'), { holdOpen: false, sync: true });
      // Recorded conversations: written to LevelDB's log before the confirmation is sent (a
      // killed process loses nothing; not fsynced, so a write costs well under a millisecond),
      // held open while taps come in and closed when quiet, so `npm run activity` can read.
      const activity = new LevelStorage(join(config.STATE_DIR, 'activity'), { holdOpen: false, idleCloseMs: ACTIVITY_IDLE_CLOSE_MS });
      // Directory edits: opened per operation (the command line's history and export read them
      // while the bot runs), and written to disk before a publish is reported done.
      const edits = new LevelStorage(join(config.STATE_DIR, 'edits'), { holdOpen: false, sync: true });
      return { state, reports, activity, edits, ready: () => state.ensureOpen(), close: () => state.close() };
    }
  }
}
