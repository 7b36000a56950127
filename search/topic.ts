import type { TopicId } from '../directory/ids';
import type { Service, Topic } from '../directory/schema';
import { isEnglishWord } from './dictionary';
import { allowedTypos, editDistance, isNumber, isStopword, normalise, stem, words } from './text';

interface Phrase {
  topic: TopicId;
  stems: string[];
  /** Service-name phrases point at a service as well as its main topic. */
  service?: string;
}

export interface TopicScore {
  topic: TopicId;
  score: number;
  /** True when at least one whole synonym or service name was found in the query. */
  whole: boolean;
  /** The largest share of any one phrase found (1 when whole), and whether its words belong to this topic alone. */
  coverage: number;
  distinctive: boolean;
}

export interface TopicMatch {
  ranked: TopicScore[];
  /** Services named in the query ("Derbyshire Carers"), best first. */
  services: string[];
  /** Meaningful words in the query that no topic knows. */
  unknownWords: number;
  meaningfulWords: number;
}

/** A whole phrase counts fully; part of a longer phrase counts for less. */
const PARTIAL_WEIGHT = 0.35;
/** A word corrected from a typo counts a little less than one typed right. */
const TYPO_WEIGHT = 0.85;

/** Words dropped from everyday phrases: they vary freely ("after her mum", "after mum"). */
const FUNCTION_WORDS = new Set(['a', 'an', 'the', 'to', 'of', 'for', 'my', 'his', 'her', 'their', 'your', 'our', 'with', 'is', 'are', 'be', 'on', 'in', 'and', 'at', 'he', 'she', 'they', 'i', 'im', 'has', 'have', 'got', 's']);
/** What each word of a whole everyday phrase is worth: about a rare word's weight in all. */
const EVERYDAY_WORD_CREDIT = 1.2;

/** Words in service names that say nothing about which service is meant. */
const GENERIC_NAME_WORDS = new Set(['derbyshire', 'derby', 'city', 'county', 'nhs', 'national', 'uk', 'england', 'the', 'and', 'of', 'for', 'in', 'service', 'services', 'support', 'line', 'helpline', 'team', 'teams', 'council', 'local', 'free', 'advice', 'project', 'programme', 'community', 'centre', 'association']);

/** Numbers count only inside a phrase that needs them ("type 2", "6 in 1"), not alone. */
function contentStems(text: string): string[] {
  const ws = words(normalise(text)).filter((w) => !isStopword(w));
  return ws.some((w) => !isNumber(w)) ? ws.map(stem) : [];
}

/**
 * Scores topics for a query from their synonym lists: every meaningful query word is
 * credited to the topics whose phrases contain it, weighted by how rare the word is across
 * topics, so "cant afford heating" lands on affordable warmth rather than money advice.
 */
export class TopicMatcher {
  private readonly phrasesByStem = new Map<string, Phrase[]>();
  private readonly idf = new Map<string, number>();
  /** Surface words and stems the vocabulary knows, for typo correction. */
  private readonly vocabulary: { word: string; stem: string }[] = [];
  readonly knownWords = new Set<string>();
  private readonly everydayPhrases: Phrase[] = [];

  constructor(topics: Topic[], services: Service[]) {
    isEnglishWord('warm'); // load the word list now, not during someone's first question
    const phrases: Phrase[] = [];
    for (const t of topics) {
      for (const text of [t.title, t.id.replace(/-/g, ' '), ...t.synonyms]) {
        const stems = contentStems(text);
        if (stems.length) phrases.push({ topic: t.id, stems });
        else {
          // "no one to talk to", "looking after someone": made only of everyday words, so it
          // counts only when the whole phrase is there.
          const all = words(normalise(text)).filter((w) => !FUNCTION_WORDS.has(w)).map(stem);
          if (all.length >= 2) this.everydayPhrases.push({ topic: t.id, stems: all });
        }
      }
    }
    for (const s of services) {
      const short = s.name.replace(/\([^)]*\)/g, ' ').split(/ [-/–] /)[0];
      for (const text of new Set([s.name, short])) {
        const stems = words(normalise(text)).filter((w) => !GENERIC_NAME_WORDS.has(w) && !isStopword(w) && !isNumber(w)).map(stem);
        if (stems.length) phrases.push({ topic: s.topics[0], stems, service: s.id });
      }
    }
    const topicsByStem = new Map<string, Set<TopicId>>();
    for (const p of phrases) {
      for (const st of new Set(p.stems)) {
        const list = this.phrasesByStem.get(st) ?? [];
        list.push(p);
        this.phrasesByStem.set(st, list);
        const set = topicsByStem.get(st) ?? new Set();
        set.add(p.topic);
        topicsByStem.set(st, set);
      }
    }
    const n = topics.length;
    for (const [st, set] of topicsByStem) this.idf.set(st, Math.log(1 + n / set.size));

