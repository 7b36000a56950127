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
  /** Topic synonyms, by each stem they contain: the scoring vocabulary. */
  private readonly phrasesByStem = new Map<string, Phrase[]>();
  private readonly idf = new Map<string, number>();
  /** Service names count only when whole, so each is filed under its rarest stem alone: a
   * national directory of 50,000 names does not make every query scan 50,000 phrases. */
  private readonly servicePhrasesByRarestStem = new Map<string, Phrase[]>();
  private readonly serviceStems = new Set<string>();
  /** Known words by length, for typo correction: only lengths within reach are compared. */
  private readonly vocabularyByLength = new Map<number, { word: string; stem: string }[]>();
  private readonly resolved = new Map<string, { stem: string; weight: number }[]>();
  readonly knownWords = new Set<string>();
  private readonly everydayPhrases: Phrase[] = [];
  private readonly maxIdf: number;

  constructor(topics: Topic[], services: Service[]) {
    isEnglishWord('warm'); // load the word list now, not during someone's first question
    const candidates = topics.flatMap((t) =>
      [t.title, t.id.replace(/-/g, ' '), ...t.synonyms].map((text) => ({
        topic: t.id,
        stems: contentStems(text),
        everyday: words(normalise(text)).filter((w) => !FUNCTION_WORDS.has(w)).map(stem),
      })),
    );
    const claimedBy = new Map<string, Set<TopicId>>();
    for (const c of candidates) for (const st of c.stems) (claimedBy.get(st) ?? claimedBy.set(st, new Set()).get(st)!).add(c.topic);
    const topicsByStem = new Map<string, Set<TopicId>>();
    for (const { topic, stems, everyday } of candidates) {
      // A phrase that is mostly everyday words ("end it all", "cut off", "wants to quit")
      // says something only as a whole when its one content word is shared with other
      // topics: "cut" alone must not claim loneliness for "cut back on sugar". Phrases made
      // only of everyday words ("no one to talk to") are whole-only too.
      const shrunk = stems.length * 2 < everyday.length || (stems.length === 1 && everyday.length > 1 && (claimedBy.get(stems[0])?.size ?? 0) > 1);
      if (!stems.length || shrunk) {
        if (everyday.length >= 2) this.everydayPhrases.push({ topic, stems: everyday });
        continue;
      }
      const phrase = { topic, stems };
      for (const st of new Set(stems)) {
        push(this.phrasesByStem, st, phrase);
        const set = topicsByStem.get(st) ?? new Set();
        set.add(topic);
        topicsByStem.set(st, set);
      }
    }
    this.maxIdf = Math.log(1 + topics.length);
    for (const [st, set] of topicsByStem) this.idf.set(st, Math.log(1 + topics.length / set.size));

    const servicePhrases: Phrase[] = [];
    const serviceDf = new Map<string, number>();
    for (const s of services) {
      const short = s.name.replace(/\([^)]*\)/g, ' ').split(/ [-/–] /)[0];
      for (const text of new Set([s.name, short])) {
        const stems = [...new Set(words(normalise(text)).filter((w) => !GENERIC_NAME_WORDS.has(w) && !isStopword(w) && !isNumber(w)).map(stem))];
        if (!stems.length) continue;
        servicePhrases.push({ topic: s.topics[0], stems, service: s.id });
        for (const st of stems) serviceDf.set(st, (serviceDf.get(st) ?? 0) + 1);
      }
    }
    for (const p of servicePhrases) {
      const rarest = p.stems.reduce((a, b) => ((serviceDf.get(b) ?? 0) < (serviceDf.get(a) ?? 0) ? b : a));
      push(this.servicePhrasesByRarestStem, rarest, p);
      for (const st of p.stems) this.serviceStems.add(st);
    }

    const seen = new Set<string>();
    const addWords = (text: string) => {
      for (const w of words(normalise(text))) {
        this.knownWords.add(w);
        if (isStopword(w) || isNumber(w) || seen.has(w)) continue;
        seen.add(w);
        const st = stem(w);
        if (this.knows(st)) push(this.vocabularyByLength, w.length, { word: w, stem: st });
      }
    };
    for (const t of topics) [t.title, ...t.synonyms].forEach(addWords);
    for (const s of services) addWords(s.name);
  }

  private knows(st: string): boolean {
    return this.phrasesByStem.has(st) || this.serviceStems.has(st);
  }

  private topicCount(st: string): number {
    return new Set((this.phrasesByStem.get(st) ?? []).map((p) => p.topic)).size;
  }

  /** The vocabulary stems a query word stands for, allowing typos; none if it is unknown. */
  private resolve(word: string): { stem: string; weight: number }[] {
    let result = this.resolved.get(word);
    if (!result) {
      result = this.lookUp(word);
      if (this.resolved.size > 20_000) this.resolved.clear();
      this.resolved.set(word, result);
    }
    return result;
  }

  private lookUp(word: string): { stem: string; weight: number }[] {
    const st = stem(word);
    if (this.knows(st)) return [{ stem: st, weight: 1 }];
    if (isNumber(word)) return [];
    const max = allowedTypos(word.length);
    if (max === 0 || isEnglishWord(word)) return [];
    let bestD = max + 1;
    let best: string[] = [];
    for (let length = word.length - max; length <= word.length + max; length++) {
      for (const v of this.vocabularyByLength.get(length) ?? []) {
        const d = editDistance(word, v.word, Math.min(max, bestD));
        if (d < bestD) {
          bestD = d;
          best = [v.stem];
        } else if (d === bestD && d <= max && !best.includes(v.stem)) best.push(v.stem);
      }
    }
    if (bestD <= max) return best.map((s) => ({ stem: s, weight: TYPO_WEIGHT }));
    return this.splitCompound(word);
  }

  /** "scratchcards", "selfcare", "bpcheck": two known words run together. */
  private splitCompound(word: string): { stem: string; weight: number }[] {
    if (word.length < 6) return [];
    for (let i = 2; i <= word.length - 2; i++) {
      const [a, b] = [stem(word.slice(0, i)), stem(word.slice(i))];
      if (this.knows(a) && this.knows(b)) return [{ stem: a, weight: TYPO_WEIGHT }, { stem: b, weight: TYPO_WEIGHT }];
    }
    return [];
  }

  match(queryWords: string[]): TopicMatch {
    const meaningful = queryWords.filter((w) => !isStopword(w) && (isNumber(w) ? this.phrasesByStem.has(w) : w.length > 1));
    const resolved = meaningful.map((w) => this.resolve(w));
    const present = new Map<string, number>();
    for (const options of resolved) for (const o of options) present.set(o.stem, Math.max(present.get(o.stem) ?? 0, o.weight));
    const onlyNumbers = ![...present.keys()].some((k) => !isNumber(k));

    const scores = new Map<TopicId, TopicScore>();
    const entry = (topic: TopicId) => {
      let e = scores.get(topic);
      if (!e) scores.set(topic, (e = newScore(topic)));
      return e;
    };
    for (const [st, weight] of present) {
      if (isNumber(st) && onlyNumbers) continue;
      const best = new Map<TopicId, number>();
      for (const p of this.phrasesByStem.get(st) ?? []) {
        const found = p.stems.filter((x) => present.has(x)).length;
        const whole = found === p.stems.length;
        const value = whole ? 1 + 0.15 * (p.stems.length - 1) : (PARTIAL_WEIGHT * found) / p.stems.length;
        if (value > (best.get(p.topic) ?? 0)) best.set(p.topic, value);
        if (whole) entry(p.topic).whole = true;
      }
      const idf = this.idf.get(st) ?? 0;
      const distinctive = best.size === 1 && this.topicCount(st) === 1;
      for (const [topic, value] of best) {
        const e = entry(topic);
        e.score += value * idf * weight;
        const coverage = value >= 1 ? 1 : value / PARTIAL_WEIGHT;
        if (coverage > e.coverage || (coverage === e.coverage && distinctive)) {
          e.coverage = coverage;
          e.distinctive = distinctive;
        }
      }
    }

    // A service named in full ("Derbyshire Carers Association", "Samaritans") points at the
    // service and its main topic; its distinctive words count as much as a rare synonym.
    const serviceHits = new Map<string, number>();
    for (const st of present.keys()) {
      for (const p of this.servicePhrasesByRarestStem.get(st) ?? []) {
        if (!p.stems.every((x) => present.has(x))) continue;
        serviceHits.set(p.service!, Math.max(serviceHits.get(p.service!) ?? 0, p.stems.length));
        const e = entry(p.topic);
        e.whole = true;
        e.coverage = 1;
        const extra = p.stems.filter((x) => !this.phrasesByStem.has(x)).reduce((sum, x) => sum + this.maxIdf * (present.get(x) ?? 1), 0);
        e.score += extra;
      }
    }

    if (this.everydayPhrases.length) {
      const all = new Set(queryWords.map(stem));
      for (const p of this.everydayPhrases) {
        if (!p.stems.every((x) => all.has(x))) continue;
        const e = entry(p.topic);
        e.whole = true;
        e.coverage = 1;
        e.score += EVERYDAY_WORD_CREDIT * p.stems.length;
      }
    }
    const ranked = [...scores.values()].sort((a, b) => b.score - a.score || Number(b.whole) - Number(a.whole) || a.topic.localeCompare(b.topic));
    return {
      ranked,
      services: [...serviceHits.entries()].sort((a, b) => b[1] - a[1]).map(([id]) => id),
      unknownWords: resolved.filter((r) => r.length === 0).length,
    };
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function newScore(topic: TopicId): TopicScore {
  return { topic, score: 0, whole: false, coverage: 0, distinctive: false };
}
