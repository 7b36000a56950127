import type { PlaceId } from '../directory/ids';
import type { NamedLocation, PlaceNameKind } from '../directory/load';
import { isEnglishWord } from './dictionary';
import { allowedTypos, editDistance, normalise, STOPWORDS, words } from './text';

export interface PlaceMatch {
  place: PlaceId;
  kind: PlaceNameKind;
  /** Token positions [start, end) that named the Place, to leave out of topic matching. */
  start: number;
  end: number;
}

interface Entry {
  place: PlaceId;
  kind: PlaceNameKind;
}

/** Words in practice and site names too common to name a Place on their own. */
const GENERIC = new Set(['the', 'and', 'of', 'medical', 'centre', 'center', 'surgery', 'practice', 'health', 'pharmacy', 'hospital', 'road', 'street', 'park', 'village', 'house', 'new', 'high']);

/**
 * Finds where the member of staff says they are: a Place, town, GP practice or vaccination
 * site, longest name first. Single-word town names also match with a typo or two.
 */
export class PlaceFinder {
  private readonly exact = new Map<string, Entry>();
  private readonly fuzzy: { word: string; entry: Entry }[] = [];
  private readonly longest: number;

  private readonly outside = new Set<string>();
  private readonly multiWord: { words: string[]; entry: Entry }[] = [];

  constructor(locations: NamedLocation[], private readonly protectedWords: Set<string>, neighbours: string[] = []) {
    for (const name of neighbours) this.outside.add(normalise(name));
    let longest = 1;
    // Places before towns before practices and sites: the first claim on a name wins.
    const order: PlaceNameKind[] = ['place', 'town', 'practice', 'site'];
    for (const kind of order) {
      for (const loc of locations.filter((l) => l.kind === kind)) {
        const key = normalise(loc.name.replace(/\([^)]*\)/g, ' '));
        const full = normalise(loc.name);
        for (const k of new Set([key, full])) {
          if (!k || this.exact.has(k)) continue;
          this.exact.set(k, { place: loc.place, kind: loc.kind });
          const n = words(k).length;
          if (n > longest) longest = n;
          if (n === 1 && k.length >= 5 && (kind === 'town' || kind === 'place') && !GENERIC.has(k)) {
            this.fuzzy.push({ word: k, entry: { place: loc.place, kind: loc.kind } });
          }
          if (n > 1 && (kind === 'town' || kind === 'place')) this.multiWord.push({ words: words(k), entry: { place: loc.place, kind: loc.kind } });
        }
      }
    }
    this.longest = longest;
  }

  find(tokens: string[]): PlaceMatch | undefined {
    // A town outside the area ("Burton") is not a misspelt Derbyshire one ("Buxton").
    const outside = new Set<number>();
    for (let i = 0; i < tokens.length; i++) for (let n = 1; n <= 4 && i + n <= tokens.length; n++) if (this.outside.has(tokens.slice(i, i + n).join(' '))) for (let j = i; j < i + n; j++) outside.add(j);
    const exact = this.exactMatch(tokens);
    const slipped = this.multiWordMatch(tokens, outside);
    // "chapel en le firth": the misspelt full name beats the exact short alias inside it.
    if (exact && slipped) return slipped.end - slipped.start > exact.end - exact.start ? slipped : exact;
    if (exact || slipped) return exact ?? slipped;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      if (t.length < 5 || outside.has(i) || this.protectedWords.has(t) || isEnglishWord(t)) continue;
      let best: { d: number; entry: Entry; tied: boolean } | undefined;
      for (const { word, entry } of this.fuzzy) {
        if (word[0] !== t[0]) continue;
        const max = Math.min(allowedTypos(t.length), allowedTypos(word.length));
        if (max === 0) continue;
        const d = editDistance(t, word, max);
        if (d > max) continue;
        if (!best || d < best.d) best = { d, entry, tied: false };
        else if (d === best.d && entry.place !== best.entry.place) best.tied = true;
      }
      // Two Places equally close to a misspelling (Ripley, Risley): better to ask than guess.
      if (best && !best.tied) return { ...best.entry, start: i, end: i + 1 };
    }
    return this.splitMatch(tokens, outside);
  }

  /**
   * A one-word town heard or typed as two ("chester field", "bell per", "ilk stone" from voice to
   * text): the two words joined, exact or within the typos a word that long may carry.
   */
  private splitMatch(tokens: string[], outside: Set<number>): PlaceMatch | undefined {
    for (let i = 0; i + 1 < tokens.length; i++) {
      if (outside.has(i) || outside.has(i + 1)) continue;
      const joined = tokens[i] + tokens[i + 1];
      if (joined.length < 6 || /\d/.test(joined) || STOPWORDS.has(tokens[i]) || STOPWORDS.has(tokens[i + 1])) continue;
      const exact = this.exact.get(joined);
      if (exact) return { ...exact, start: i, end: i + 2 };
      let best: { d: number; entry: Entry; tied: boolean } | undefined;
      for (const { word, entry } of this.fuzzy) {
        if (word[0] !== joined[0] || word.length < 7) continue;
        // One slip only: two ordinary words joined are often two slips from some village.
        const max = 1;
        const d = editDistance(joined, word, max);
        if (d > max) continue;
        if (!best || d < best.d) best = { d, entry, tied: false };
        else if (d === best.d && entry.place !== best.entry.place) best.tied = true;
      }
      if (best && !best.tied) return { ...best.entry, start: i, end: i + 2 };
    }
    return undefined;
  }

  private exactMatch(tokens: string[]): PlaceMatch | undefined {
    for (let n = Math.min(this.longest, tokens.length); n >= 1; n--) {
      for (let i = 0; i + n <= tokens.length; i++) {
        const entry = this.exact.get(tokens.slice(i, i + n).join(' '));
        if (entry) return { ...entry, start: i, end: i + n };
      }
    }
    return undefined;
  }

  /**
   * Two- to four-word names with a slip after the first word ("long eton", "clay cros"): the
   * first word must be exact, so only a name it starts can match.
   */
  private multiWordMatch(tokens: string[], outside: Set<number>): PlaceMatch | undefined {
    let best: PlaceMatch | undefined;
    for (const { words: name, entry } of this.multiWord) {
      for (let i = 0; i + name.length <= tokens.length; i++) {
        if (tokens[i] !== name[0] || outside.has(i) || (best && best.end - best.start >= name.length)) continue;
        const typed = tokens.slice(i, i + name.length).join(' ');
        const wanted = name.join(' ');
        if (typed !== wanted && editDistance(typed, wanted, 2) <= Math.min(2, allowedTypos(wanted.length - name[0].length))) best = { ...entry, start: i, end: i + name.length };
      }
    }
    return best;
  }
}
