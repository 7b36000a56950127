import { request, Agent } from 'node:http';
import { connect, type Socket } from 'node:net';
import { createGzip } from 'node:zlib';

/**
 * The hostile half of `npm run soak -- --hostile`: gzip bombs, slow bodies, a flood of
 * distinct users and a flood of card clicks, all to a loopback server the soak started, each
 * bounded in count and stopped at a deadline.
 */
export interface HostileCounts {
  bombs: number;
  bombStatuses: Record<string, number>;
  slowBodies: number;
  slowClosedByServer: number;
  distinctUsers: number;
  cardClicks: number;
  cardAnswered: number;
  cardThrottled: number;
}

/** A gzip body of about 240 KB that inflates to 250 MB, built in 1 MB steps. */
export function gzipBomb(): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const gzip = createGzip({ level: 9 });
    const chunks: Buffer[] = [];
    gzip.on('data', (c: Buffer) => chunks.push(c));
    gzip.on('end', () => resolve(Buffer.concat(chunks)));
    gzip.on('error', reject);
    gzip.write('{"type":"message","text":"');
    const mb = Buffer.alloc(1024 * 1024, 'a');
    let left = 250;
    const more = () => {
      while (left > 0) {
        left--;
        if (!gzip.write(mb)) return void gzip.once('drain', more);
      }
      gzip.end('"}');
    };
    more();
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function activityJson(n: number, user: string, fields: Record<string, unknown>): string {
  return JSON.stringify({
    type: 'message', id: `hostile-${n}`, channelId: 'msteams', serviceUrl: 'http://127.0.0.1:9/', deliveryMode: 'expectReplies',
    from: { id: `29:${user}`, aadObjectId: `aad-${user}` }, recipient: { id: '28:bot' },
    conversation: { id: `a:${user}`, conversationType: 'personal' }, ...fields,
  });
}

function postOnce(port: number, body: Buffer | string, headers: Record<string, string>, agent: Agent): Promise<{ status: number; body: string }> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/api/messages', method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', () => resolve({ status: 0, body: '' }));
    req.setTimeout(30_000, () => req.destroy());
    req.end(body);
  });
}

/** Calls `send` about `perSecond` times a second until the deadline or `max` calls, with at most `inFlight` at once. */
async function paced(perSecond: number, max: number, deadline: number, inFlight: number, send: (i: number) => Promise<void>): Promise<number> {
  let started = 0;
  const running = new Set<Promise<void>>();
  const t0 = Date.now();
  while (started < max && Date.now() < deadline) {
    const due = t0 + (started * 1000) / perSecond;
    if (due > Date.now()) await sleep(due - Date.now());
    if (running.size >= inFlight) await Promise.race(running);
    const p = send(started++).finally(() => running.delete(p));
    running.add(p);
  }
  await Promise.all(running);
  return started;
}

export const ATTACKS = ['bombs', 'slow', 'users', 'clicks'] as const;
export type Attack = (typeof ATTACKS)[number];

export async function runHostile(port: number, seconds: number, bomb: Buffer, attacks: readonly Attack[] = ATTACKS): Promise<HostileCounts> {
  const deadline = Date.now() + seconds * 1000;
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const counts: HostileCounts = { bombs: 0, bombStatuses: {}, slowBodies: 0, slowClosedByServer: 0, distinctUsers: 0, cardClicks: 0, cardAnswered: 0, cardThrottled: 0 };

  const on = (a: Attack, max: number) => (attacks.includes(a) ? max : 0);
  const bombs = paced(2, on('bombs', 2 * seconds), deadline, 12, async () => {
    const r = await postOnce(port, bomb, { 'content-encoding': 'gzip' }, agent);
    counts.bombStatuses[r.status] = (counts.bombStatuses[r.status] ?? 0) + 1;
  }).then((n) => (counts.bombs = n));

  // 200 uploads at a time that announce 200 KB (under the limit), send 100 KB, then a byte a second.
  const slow = paced(40, on('slow', 2000), deadline - 1000, 200, () => new Promise<void>((resolve) => {
    counts.slowBodies++;
    const socket: Socket = connect(port, '127.0.0.1', () => {
      socket.write(`POST /api/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${200 * 1024}\r\n\r\n`);
      socket.write(Buffer.alloc(100 * 1024, ' '));
    });
    const drip = setInterval(() => socket.writable && socket.write(' '), 1000);
    const stop = setTimeout(() => socket.destroy(), Math.max(0, deadline - Date.now()));
    socket.on('error', () => undefined);
    socket.resume(); // read the 408, so the server's close is seen
    socket.on('close', () => {
      clearInterval(drip);
      clearTimeout(stop);
      if (Date.now() < deadline - 50) counts.slowClosedByServer++;
      resolve();
    });
  })).then(() => undefined);

  const distinct = paced(60, on('users', 60 * seconds), deadline, 32, async (i) => {
    await postOnce(port, activityJson(i, `stranger-${i}`, { text: 'smoking' }), {}, agent);
  }).then((n) => (counts.distinctUsers = n));

  const clicks = paced(100, on('clicks', 100 * seconds), deadline, 16, async (i) => {
    const r = await postOnce(port, activityJson(i, `clicker-${i % 3}`, { value: { action: 'ask', query: 'smoking' } }), {}, agent);
    if (/adaptive/.test(r.body)) counts.cardAnswered++;
    else counts.cardThrottled++;
  }).then((n) => (counts.cardClicks = n));

  await Promise.all([bombs, slow, distinct, clicks]);
  agent.destroy();
  return counts;
}