    const seen = new Set<string>();
    const texts = [...topics.flatMap((t) => [t.title, ...t.synonyms]), ...services.map((s) => s.name)];
    for (const text of texts) {
      for (const w of words(normalise(text))) {
        this.knownWords.add(w);
        if (isStopword(w) || isNumber(w) || seen.has(w)) continue;
        seen.add(w);
        const st = stem(w);
        if (this.phrasesByStem.has(st)) this.vocabulary.push({ word: w, stem: st });
      }
    }
  }

  private topicCount(st: string): number {
    return new Set((this.phrasesByStem.get(st) ?? []).map((p) => p.topic)).size;
  }

  /** The vocabulary stem a query word stands for, allowing typos; undefined if none. */
  private resolve(word: string): { stem: string; weight: number }[] {
    const st = stem(word);
    if (this.phrasesByStem.has(st)) return [{ stem: st, weight: 1 }];
    if (isNumber(word)) return [];
    const max = allowedTypos(word.length);
    if (max === 0 || isEnglishWord(word)) return [];
    let bestD = max + 1;
    let best: string[] = [];
    for (const v of this.vocabulary) {
      if (Math.abs(v.word.length - word.length) > max) continue;
      const d = editDistance(word, v.word, Math.min(max, bestD));
      if (d < bestD) {
        bestD = d;
        best = [v.stem];
      } else if (d === bestD && d <= max && !best.includes(v.stem)) best.push(v.stem);
    }
    if (bestD > max) return [];
    return best.map((s) => ({ stem: s, weight: TYPO_WEIGHT }));
  }

  match(queryWords: string[]): TopicMatch {
    const meaningful = queryWords.filter((w) => !isStopword(w) && (isNumber(w) ? this.phrasesByStem.has(w) : w.length > 1));
    const resolved = meaningful.map((w) => this.resolve(w));
    const present = new Map<string, number>();
    for (const options of resolved) for (const o of options) present.set(o.stem, Math.max(present.get(o.stem) ?? 0, o.weight));

    const scores = new Map<TopicId, TopicScore>();
    const serviceHits = new Map<string, number>();
    for (const [st, weight] of present) {
      const best = new Map<TopicId, number>();
      if (isNumber(st) && ![...present.keys()].some((k) => !isNumber(k))) continue;
      for (const p of this.phrasesByStem.get(st) ?? []) {
        const found = p.stems.filter((s) => present.has(s)).length;
        const whole = found === p.stems.length;
        const value = whole ? 1 + 0.15 * (p.stems.length - 1) : (PARTIAL_WEIGHT * found) / p.stems.length;
        if (value > (best.get(p.topic) ?? 0)) best.set(p.topic, value);
        if (whole) {
          const entry = scores.get(p.topic) ?? newScore(p.topic);
          entry.whole = true;
          scores.set(p.topic, entry);
          if (p.service) serviceHits.set(p.service, (serviceHits.get(p.service) ?? 0) + p.stems.length);
        }
      }
      const idf = this.idf.get(st) ?? 0;
      const distinctive = best.size === 1 && this.topicCount(st) === 1;
      for (const [topic, value] of best) {
        const entry = scores.get(topic) ?? newScore(topic);
        entry.score += value * idf * weight;
        const coverage = value >= 1 ? 1 : value / PARTIAL_WEIGHT;
        if (coverage > entry.coverage || (coverage === entry.coverage && distinctive)) {
          entry.coverage = coverage;
          entry.distinctive = distinctive;
        }
        scores.set(topic, entry);
      }
    }
    if (this.everydayPhrases.length) {
      const all = new Set(queryWords.map(stem));
      for (const p of this.everydayPhrases) {
        if (!p.stems.every((st) => all.has(st))) continue;
        const entry = scores.get(p.topic) ?? newScore(p.topic);
        entry.whole = true;
        entry.coverage = 1;
        entry.score += EVERYDAY_WORD_CREDIT * p.stems.length;
        scores.set(p.topic, entry);
      }
    }
    const ranked = [...scores.values()].sort((a, b) => b.score - a.score || Number(b.whole) - Number(a.whole) || a.topic.localeCompare(b.topic));
    return {
      ranked,
      services: [...serviceHits.entries()].sort((a, b) => b[1] - a[1]).map(([id]) => id),
      unknownWords: resolved.filter((r) => r.length === 0).length,
      meaningfulWords: meaningful.length,
    };
  }
}

function newScore(topic: TopicId): TopicScore {
  return { topic, score: 0, whole: false, coverage: 0, distinctive: false };
}
