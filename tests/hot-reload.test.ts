import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultDataDir } from '../directory/load';
import assert from 'node:assert/strict';
import { cardText, submitActions } from './support/cards';
import { DataCopy } from './support/directory';
import { cards, exchange } from './support/protocol';
import { type BotProcess, spawnBot, waitFor } from './support/process';

const health = async (url: string) => (await (await fetch(`${url}/healthz`)).json()) as Record<string, any>;

const LIVE_DESCRIPTION = 'Healthy lifestyle help any time, day or night, for county residents.';

describe('directory changes while the bot runs', () => {
  let data: DataCopy;
  let bot: BotProcess;
  before(async () => {
    data = new DataCopy();
    bot = await spawnBot({ DIRECTORY_DATA: data.root, STORAGE: 'memory' });
  });
  after(async () => {
    await bot.stop();
    data.remove();
  });

  it('a valid edit is live within 2 seconds, without a restart', async () => {
    const before = (await health(bot.url)).directoryVersion;
    data.edit('services/llbd.json', (s) => (s.description = LIVE_DESCRIPTION));
    const changed = await waitFor(async () => {
      const h = await health(bot.url);
      return h.directoryVersion !== before ? h : undefined;
    }, 2000);
    assert.ok(changed, 'the new version is served within 2 s');
    const [answer] = cards(await exchange(bot.url, { text: 'live life better derbyshire' }));
    // What a service does is shown in More services (the topic card names it and its contacts).
    const more = submitActions(answer.card).find((a) => a.title.startsWith('More services'))!;
    const [listed] = cards(await exchange(bot.url, { value: more.data }));
    assert.match(cardText(listed.card), /any time, day or night/);
  });

  it('an invalid edit is rejected: the last good directory keeps answering and /healthz says why', async () => {
    const good = (await health(bot.url)).directoryVersion;
    data.edit('services/llbd.json', (s) => (s.contact.phone = 42));
    const rejected = await waitFor(async () => {
      const h = await health(bot.url);
      return h.rejectedDirectory ? h : undefined;
    }, 2000);
    assert.ok(rejected, '/healthz reports the rejected version');
    assert.equal(rejected.directoryVersion, good);
    assert.notEqual(rejected.rejectedDirectory.version, good);
    assert.match(rejected.rejectedDirectory.problems.join('\n'), /services\/llbd\.json: record 'llbd': field 'contact\.phone'/);
    const [answer] = cards(await exchange(bot.url, { text: 'smoking' }));
    assert.match(answer.summary, /Smoking/);
    // The log line may reach the pipe a moment after /healthz shows the refusal.
    assert.ok(await waitFor(async () => (/directory change rejected/.test(bot.output()) ? true : undefined), 2000), bot.output());
  });

  it('a change that breaks a maintainers\' check (a 10-digit phone number) is refused live too', async () => {
    data.edit('services/llbd.json', (s) => (s.contact.phone = '01629 53820'));
    const rejected = await waitFor(async () => {
      const h = await health(bot.url);
      return h.rejectedDirectory && /10 digits/.test(h.rejectedDirectory.problems.join('\n')) ? h : undefined;
    }, 2000);
    assert.ok(rejected, 'rejected with the phone problem named');
    const [answer] = cards(await exchange(bot.url, { text: 'smoking' }, { user: 'after-phone' }));
    assert.ok(!/01629 53820(?!0)/.test(cardText(answer.card)), 'the broken number is never served');
    assert.match(cardText(answer.card), /01629 538200/, 'the last good number still is');
  });

  it('reverting a refused edit to exactly the served content clears the rejection from /healthz', async () => {
    const served = (await health(bot.url)).directoryVersion;
    // llbd.json as it was when the served version was loaded: the first test's valid edit (the
    // tests after it broke the file since).
    const lastGood = JSON.parse(readFileSync(join(defaultDataDir(), 'services', 'llbd.json'), 'utf8'));
    lastGood.description = LIVE_DESCRIPTION;
    const original = JSON.stringify(lastGood, null, 2);
    data.edit('services/llbd.json', (s) => (s.contact.phone = 'not a number'));
    assert.ok(await waitFor(async () => ((await health(bot.url)).rejectedDirectory ? true : undefined), 2000), 'rejected first');
    data.write('services/llbd.json', original);
    const cleared = await waitFor(async () => {
      const h = await health(bot.url);
      return h.rejectedDirectory ? undefined : h;
    }, 2000);
    assert.ok(cleared, '/healthz no longer reports a rejection once the files match what is served');
    assert.equal(cleared.directoryVersion, served);
  });
});
