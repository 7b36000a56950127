import type { Directory } from '../directory/load';
import type { RecordRef } from './records';
import { distance as levenshtein } from '../search/text';


export interface RecordMatch {
  ref: RecordRef;
  name: string;
  /** 0 is a perfect match, 1 nothing alike. */
  score: number;
}

interface Entry {
  ref: RecordRef;
  name: string;
  words: string[];
  exact: string[];
}

const wordsOf = (s: string) => s.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').split(/[^a-z0-9]+/).filter(Boolean);


/** How unlike a typed word is the nearest word of the record (0 the same, 1 nothing alike); a word's start counts as a match. */
function wordScore(word: string, words: string[]): number {
  let best = 1;
  for (const w of words) {
    if (w === word) return 0;
    if (word.length >= 3 && w.startsWith(word)) best = Math.min(best, 0.1);
    else best = Math.min(best, levenshtein(word, w) / Math.max(word.length, w.length));
  }
  return best;
}

/** The words of every record, built once per directory version: "edit ..." is typed by anyone, so it must not rebuild them. */
const indexes = new WeakMap<Directory, { services: Entry[]; retired: Entry[]; topics: Entry[] }>();
function indexOf(directory: Directory): { services: Entry[]; retired: Entry[]; topics: Entry[] } {
  let index = indexes.get(directory);
  if (!index) {
    const service = (s: Directory['services'][number]): Entry => ({ ref: { kind: 'service', id: s.id }, name: s.name, words: [...wordsOf(s.name), ...wordsOf(s.id), ...wordsOf(s.provider ?? '')], exact: [s.id, s.name.toLowerCase()] });
    index = {
      services: directory.services.map(service),
      retired: directory.retired.map(service),
      topics: directory.topics.map((t) => ({ ref: { kind: 'topic', id: t.id }, name: `Topic prompt: ${t.title}`, words: [...wordsOf(t.title), ...wordsOf(t.id)], exact: [t.id, t.title.toLowerCase()] })),
    };
    indexes.set(directory, index);
  }
  return index;
}

/**
 * A service (or a topic's prompt) by what a maintainer typed: its id, its name or part of it,
 * typos allowed (each typed word is matched to the record's nearest word). One clear match is
 * returned alone; a close call returns the few to choose from; nothing alike, none.
 */
export function findRecords(directory: Directory, query: string, options: { topics: boolean; services: boolean; retired?: boolean }): RecordMatch[] {
  const q = query.trim().toLowerCase();
  const all = indexOf(directory);
  const entries = [
    ...(options.services ? all.services : []),
    ...(options.services && options.retired ? all.retired : []),
    ...(options.topics ? all.topics : []),
  ];
  const exact = entries.filter((e) => e.exact.includes(q));
  // A service and a topic may share a name ("smoking"): the topic is meant only by "edit topic".
  if (exact.length >= 1) return [{ ref: exact[0].ref, name: exact[0].name, score: 0 }];
  const typed = wordsOf(q).filter((w) => !['the', 'and', 'of', 'for', 'a'].includes(w));
  if (!typed.length) return [];
  const scored = entries
    .map((e) => ({ ref: e.ref, name: e.name, score: typed.reduce((sum, w) => sum + wordScore(w, e.words), 0) / typed.length }))
    .filter((m) => m.score <= 0.4)
    .sort((a, b) => a.score - b.score || a.name.localeCompare(b.name));
  if (scored.length > 1 && scored[1].score - scored[0].score >= 0.15) return [scored[0]];
  return scored.slice(0, 5);
}
