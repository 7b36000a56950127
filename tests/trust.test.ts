import assert from 'node:assert/strict';
import { ClassicLevel } from 'classic-level';
import { ConfigError, loadConfig } from '../bot/config';
import { LevelStorage } from '../bot/storage/level-storage';
import { cardText } from './support/cards';
import { FakeConnector } from './support/fake-connector';
import { activity, cards, exchange, post, startBot } from './support/protocol';
import { spawnBot, tempDir } from './support/process';

const APP = '11111111-1111-1111-1111-111111111111';
const TENANT = '22222222-2222-2222-2222-222222222222';
const METRICS_TOKEN = 'metrics-token-for-tests-0123456789';
const credentials = { METRICS_TOKEN, MicrosoftAppId: APP, MicrosoftAppPassword: 'not-a-real-secret', MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: TENANT, HOST: '127.0.0.1' };

function jwt(payload: Record<string, unknown>): string {
  const part = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ alg: 'RS256', kid: 'self-signed', typ: 'JWT' })}.${part(payload)}.${Buffer.from('not a real signature').toString('base64url')}`;
}

describe('trust', () => {
  describe('authentication when credentials are configured', () => {
    for (const [what, authorization] of [
      ['no Authorization header', undefined],
      ['a malformed token', 'Bearer not-a-token'],
      ['an expired self-signed token', `Bearer ${jwt({ iss: 'https://api.botframework.com', aud: APP, exp: Math.floor(Date.now() / 1000) - 3600 })}`],
    ] as const) {
      it(`refuses ${what} with 401 and does not process it`, async () => {
        const running = await startBot({ env: credentials });
        try {
          const res = await post(running.url, activity({ text: 'smoking' }), { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) });
          assert.equal(res.status, 401);
          const metrics = (await (await fetch(`${running.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).json()) as Record<string, number>;
          assert.equal(metrics['outcomes.topic'] ?? 0, 0, 'not processed');
          assert.equal(metrics['refused.unauthenticated'], 1);
        } finally {
          await running.stop();
        }
      });
    }
  });

  describe('where it listens', () => {
    it('without credentials, listens on loopback only', () => assert.equal(loadConfig({}).host, '127.0.0.1'));
    it('refuses to bind another address without credentials, explaining why', () => {
      assert.throws(() => loadConfig({ HOST: '0.0.0.0' }), (e: unknown) => e instanceof ConfigError && /no MicrosoftAppId is set/.test(e.message) && /ALLOW_UNAUTHENTICATED_NON_LOOPBACK/.test(e.message));
    });
    it('allows it on a closed test network when explicitly told to', () => assert.equal(loadConfig({ HOST: '0.0.0.0', ALLOW_UNAUTHENTICATED_NON_LOOPBACK: 'true' }).host, '0.0.0.0'));
    it('a bad configuration value gets a clear message', () => {
      assert.throws(() => loadConfig({ PORT: 'eighty' }), /PORT: must be a number/);
      assert.throws(() => loadConfig({ ALLOWED_TENANTS: 'contoso' }), /each tenant id must be a GUID/);
    });
  });

  describe('tenant allow-list', () => {
    it('politely refuses another tenant, does not process the message, and counts it', async () => {
      const running = await startBot({ env: { ALLOWED_TENANTS: TENANT } });
      try {
        const refused = await exchange(running.url, { text: 'smoking', conversation: { id: 'a:x', tenantId: '99999999-9999-9999-9999-999999999999' }, channelData: { tenant: { id: '99999999-9999-9999-9999-999999999999' } } });
        assert.equal(cards(refused).length, 0);
        assert.match(refused.find((a) => a.type === 'message')?.text ?? '', /only available to staff/);
        const allowed = await exchange(running.url, { text: 'smoking', conversation: { id: 'a:y', tenantId: TENANT }, channelData: { tenant: { id: TENANT } } });
        assert.equal(cards(allowed).length, 1);
        const metrics = (await (await fetch(`${running.url}/metrics`)).json()) as Record<string, number>;
        assert.equal(metrics['refused.tenant'], 1);
      } finally {
        await running.stop();
      }
    });
  });

  describe('privacy', () => {
    const CANARIES = ['943 476 5919', '9434765919', 'Canarina Testperson', 'DE1 2AB', 'Testperson'];

    it('never writes message text, names, postcodes or NHS numbers to logs or stored records', async () => {
      const folder = tempDir('mecc-privacy-');
      const storage = new LevelStorage(folder);
      const running = await startBot({ storage });
      try {
        await exchange(running.url, { text: 'smoking Canarina Testperson 943 476 5919 DE1 2AB' }, { user: 'privacy' });
        await exchange(running.url, { text: 'I am in Chesterfield, pt Canarina Testperson 9434765919' }, { user: 'privacy' });
        await exchange(running.url, { value: { action: 'ask', query: 'debt Canarina Testperson DE1 2AB' } }, { user: 'privacy' });
        await exchange(running.url, { value: { action: 'setPlace', place: 'erewash', note: 'Canarina Testperson' } }, { user: 'privacy' });
      } finally {
        await running.stop();
        await storage.close();
      }
      const logs = running.logs.lines.join('\n');
      for (const c of CANARIES) assert.ok(!logs.includes(c), `log lines contain "${c}"`);
      const db = new ClassicLevel<string, string>(folder, { valueEncoding: 'utf8' });
      const stored: string[] = [];
      for await (const [k, v] of db.iterator()) stored.push(`${k}=${v}`);
      await db.close();
      assert.ok(stored.length > 0, 'state was stored');
      for (const c of CANARIES) assert.ok(!stored.join('\n').includes(c), `stored records contain "${c}"`);
    });

    it('each turn is logged with its request id, outcome, topic, Place and timing, but no text', async () => {
      const running = await startBot();
      try {
        await exchange(running.url, { text: 'smoking ilkeston' });
      } finally {
        await running.stop();
      }
      const turn = running.logs.lines.map((l) => JSON.parse(l)).find((l) => l.event === 'turn');
      assert.match(turn.requestId, /^[0-9a-f-]{36}$/);
      assert.equal(turn.activityType ?? 'message', 'message');
      assert.equal(turn.outcome, 'topic');
      assert.equal(turn.topic, 'smoking');
      assert.equal(turn.place, 'erewash');
      assert.equal(typeof turn.ms, 'number');
      assert.equal(turn.text, undefined);
    });

    it('gently reminds about patient details after answering a message holding an NHS number', async () => {
      const running = await startBot();
      try {
        const replies = cards(await exchange(running.url, { text: 'smoking pt 943 476 5919' }));
        assert.match(replies[0].summary, /Smoking/, 'the answer still comes first');
        assert.match(replies[1].summary, /no patient details/);
        const noName = cards(await exchange(running.url, { text: 'debt advice DE1 2AB' }));
        assert.equal(noName.length, 1, 'a postcode alone is not a patient');
        const withName = cards(await exchange(running.url, { text: 'Mrs Jones DE1 2AB debt' }));
        assert.equal(withName.length, 2);
      } finally {
        await running.stop();
      }
    });
  });

  describe('floods and throttling', () => {
    it('slows down one user who floods the bot while others are unaffected', async () => {
      const running = await startBot({ env: { RATE_LIMIT_PER_MINUTE: '30' } });
      try {
        const flood = await Promise.all(Array.from({ length: 50 }, () => exchange(running.url, { text: 'smoking' }, { user: 'flooder' })));
        const answered = flood.filter((r) => cards(r).length > 0).length;
        const slowDowns = flood.filter((r) => r.some((a) => /sending messages very quickly/.test(a.text ?? ''))).length;
        assert.ok(answered <= 12, `answered ${answered}`);
        assert.equal(slowDowns, 1, 'one polite slow-down, not fifty');
        const other = cards(await exchange(running.url, { text: 'smoking' }, { user: 'colleague' }));
        assert.equal(other.length, 1);
      } finally {
        await running.stop();
      }
    });

    it('backs off and retries when Teams answers 412, 429, 502 or 504, delivering every reply once', async () => {
      // The connector client retries 429 and 5xx itself; 412 and anything it gives up on
      // reach our own back-off. Together every reply is delivered exactly once.
      const connector = await new FakeConnector().start();
      const sleeps: number[] = [];
      const running = await startBot({ retry: { retries: 4, baseMs: 100, maxMs: 1000, sleep: async (ms) => void sleeps.push(ms), random: () => 0.5 } });
      try {
        connector.script = [412, 429, 502, 504, 412];
        const res = await post(running.url, activity({ text: 'carers', serviceUrl: connector.url, deliveryMode: undefined }));
        assert.equal(res.status, 200);
        const ok = connector.received.slice(5);
        assert.deepEqual(ok.map((r) => r.body.type), ['typing', 'message'], 'each activity delivered once, in order');
        assert.ok(cardText(ok[1].body.attachments[0].content).includes('Adult and young carers'));
        assert.equal(sleeps.length, 2, 'our back-off waited twice, for the two 412s');
        assert.deepEqual(sleeps, [50, 100], 'exponential back-off with jitter (random 0.5 of 100, then of 200 ms)');
        const metrics = (await (await fetch(`${running.url}/metrics`)).json()) as Record<string, number>;
        assert.equal(metrics['retries.412'], 2);
      } finally {
        await running.stop();
        await connector.stop();
      }
    });

    it('gives up after its retries and says so in the log, without crashing', async () => {
      const connector = await new FakeConnector().start();
      const running = await startBot({ retry: { retries: 1, baseMs: 1, maxMs: 1, sleep: async () => undefined } });
      try {
        connector.script = Array(20).fill(412);
        await post(running.url, activity({ text: 'carers', serviceUrl: connector.url, deliveryMode: undefined }));
        const events = running.logs.lines.map((l) => JSON.parse(l).event);
        assert.ok(events.includes('send-retry'));
        assert.ok(events.includes('turn-error'), 'the failed turn is logged');
        const again = cards(await exchange(running.url, { text: 'smoking' }));
        assert.equal(again.length, 1, 'the server still answers');
      } finally {
        await running.stop();
        await connector.stop();
      }
    });
  });

  describe('start-up checks', () => {
    it('the server refuses to start on broken data, naming the file, record and field', async () => {
      const data = tempDir('mecc-broken-');
      await assert.rejects(spawnBot({ DIRECTORY_DATA: data, STORAGE: 'memory' }), /did not start because of the directory data[\s\S]*topics/);
    });
  });
});
