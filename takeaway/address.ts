import type { TakeawayChoice } from './summary';

/** The public page's path: the only route served without a Bot Connector token. */
export const TAKEAWAY_PATH = '/take-away';

/** The longest query string the page reads: ids only, so anything longer was not made by the bot. */
const MAX_QUERY = 1200;
const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const KEYS = new Set(['t', 'p', 's', 'large']);

/**
 * The page's address for a choice: topic, Place and service ids and nothing else, so the
 * address (and the QR code) holds no personal data. Ids are joined with '.', which no id holds.
 */
export function takeawayUrl(base: string, choice: TakeawayChoice, options: { large?: boolean } = {}): string {
  const query = [`t=${choice.topics.join('.')}`, `p=${choice.place ?? 'all'}`, `s=${choice.services.join('.')}`];
  if (options.large) query.push('large=1');
  return `${base.replace(/\/+$/, '')}${TAKEAWAY_PATH}?${query.join('&')}`;
}

export interface ParsedAddress {
  raw: { topics: string[]; place: string | null; services: string[] };
  large: boolean;
}

/**
 * Reads a page address's query string strictly: each key once, only ids, nothing else. What
 * fails is just "not found"; the query itself is never echoed back.
 */
export function parseTakeawayQuery(query: string): ParsedAddress | null {
  if (query.length > MAX_QUERY) return null;
  const params = new URLSearchParams(query);
  const seen = new Set<string>();
  for (const key of params.keys()) {
    if (!KEYS.has(key) || seen.has(key)) return null;
    seen.add(key);
  }
  const list = (key: string) => {
    const value = params.get(key) ?? '';
    return value === '' ? [] : value.split('.');
  };
  const topics = list('t');
  const services = list('s');
  const place = params.get('p');
  if (!topics.length || place === null) return null;
  if (![...topics, ...services, place].every((id) => ID.test(id))) return null;
  const large = params.get('large');
  if (large !== null && large !== '1') return null;
  return { raw: { topics, place: place === 'all' ? null : place, services }, large: large === '1' };
}
