import assert from 'node:assert/strict';
import { createHmac, createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { gzipSync } from 'node:zlib';
import { activity, exchange, post, type RunningBot, startBot } from './support/protocol';

const APP = '11111111-1111-1111-1111-111111111111';
const TENANT = '22222222-2222-2222-2222-222222222222';
const METRICS_TOKEN = 'metrics-token-for-tests-0123456789';
const credentials = { MicrosoftAppId: APP, MicrosoftAppPassword: 'not-a-real-secret', MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: TENANT, HOST: '127.0.0.1', METRICS_TOKEN };

const part = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const claims = () => ({ iss: 'https://api.botframework.com', aud: APP, exp: Math.floor(Date.now() / 1000) + 600, nbf: Math.floor(Date.now() / 1000) - 60, serviceurl: 'http://127.0.0.1:9/' });

function rs256(key: KeyObject, kid: string): string {
  const signing = `${part({ alg: 'RS256', kid, typ: 'JWT' })}.${part(claims())}`;
  return `${signing}.${createSign('RSA-SHA256').update(signing).sign(key).toString('base64url')}`;
}

async function metricsOf(url: string): Promise<Record<string, number>> {
  return (await (await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).json()) as Record<string, number>;
}

/** A raw POST whose body is sent as given (fetch would not send a lying Content-Encoding). */
function rawPost(url: string, body: Buffer, headers: Record<string, string>): Promise<{ status: number; ms: number }> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const req = request(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(body.length), ...headers } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: Date.now() - started }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** A 237 KB gzip body that inflates to 250 MB of JSON-ish text. */
const BOMB = gzipSync(Buffer.concat([Buffer.from('{"type":"message","text":"'), Buffer.alloc(250 * 1024 * 1024, 'a'), Buffer.from('"}')]), { level: 9 });

