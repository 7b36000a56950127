import assert from 'node:assert/strict';
import { BlobsStorage } from 'botbuilder-azure-blobs';
import { ReportStore } from '../reports/store';
import { listable } from '../bot/storage/listable';
import { cardText } from './support/cards';
import { type Azurite, startAzurite } from './support/azurite';
import { cards, exchange } from './support/protocol';
import { type BotProcess, spawnBot } from './support/process';

describe('shared state for several instances (Azure Blob Storage, tested against Azurite)', function () {
  this.timeout(60_000);
  let azurite: Azurite;
  let a: BotProcess;
  let b: BotProcess;
  before(async () => {
    azurite = await startAzurite();
    const env = { STORAGE: 'azure-blobs', AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString, AZURE_STORAGE_CONTAINER: 'mecc-test', ACTIVITY_SECRET: 'a-shared-test-secret-of-at-least-32-characters', RATE_LIMIT_PER_MINUTE: '100000' };
    [a, b] = await Promise.all([spawnBot(env), spawnBot(env)]);
  });
  after(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await azurite?.stop();
  });

  it('a Place set through instance A is used by instance B', async () => {
    await exchange(a.url, { text: 'set place amber valley' }, { user: 'shared-1' });
    const [answer] = cards(await exchange(b.url, { text: 'falls' }, { user: 'shared-1' }));
    assert.match(cardText(answer.card), /Services for Amber Valley/);
  });

  it('a staff report made through A is stored where B (and the maintainers) can see it', async () => {
    await exchange(a.url, { value: { action: 'report', service: 'samaritans', reason: 'closed' } }, { user: 'shared-2' });
    await exchange(b.url, { value: { action: 'report', service: 'llbd', reason: 'other' } }, { user: 'shared-3' });
    const reports = await new ReportStore(listable(new BlobsStorage(azurite.connectionString, 'mecc-test'))).list();
    assert.deepEqual(reports.map((r) => r.serviceId).sort(), ['llbd', 'samaritans']);
  });

  it('concurrent writes for the same user through both instances are never lost or corrupted', async () => {
    const places = ['high-peak', 'erewash', 'chesterfield', 'derby-city'];
    const names: Record<string, string> = { 'high-peak': 'High Peak', erewash: 'Erewash', chesterfield: 'Chesterfield', 'derby-city': 'Derby City' };
    const results = await Promise.all(
      Array.from({ length: 16 }, (_, i) => exchange(i % 2 ? a.url : b.url, { text: `set place ${names[places[i % 4]]}` }, { user: 'racer' })),
    );
    for (const r of results) assert.match(cards(r)[0].summary, /Place set to/, 'every turn completed');
    const [answer] = cards(await exchange(a.url, { text: 'smoking' }, { user: 'racer' }));
    const [viaB] = cards(await exchange(b.url, { text: 'smoking' }, { user: 'racer' }));
    const shown = /Services for ([A-Za-z ]+)/.exec(cardText(answer.card))?.[1];
    assert.ok(shown && Object.values(names).includes(shown.trim()), `a whole Place, not a mix: ${shown}`);
    assert.equal(/Services for ([A-Za-z ]+)/.exec(cardText(viaB.card))?.[1], shown, 'both instances agree');
    assert.ok(!/turn-error/.test(a.output() + b.output()), 'no turn failed on a conflict');
  });
});
