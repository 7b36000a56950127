import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import type { Storage } from 'botbuilder';
import { loadConfig } from '../../bot/config';
import { createLogger, type Logger } from '../../bot/logger';
import { type BotServer, createBotServer, listen } from '../../bot/server';
import type { Directory } from '../../directory/load';
import type { RetryPolicy } from '../../bot/retrying-adapter';
import { realDirectory } from './directory';

export type Json = Record<string, any>;

/** Captures every log line the server writes, so tests can check what was (not) logged. */
export class LogCapture extends Writable {
  readonly lines: string[] = [];
  _write(chunk: Buffer, _enc: string, done: () => void): void {
    this.lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    done();
  }
}

export interface RunningBot {
  url: string;
  bot: BotServer;
  logs: LogCapture;
  log: Logger;
  stop(): Promise<void>;
}

/** The real restify server and CloudAdapter, on a free loopback port, as `npm start` runs them. */
export async function startBot(options: { directory?: Directory; storage?: Storage; env?: Record<string, string>; retry?: RetryPolicy; bodyTimeoutMs?: number; openIdMetadataUrl?: string; digestCheckMs?: number } = {}): Promise<RunningBot> {
  const logs = new LogCapture();
  const log = createLogger('info', logs);
  // Tests send many messages from one user quickly; the rate limit has tests of its own.
  const config = loadConfig({ PORT: '0', RATE_LIMIT_PER_MINUTE: '100000', CARD_RATE_LIMIT_PER_MINUTE: '100000', REPORT_RATE_LIMIT_PER_HOUR: '100000', ...options.env });
  const bot = createBotServer({ config, directory: options.directory ?? realDirectory(), log, storage: options.storage, retry: options.retry, bodyTimeoutMs: options.bodyTimeoutMs, openIdMetadataUrl: options.openIdMetadataUrl, digestCheckMs: options.digestCheckMs });
  const port = await listen(bot, 0, '127.0.0.1');
  return { url: `http://127.0.0.1:${port}`, bot, logs, log, stop: () => bot.close() };
}

export interface Who {
  user?: string;
  conversation?: string;
  conversationType?: 'personal' | 'groupChat' | 'channel';
}

/** A Teams-shaped activity asking for its replies in the HTTP response (expectReplies). */
export function activity(fields: Json, who: Who = {}): Json {
  const user = who.user ?? 'user-1';
  return {
    type: 'message',
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    serviceUrl: 'http://127.0.0.1:9/',
    channelId: 'msteams',
    from: { id: `29:${user}`, name: 'Member of staff', aadObjectId: `aad-${user}` },
    recipient: { id: '28:mecc-bot', name: 'MECC' },
    conversation: { id: who.conversation ?? `a:personal-${user}`, conversationType: who.conversationType ?? 'personal', tenantId: 'tenant-1' },
    channelData: { tenant: { id: 'tenant-1' } },
    locale: 'en-GB',
    deliveryMode: 'expectReplies',
    ...fields,
  };
}

export async function post(url: string, body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }): Promise<{ status: number; json: Json | undefined; text: string }> {
  const res = await fetch(`${url}/api/messages`, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await res.text();
  let json: Json | undefined;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text };
}

/** Sends one activity and returns the bot's reply activities. */
export async function exchange(url: string, fields: Json, who: Who = {}): Promise<Json[]> {
  const res = await post(url, activity(fields, who));
  if (res.status !== 200) throw new Error(`expected 200, got ${res.status}: ${res.text}`);
  return (res.json?.activities ?? []) as Json[];
}

export function cards(replies: Json[]): { card: Json; summary: string }[] {
  return replies
    .filter((a) => a.type === 'message')
    .flatMap((a) => (a.attachments ?? []).filter((x: Json) => x.contentType === 'application/vnd.microsoft.card.adaptive').map((x: Json) => ({ card: x.content, summary: a.summary })));
}
