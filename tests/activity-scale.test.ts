import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BlobsStorage } from 'botbuilder-azure-blobs';
import { listable } from '../bot/storage/listable';
import { LevelStorage } from '../bot/storage/level-storage';
import { ActivityKeys } from '../activity/record';
import { conversationsFrom } from '../activity/report';
import { ActivityLog, type ActivityStorage } from '../activity/store';
import { TOPIC_IDS } from '../directory/ids';
import { type Azurite, startAzurite } from './support/azurite';
import { cards, exchange, type Json } from './support/protocol';
import { type BotProcess, spawnBot, tempDir } from './support/process';

const SECRET = 'a-test-secret-that-is-at-least-32-characters-long';
/** The 2 x 500 (about 20 s on this 2-core machine); ACTIVITY_SCALE=N runs N each. */
const PER_INSTANCE = Number(process.env.ACTIVITY_SCALE ?? 500);

/** Sends taps with a few in flight at once, as many staff tapping at the same time would. */
async function inParallel<T>(items: T[], width: number, send: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) await send(items[next++]);
  }));
}

describe('recorded conversations at scale and through faults', function () {
  this.timeout(120_000);

  describe(`two instances on one Azurite, ${PER_INSTANCE} conversations each at the same time`, () => {
    let azurite: Azurite;
    let a: BotProcess;
    let b: BotProcess;
    before(async () => {
      azurite = await startAzurite();
      const env = { STORAGE: 'azure-blobs', AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString, AZURE_STORAGE_CONTAINER: 'mecc-activity', ACTIVITY_SECRET: SECRET, CARD_RATE_LIMIT_PER_MINUTE: '1000000', RATE_LIMIT_PER_MINUTE: '1000000' };
      [a, b] = await Promise.all([spawnBot(env), spawnBot(env)]);
    });
    after(async () => {
      await Promise.all([a?.stop(), b?.stop()]);
      await azurite?.stop();
    });

    it(`count exactly ${2 * PER_INSTANCE}, double taps (one on each instance) counted once`, async () => {
      // The cards' record data, signed with the instances' shared secret as their topic cards would be.
      const keys = new ActivityKeys(SECRET);
      const tickets = Array.from({ length: 2 * PER_INSTANCE }, (_, i) => ({ ...keys.ticket(TOPIC_IDS[i % TOPIC_IDS.length], null), action: 'recordConversation', outcome: 'signposted' }));
      const send = (url: string, data: Json, i: number) => async () => {
        const [reply] = cards(await exchange(url, { value: data }, { user: `scale-${i % 40}` }));
        assert.match(reply.summary, /Recorded|Already recorded/);
      };
      const jobs = tickets.map((t, i) => send(i < PER_INSTANCE ? a.url : b.url, t, i));
      // Every tenth card is tapped twice more, once through each instance.
      const doubles = tickets.filter((_, i) => i % 10 === 0).flatMap((t) => [send(a.url, t, tickets.indexOf(t)), send(b.url, t, tickets.indexOf(t))]);
      // Interleaved (7919 is prime, so this visits every job once), so doubles race their first taps.
      const all = [...jobs, ...doubles];
      await inParallel(all.map((_, i) => all[(i * 7919) % all.length]), 16, (job) => job());
      const log = new ActivityLog(listable(new BlobsStorage(azurite.connectionString, 'mecc-activity')) as ReturnType<typeof listable> & ActivityStorage);
      assert.equal(conversationsFrom(await log.taps()).length, 2 * PER_INSTANCE);
      assert.ok(!/turn-error/.test(a.output() + b.output()), 'no turn failed');
    });
  });

  it('kill -9 right after the confirmations loses nothing confirmed', async () => {
    const state = tempDir('mecc-activity-kill-');
    const bot = await spawnBot({ STATE_DIR: state, STORAGE: 'disk', CARD_RATE_LIMIT_PER_MINUTE: '100000', RATE_LIMIT_PER_MINUTE: '100000' });
    let confirmed = 0;
    try {
      const keys = new ActivityKeys(readFileSync(join(state, 'activity-secret'), 'utf8').trim());
      const tickets = Array.from({ length: 30 }, (_, i) => ({ ...keys.ticket(TOPIC_IDS[i % TOPIC_IDS.length], 'erewash'), action: 'recordConversation', outcome: 'referred' }));
      await inParallel(tickets, 6, async (t) => {
        const [reply] = cards(await exchange(bot.url, { value: t }, { user: 'killed' }));
        if (/^Recorded/.test(reply.summary)) confirmed++;
      });
    } finally {
      await bot.stop('SIGKILL');
    }
    assert.equal(confirmed, 30);
    const log = new ActivityLog(new LevelStorage(join(state, 'activity'), { holdOpen: false }) as unknown as ActivityStorage);
    assert.equal(conversationsFrom(await log.taps()).length, confirmed);
  });
});
