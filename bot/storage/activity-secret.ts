import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config';

/**
 * The key for staff hashes and card signatures. ACTIVITY_SECRET when set (it must be, for
 * several instances: they must agree). Otherwise the embedded store keeps one it made, beside
 * the data it protects, so tallies survive a restart; memory storage makes one per process.
 * Without one on Azure Blob Storage, recording is off (undefined), never on with a guessable key.
 */
export function activitySecret(config: Config): string | undefined {
  if (config.ACTIVITY_SECRET) return config.ACTIVITY_SECRET;
  if (config.STORAGE === 'azure-blobs') return undefined;
  if (config.STORAGE === 'memory') return randomBytes(32).toString('base64url');
  mkdirSync(config.STATE_DIR, { recursive: true, mode: 0o700 });
  const file = join(config.STATE_DIR, 'activity-secret');
  if (!existsSync(file)) {
    try {
      writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' });
    } catch (error) {
      // Made meanwhile by another process (the command-line tool): use theirs.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return readFileSync(file, 'utf8').trim();
}
