import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  method: string;
  url: string;
  body: any;
}

/**
 * A local stand-in for the Teams Bot Connector: records what the bot sends and can answer
 * with a scripted status first (429, 502...) to test back-off.
 */
export class FakeConnector {
  readonly received: Received[] = [];
  private server?: Server;
  /** Statuses to answer with, in order, before answering 200. */
  script: number[] = [];
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        let parsed: unknown;
        try {
          parsed = body ? JSON.parse(body) : undefined;
        } catch {
          parsed = body;
        }
        this.received.push({ method: req.method ?? '', url: req.url ?? '', body: parsed });
        const status = this.script.shift() ?? 200;
        res.writeHead(status, { 'content-type': 'application/json', ...(status === 429 ? { 'retry-after': '0' } : {}) });
        res.end(JSON.stringify(status === 200 ? { id: `activity-${this.received.length}` } : { error: { code: 'Throttled', message: 'slow down' } }));
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return this;
  }

  /** Activities the bot posted (not the scripted failures). */
  delivered(): any[] {
    return this.received.filter((r) => r.method === 'POST').map((r) => r.body);
  }

  stop(): Promise<void> {
    return new Promise((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}
