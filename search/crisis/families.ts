import type { RiskConceptsFile } from '../../directory/schema';
import { stem, words } from '../text';

/**
 * Risk concepts composed across the whole message. Staff rarely write one phrase that says it
 * all: they write what they saw and heard, spread over a note ("buying 3 boxes of paracetamol,
 * says she's been saving them up ... won't need anything after next week"). Each family is a list
 * of words and phrases (directory-data/understanding/risk-concepts.json) matched on word stems, so
 * tense, plural and grammar do not matter; two families that the data names together (a farewell
 * with a means, a means being put by, hopelessness with death) are enough for crisis support to
 * lead. One family alone never is: "tablets", "goodbye" and "no point" are everyday words.
 */
/**
 * The data file's shape (directory-data/understanding/risk-concepts.json, validated in
 * directory/schema.ts): `families` of phrases; `together`, the pairs that make a risk; `twice`,
 * families enough alone with two different phrases; `alone`, families enough with one ("a
 * ligature"); `unless`, words that explain a pair away, by "a+b" (marks on the arms after a fall).
 */
export type RiskConcepts = Omit<RiskConceptsFile, 'about'>;

const stems = (phrase: string) => words(phrase).map(stem);

export class RiskFamilies {
  /** First stem of each phrase to the phrases it starts and their family. */
  private readonly byFirst = new Map<string, { stems: string[]; family: string }[]>();
  private readonly pairs: [string, string][];
  private readonly twice: Set<string>;
  private readonly alone: Set<string>;
  /** Leave-taking any chat ends with: it never counts as the second phrase of a farewell. */
  private static readonly PARTING = new Set(['goodbye', 'goodbyes', 'bye', 'farewell'].map(stem));
  private readonly unless = new Map<string, Set<string>>();

  constructor(concepts: RiskConcepts) {
    for (const [family, phrases] of Object.entries(concepts.families)) {
      for (const phrase of phrases) {
        const s = stems(phrase);
        if (!s.length) continue;
        const list = this.byFirst.get(s[0]) ?? [];
        list.push({ stems: s, family });
        this.byFirst.set(s[0], list);
      }
    }
    this.pairs = concepts.together;
    this.twice = new Set(concepts.twice ?? []);
    this.alone = new Set(concepts.alone ?? []);
    for (const [pair, list] of Object.entries(concepts.unless ?? {})) this.unless.set(pair, new Set(list.flatMap(stems)));
  }

  /** Each family a text holds (normalised sentences joined; idioms and denials taken out), with its distinct phrases. */
  private phrases(text: string): Map<string, Set<string>> {
    const s = words(text).map(stem);
    const out = new Map<string, Set<string>>();
    for (let i = 0; i < s.length; i++) {
      for (const phrase of this.byFirst.get(s[i]) ?? []) {
        if (!phrase.stems.every((w, k) => s[i + k] === w)) continue;
        const seen = out.get(phrase.family) ?? new Set<string>();
        seen.add(phrase.stems.join(' '));
        out.set(phrase.family, seen);
      }
    }
    return out;
  }

  /** The pair of families that makes this text a risk, if any. */
  risk(text: string): [string, string] | undefined {
    const phrases = this.phrases(text);
    for (const family of this.alone) if (phrases.has(family)) return [family, family];
    for (const family of this.twice) {
      const said = [...(phrases.get(family) ?? [])].filter((p) => !RiskFamilies.PARTING.has(p));
      // Two phrases, not one inside the other ("hear from me" in "hear from me again").
      if (said.filter((p) => !said.some((q) => q !== p && q.includes(p))).length >= 2) return [family, family];
    }
    const found = new Set(phrases.keys());
    if (found.size < 2) return undefined;
    const all = new Set(words(text).map(stem));
    return this.pairs.find(([a, b]) => {
      if (!found.has(a) || !found.has(b)) return false;
      const explained = this.unless.get(`${a}+${b}`);
      return !(explained && [...explained].some((w) => all.has(w)));
    });
  }
}
