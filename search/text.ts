import { stemmer } from 'stemmer';
import unhomoglyph from 'unhomoglyph';

/**
 * Topic matching reads this much of a message: a long handover note keeps its cue well
 * inside it. The crisis check reads the whole message (see search/crisis/).
 */
export const MAX_QUERY_CHARS = 2000;

/** Characters that print as nothing: zero-width spaces and joiners, bidi marks, soft hyphens, BOMs. */
const INVISIBLE = /[\p{Cf}\u034f\u115f\u1160\u17b4\u17b5\u180e\u3164\uffa0]/gu;
/** Control characters (NUL, escapes) are not part of any word: a NUL inside "sui\0cide" must not split it. */
const CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f]/g;
const NON_ASCII_LETTER = /[^\u0000-\u007f]/g;

/**
 * What the text reads as to a person: compatibility forms folded (full-width letters, ligatures),
 * invisible and control characters removed, and letters from other scripts that look like Latin
 * ones folded to them (a Cyrillic "с" in "suicide"), using Unicode's confusables table. Only
 * non-ASCII characters are folded: the table would also turn "rn" into "m" and "I" into "l".
 */
export function readable(input: string): string {
  return input
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .replace(CONTROL, '')
    .replace(NON_ASCII_LETTER, (ch) => (/[\u2018\u2019\u02bc]/.test(ch) ? ch : unhomoglyph(ch)));
}

/**
 * Lower-case ASCII words separated by single spaces. Apostrophes vanish ("can't" -> "cant")
 * so that staff who skip them are matched the same as those who don't.
 */
export function normalise(input: string, maxChars: number = MAX_QUERY_CHARS): string {
  return readable(input.length > maxChars * 2 ? input.slice(0, maxChars * 2) : input)
    .slice(0, maxChars)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['\u2018\u2019\u02bc`]/g, '')
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export function words(normalised: string): string[] {
  return normalised ? normalised.split(' ') : [];
}

const stemCache = new Map<string, string>();
export function stem(word: string): string {
  let s = stemCache.get(word);
  if (s === undefined) {
    s = word.length <= 3 ? word : stemmer(word);
    if (stemCache.size < 50_000) stemCache.set(word, s);
  }
  return s;
}

/**
 * Words that carry no topic on their own: function words, and the filler staff type
 * around a topic ("my patient wants help with..."). Kept out of scoring so a long
 * message is judged on its meaningful words.
 */
export const STOPWORDS = new Set(
  `a about above after again against all am an and any anyone anything are around as at be because been before being
   below between both but by can could did do does doing dont done down during each few for from further get gets
   getting got had has have having he her here hers herself him himself his how i id if im in into is it its itself
   ive just know like lot lots me more most my myself need needs needed near nearby of off on once only or other our
   ours out over own please really same say says said she should so some someone something such than that the
   their theirs them themselves then there these they this those through to too under until up very was we were
   what when where which while who whom why will with would you your yours yourself yourselves
   want wants wanted wanting looking look find where whats info information advice help helps support service
   services local area anybody somebody patient patients client clients person people man men woman women lady
   ladies gentleman guy bloke chap mum dad son daughter husband wife partner friend colleague user citizen resident
   customer family think thinks thought tell told asked ask asking mentioned talk talking worried worry concerned
   also still maybe bit quite lot today now currently recently new any one two three okay ok hi hello hey thanks
   thank cheers no not yes yeah got gonna wanna re st`
    .split(/\s+/)
    .filter(Boolean),
);

/** A word that carries no topic: a stopword, or an inflection of one ("looks", "helping", "asked"). */
export function isStopword(word: string): boolean {
  if (STOPWORDS.has(word)) return true;
  const base = word.replace(/(?:ing|ed|es|s)$/, '');
  return base !== word && base.length >= 4 && (STOPWORDS.has(base) || STOPWORDS.has(`${base}e`));
}

export function isNumber(word: string): boolean {
  return /^\d+$/.test(word);
}

/** Optimal string alignment distance (Damerau-Levenshtein with adjacent swaps), stopping early past `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a === b) return 0;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n];
}

/** Edit distance with no cut-off, for short names (adjacent swaps count as one slip). */
export function distance(a: string, b: string): number {
  return editDistance(a, b, Math.max(a.length, b.length));
}

/** How many typos a word of this length may carry and still count as the same word. */
export function allowedTypos(length: number): number {
  if (length <= 3) return 0;
  if (length <= 6) return 1;
  return 2;
}
