/**
 * The benchmark's queries: the development query set plus deterministic typos of it
 * (two adjacent letters swapped, or one letter dropped, in one word of four letters or more).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseQuerySet, type QueryRow } from '../search/evaluate';
import { prng } from './synthetic';

export const DEV_QUERIES = join(__dirname, '..', 'tests', 'queries', 'dev.tsv');

export interface BenchQuery {
  row: QueryRow;
  /** 'dev' for the query as written, 'swap' or 'drop' for a generated typo of it. */
  kind: 'dev' | 'swap' | 'drop';
}

function typo(query: string, kind: 'swap' | 'drop', rand: () => number): string | undefined {
  const words = query.split(' ');
  const candidates = words.map((w, i) => ({ w, i })).filter(({ w }) => /^[a-z]{4,}$/i.test(w));
  if (!candidates.length) return undefined;
  const { w, i } = candidates[Math.floor(rand() * candidates.length)];
  let changed: string | undefined;
  if (kind === 'drop') {
    // Never the first letter: people rarely get that wrong.
    const at = 1 + Math.floor(rand() * (w.length - 1));
    changed = w.slice(0, at) + w.slice(at + 1);
  } else {
    const options = [...Array(w.length - 2).keys()].map((k) => k + 1).filter((k) => w[k] !== w[k + 1]);
    if (!options.length) return undefined;
    const at = options[Math.floor(rand() * options.length)];
    changed = w.slice(0, at) + w[at + 1] + w[at] + w.slice(at + 2);
  }
  if (changed === w) return undefined;
  const out = [...words];
  out[i] = changed;
  return out.join(' ');
}

/** The dev rows, then a swap and a drop typo of each (where the query has a long enough word). */
export function benchQueries(tsvPath: string = DEV_QUERIES, seed = 7): { dev: QueryRow[]; all: BenchQuery[] } {
  const dev = parseQuerySet(readFileSync(tsvPath, 'utf8'));
  const rand = prng(seed);
  const all: BenchQuery[] = dev.map((row) => ({ row, kind: 'dev' as const }));
  for (const row of dev) {
    for (const kind of ['swap', 'drop'] as const) {
      const query = typo(row.query, kind, rand);
      if (query && query !== row.query) all.push({ row: { ...row, query }, kind });
    }
  }
  return { dev, all };
}

/** A deterministic shuffle (Fisher-Yates with the bench PRNG). */
export function shuffled<T>(list: T[], seed = 11): T[] {
  const rand = prng(seed);
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
