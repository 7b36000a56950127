import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Config, ConfigError } from '../config';

/** Where the embedded store keeps the key it made. */
export const SECRET_FILE = 'activity-secret';

/**
 * The key for staff hashes and card signatures (activity/record.ts).
 * - ACTIVITY_SECRET when set.
 * - The embedded store (disk, the default): a random key made on the first start and kept in
 *   STATE_DIR/activity-secret (mode 0600) beside the data it protects, so recording works with
 *   no configuration and tallies and cards survive a restart.
 * - memory: a random key per process (nothing it signs outlives the process anyway).
 * - azure-blobs (several instances): required. Each instance would otherwise make its own key,
 *   and a card from one would be refused by the next; the start-up message says what to set.
 */
export function activitySecret(config: Config): string {
  if (config.ACTIVITY_SECRET) return config.ACTIVITY_SECRET;
  switch (config.STORAGE) {
    case 'memory':
      return randomBytes(32).toString('base64url');
    case 'azure-blobs':
      throw new ConfigError(
        'The bot\'s configuration has problems (see .env.example):\n  - ACTIVITY_SECRET: STORAGE=azure-blobs (several instances) needs it, for recording conversations: ' +
          'the same long random value on every instance, so a card signed by one is accepted by the others (e.g. the output of: openssl rand -base64 32).',
      );
    case 'disk':
      return embeddedSecret(config.STATE_DIR);
  }
}

function embeddedSecret(stateDir: string): string {
  mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  const file = join(stateDir, SECRET_FILE);
  if (!existsSync(file)) {
    try {
      writeFileSync(file, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      // Made meanwhile by another process: use theirs.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  // Readable by the bot's own user only, even if someone loosened it.
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  const secret = readFileSync(file, 'utf8').trim();
  if (secret.length < 32) {
    throw new ConfigError(
      `The bot did not start: ${file} holds no usable key for recording conversations (fewer than 32 characters). ` +
        'Delete the file to make a new one (staff tallies then start afresh), or set ACTIVITY_SECRET.',
    );
  }
  return secret;
}
