import { createHash } from 'node:crypto';
import type * as Restify from 'restify';
import type { Directory } from '../directory/load';
import { parseTakeawayQuery, TAKEAWAY_PATH, takeawayUrl } from '../takeaway/address';
import { notFoundPage, PAGE_HEADERS, slowDownPage, takeawayPage } from '../takeaway/page';
import { buildTakeaway, checkChoice, helpNow } from '../takeaway/summary';
import type { Logger } from './logger';
import type { Metrics } from './metrics';
import type { RateLimiter } from './rate-limit';
import type { RestifyServer } from './restify';

export interface PublicPageOptions {
  directory: () => Directory;
  /** Per client address: the page is public, so it is the one route anyone can flood. */
  limiter: RateLimiter;
  log: Logger;
  metrics: Metrics;
  /** How long browsers and caches may keep a page: it changes only when the directory does. */
  maxAgeSeconds?: number;
}

/**
 * The citizen take-away page: the only route served without a Bot Connector token. It reads
 * ids from its address and nothing else (no cookies, no body, no personal data), answers
 * with directory facts only, and never echoes the address back: a bad one gets the same
 * plain "not found" page. The path (with its ids) is not logged either: counts only.
 */
export function servePublicTakeaway(server: RestifyServer, options: PublicPageOptions): void {
  const maxAge = options.maxAgeSeconds ?? 600;
  const send = (res: Restify.Response, status: number, html: string, extra: Record<string, string> = {}) => {
    res.writeHead(status, { ...PAGE_HEADERS, 'content-length': String(Buffer.byteLength(html)), ...extra });
    res.end(html);
  };

  const handler = (req: Restify.Request, res: Restify.Response, next: Restify.Next) => {
    const directory = options.directory();
    const client = req.socket.remoteAddress ?? 'unknown';
    if (options.limiter.take(client) !== 'ok') {
      options.metrics.count('takeaway.rate-limited');
      send(res, 429, slowDownPage(helpNow(directory)), { 'retry-after': '60', 'cache-control': 'no-store' });
      return next(false);
    }
    const query = (req.url ?? '').split('?')[1] ?? '';
    const parsed = parseTakeawayQuery(query);
    const choice = parsed && checkChoice(directory, parsed.raw);
    if (!parsed || !choice) {
      options.metrics.count('takeaway.not-found');
      send(res, 404, notFoundPage(helpNow(directory)), { 'cache-control': `public, max-age=${maxAge}` });
      return next(false);
    }
    // The same address gives the same page until the directory changes.
    const etag = `"${createHash('sha256').update(directory.version).update('\0').update(query).digest('base64url').slice(0, 27)}"`;
    const cache = { 'cache-control': `public, max-age=${maxAge}`, etag };
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, cache);
      res.end();
      return next(false);
    }
    options.metrics.count('takeaway.page');
    const links = { standard: takeawayUrl('', choice), large: takeawayUrl('', choice, { large: true }) };
    send(res, 200, takeawayPage(buildTakeaway(directory, choice), links, { large: parsed.large }), cache);
    return next(false);
  };
  server.get(TAKEAWAY_PATH, handler);
  server.head(TAKEAWAY_PATH, handler);
}
