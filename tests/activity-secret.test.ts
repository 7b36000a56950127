import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../bot/config';
import { activitySecret, SECRET_FILE } from '../bot/storage/activity-secret';
import { freePort, spawnBot, tempDir } from './support/process';
import { cards, exchange, type Json } from './support/protocol';

const BOT = join(__dirname, '..', 'bot', 'index.ts');
/** Azurite's published development account: a well-formed string, never connected to here. */
const DEV_BLOBS = 'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:9/devstoreaccount1;';

const recordData = (card: Json, outcome: string): Json | undefined => {
  let found: Json | undefined;
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== 'object') return;
    const el = n as Json;
    if (el.type === 'Action.Submit' && el.data?.action === 'recordConversation' && el.data.outcome === outcome) found = el.data;
    Object.values(el).forEach(walk);
  };
  walk(card);
  return found;
};

describe('the key for recording conversations (ACTIVITY_SECRET)', function () {
  this.timeout(60_000);

  it('with `npm start` defaults (embedded store, no secret set) the bot makes one, keeps it in the data folder (0600) and records from the first start', async () => {
    const state = tempDir('mecc-secret-');
    const env = { STORAGE: 'disk', STATE_DIR: state, ACTIVITY_SECRET: '', WATCH_DIRECTORY: 'false' };
    let bot = await spawnBot(env);
    let card: Json;
    try {
      const file = join(state, SECRET_FILE);
      assert.ok(existsSync(file), 'the key file is made');
      assert.equal(statSync(file).mode & 0o777, 0o600, 'readable by the bot\'s user only');
      assert.ok(readFileSync(file, 'utf8').trim().length >= 32);
      assert.doesNotMatch(bot.output(), /activity-off|Recording conversations is off/);
      [card] = cards(await exchange(bot.url, { text: 'smoking' }, { user: 'newcomer' })).map((c) => c.card);
      const [recorded] = cards(await exchange(bot.url, { value: recordData(card, 'signposted') }, { user: 'newcomer' }));
      assert.match(recorded.summary, /^Recorded: Smoking and vaping/);
    } finally {
      await bot.stop();
    }
    const key = readFileSync(join(state, SECRET_FILE), 'utf8');
    bot = await spawnBot(env);
    try {
      assert.equal(readFileSync(join(state, SECRET_FILE), 'utf8'), key, 'the same key after a restart');
      // A card sent before the restart is still accepted: a correction within the window.
      const [corrected] = cards(await exchange(bot.url, { value: recordData(card!, 'referred') }, { user: 'newcomer' }));
      assert.match(corrected.summary, /^Corrected: Smoking and vaping/);
    } finally {
      await bot.stop();
    }
  });

  it('several instances (azure-blobs) must share one: without it the bot does not start, and says what to set', async () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', BOT], {
      env: { ...process.env, PORT: String(await freePort()), HOST: '127.0.0.1', STORAGE: 'azure-blobs', AZURE_STORAGE_CONNECTION_STRING: DEV_BLOBS, ACTIVITY_SECRET: '', MicrosoftAppId: '', LOG_LEVEL: 'info', WATCH_DIRECTORY: 'false' },
      encoding: 'utf8',
      timeout: 25_000,
    });
    assert.equal(run.status, 78, run.stderr);
    assert.match(run.stderr, /ACTIVITY_SECRET: STORAGE=azure-blobs \(several instances\) needs it/);
    assert.match(run.stderr, /the same long random value on every instance/);
    assert.doesNotMatch(run.stderr + run.stdout, /\n\s+at /, 'no stack trace');
  });

  it('a configured secret is used as it is, on any store', () => {
    const secret = 'a-configured-secret-of-at-least-32-characters';
    for (const STORAGE of ['disk', 'memory', 'azure-blobs']) {
      const state = tempDir('mecc-secret-set-');
      assert.equal(activitySecret(loadConfig({ STORAGE, STATE_DIR: state, ACTIVITY_SECRET: secret, AZURE_STORAGE_CONNECTION_STRING: DEV_BLOBS })), secret);
      assert.ok(!existsSync(join(state, SECRET_FILE)), `${STORAGE}: no key file made`);
    }
  });

  it('a key file someone loosened is made private again; a damaged one stops the start with a clear message', () => {
    const state = tempDir('mecc-secret-damaged-');
    const config = loadConfig({ STORAGE: 'disk', STATE_DIR: state });
    const key = activitySecret(config);
    chmodSync(join(state, SECRET_FILE), 0o644);
    assert.equal(activitySecret(config), key);
    assert.equal(statSync(join(state, SECRET_FILE)).mode & 0o777, 0o600);
    writeFileSync(join(state, SECRET_FILE), 'short\n');
    assert.throws(() => activitySecret(config), (e: Error) => e instanceof ConfigError && /holds no usable key.*Delete the file to make a new one/.test(e.message));
  });
});