describe('hostile requests', function () {
  this.timeout(30_000);

  describe('bodies are limited before the token is trusted', () => {
    let running: RunningBot;
    before(async () => {
      running = await startBot({ env: credentials, bodyTimeoutMs: 500 });
    });
    after(async () => running.stop());

    it('twelve gzip bombs with no token get a quick 401 and inflate nothing', async () => {
      assert.ok(BOMB.length < 300 * 1024, `the bomb is ${BOMB.length} bytes`);
      const before = process.memoryUsage().rss;
      const results = await Promise.all(Array.from({ length: 12 }, () => rawPost(running.url, BOMB, { 'content-encoding': 'gzip' })));
      for (const r of results) assert.equal(r.status, 401);
      assert.ok(Math.max(...results.map((r) => r.ms)) < 2_000, `slowest ${Math.max(...results.map((r) => r.ms))} ms`);
      const grewMb = (process.memoryUsage().rss - before) / 1e6;
      assert.ok(grewMb < 100, `memory grew by ${grewMb.toFixed(0)} MB`);
    });

    it('a compressed body with a plausible token is refused with 415, never inflated', async () => {
      const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const res = await rawPost(running.url, BOMB, { 'content-encoding': 'gzip', authorization: `Bearer ${rs256(privateKey, 'k')}` });
      assert.equal(res.status, 415);
      assert.equal((await metricsOf(running.url))['refused.compressed'], 1);
    });

    it('200 unfinished uploads with no token are answered 401 at once and hold nothing', async () => {
      const { port } = new URL(running.url);
      const before = process.memoryUsage().rss;
      const chunk = Buffer.alloc(200 * 1024, 'a');
      const statuses = await Promise.all(Array.from({ length: 200 }, () => new Promise<string>((resolve) => {
        const socket = connect(Number(port), '127.0.0.1', () => {
          socket.write(`POST /api/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${1024 * 1024}\r\n\r\n`);
          socket.write(chunk);
        });
        let head = '';
        socket.on('data', (d) => {
          head += d;
          if (head.includes('\r\n')) {
            resolve(head.split('\r\n')[0]);
            socket.destroy();
          }
        });
        socket.on('error', () => resolve(head.split('\r\n')[0] || 'closed'));
      })));
      assert.ok(statuses.every((s) => /^HTTP\/1\.1 (401|413)/.test(s)), [...new Set(statuses)].join(', '));
      assert.ok((process.memoryUsage().rss - before) / 1e6 < 100);
    });
  });

  describe('slow bodies time out and let go', () => {
    let running: RunningBot;
    before(async () => {
      running = await startBot({ bodyTimeoutMs: 300 });
    });
    after(async () => running.stop());

    it('a body that stops half-way is cut off after the body timeout, while others are answered', async () => {
      const { port } = new URL(running.url);
      const started = Date.now();
      const closed = new Promise<{ ms: number; reply: string }>((resolve) => {
        const socket = connect(Number(port), '127.0.0.1', () => {
          socket.write(`POST /api/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"type":"mess`);
        });
        let reply = '';
        socket.on('data', (d) => (reply += d));
        socket.on('close', () => resolve({ ms: Date.now() - started, reply }));
      });
      const answered = await exchange(running.url, { text: 'smoking' });
      assert.ok(answered.length > 0, 'another request is answered meanwhile');
      const { ms, reply } = await closed;
      assert.ok(ms >= 250 && ms < 5_000, `closed after ${ms} ms`);
      assert.match(reply, /^HTTP\/1\.1 408/);
      assert.equal((await metricsOf(running.url))['refused.slow-body'], 1);
    });

    it('a compressed body is refused with 415 without credentials too', async () => {
      assert.equal((await rawPost(running.url, gzipSync(JSON.stringify(activity({ text: 'smoking' }))), { 'content-encoding': 'gzip' })).status, 415);
    });

    it('1 MB and 10 MB bodies get 413; JSON nested 50,000 deep is answered', async () => {
      for (const size of [1024 * 1024, 10 * 1024 * 1024]) {
        const res = await rawPost(running.url, Buffer.alloc(size, ' '), {});
        assert.equal(res.status, 413, `${size} bytes`);
      }
      const deep = JSON.stringify(activity({ text: 'smoking' })).replace(/}$/, `,"deep":${'['.repeat(50_000)}${']'.repeat(50_000)}}`);
      const res = await post(running.url, deep);
      assert.ok(res.status === 200 || res.status === 400, `status ${res.status}`);
    });
  });

  describe('every bad token gets 401, a log line and a count', () => {
    let keys: Server;
    let running: RunningBot;
    const trusted = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const attacker = generateKeyPairSync('rsa', { modulusLength: 2048 });
    before(async () => {
      // Stands in for login.botframework.com: the OpenID metadata and the one key it trusts.
      keys = createServer((req, res) => {
        const base = `http://127.0.0.1:${(keys.address() as AddressInfo).port}`;
        res.setHeader('content-type', 'application/json');
        if (req.url === '/keys') res.end(JSON.stringify({ keys: [{ ...trusted.publicKey.export({ format: 'jwk' }), kid: 'trusted', use: 'sig', endorsements: ['msteams'] }] }));
        else res.end(JSON.stringify({ issuer: 'https://api.botframework.com', jwks_uri: `${base}/keys`, id_token_signing_alg_values_supported: ['RS256'] }));
      });
      await new Promise<void>((r) => keys.listen(0, '127.0.0.1', r));
      running = await startBot({ env: credentials, openIdMetadataUrl: `http://127.0.0.1:${(keys.address() as AddressInfo).port}/metadata` });
    });
    after(async () => {
      await running.stop();
      keys.close();
    });

    const publicPem = () => trusted.publicKey.export({ format: 'pem', type: 'spki' }).toString();
    const tokens: [string, () => string][] = [
      ['signed with the wrong key under the trusted key id', () => rs256(attacker.privateKey, 'trusted')],
      ['signed with a key nobody published', () => rs256(attacker.privateKey, 'unknown')],
      ['HS256 keyed with the public key', () => {
        const signing = `${part({ alg: 'HS256', kid: 'trusted', typ: 'JWT' })}.${part(claims())}`;
        return `${signing}.${createHmac('sha256', publicPem()).update(signing).digest('base64url')}`;
      }],
      ['alg NONE', () => `${part({ alg: 'NONE', typ: 'JWT' })}.${part(claims())}.`],
    ];
    for (const [what, token] of tokens) {
      it(`refuses a token ${what}`, async () => {
        const before = (await metricsOf(running.url))['refused.unauthenticated'] ?? 0;
        const lines = running.logs.lines.length;
        const res = await post(running.url, activity({ text: 'smoking' }), { 'content-type': 'application/json', authorization: `Bearer ${token()}` });
        assert.equal(res.status, 401, res.text);
        assert.doesNotMatch(res.text, /at .*\.js|Error:/, 'no library text or stack');
        assert.equal((await metricsOf(running.url))['refused.unauthenticated'], before + 1);
        assert.ok(running.logs.lines.slice(lines).some((l) => JSON.parse(l).event === 'unauthenticated'), 'logged');
      });
    }

    it('a token signed with the published key gets past the token check (so the refusals above are real)', async () => {
      const res = await post(running.url, activity({ text: 'smoking', channelId: 'msteams' }), { 'content-type': 'application/json', authorization: `Bearer ${rs256(trusted.privateKey, 'trusted')}` });
      assert.notEqual(res.status, 401, res.text);
    });
  });

  describe('health and metrics with credentials set', () => {
    it('/metrics needs the metrics token, and /healthz says only up', async () => {
      const running = await startBot({ env: credentials });
      try {
        assert.equal((await fetch(`${running.url}/metrics`)).status, 401);
        assert.equal((await fetch(`${running.url}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status, 401);
        assert.equal((await fetch(`${running.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).status, 200);
        assert.deepEqual(await (await fetch(`${running.url}/healthz`)).json(), { status: 'ok' });
      } finally {
        await running.stop();
      }
    });

    it('without a metrics token configured, /metrics is off', async () => {
      const { METRICS_TOKEN: _, ...noToken } = credentials;
      const running = await startBot({ env: noToken });
      try {
        assert.equal((await fetch(`${running.url}/metrics`)).status, 404);
      } finally {
        await running.stop();
      }
    });
  });
});
