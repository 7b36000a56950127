import { normalise } from './text';

/**
 * Staff shorthand read as the words it stands for: handover notes say "DSH", "32 tabs", "hx",
 * "c/o", "T2DM", and the crisis net, the phrase matcher and the classifiers all learnt whole
 * words. The list lives in directory-data/understanding/shorthand.json, so a maintainer adds an
 * abbreviation without code. Only unambiguous ones belong there: "SH" is social history in one
 * note and self-harm in another, and "OD" is once daily on a prescription, so both are left as typed.
 */
export interface ShorthandEntry {
  /** As normalise() leaves it: lower case, punctuation gone ("c/o" is "c o"). */
  short: string;
  means: string;
}

export class Shorthand {
  /** First word of each abbreviation to the abbreviations that start with it, longest first. */
  private readonly byFirst = new Map<string, { words: string[]; means: string }[]>();

  constructor(entries: readonly ShorthandEntry[] = []) {
    for (const e of entries) {
      const ws = e.short.split(' ');
      const list = this.byFirst.get(ws[0]) ?? [];
      list.push({ words: ws, means: e.means });
      list.sort((a, b) => b.words.length - a.words.length);
      this.byFirst.set(ws[0], list);
    }
  }

  /** The words of a normalised text with each abbreviation replaced by what it means. */
  expandWords(ws: readonly string[]): string[] {
    if (!this.byFirst.size) return [...ws];
    const out: string[] = [];
    for (let i = 0; i < ws.length; i++) {
      const found = this.byFirst.get(ws[i])?.find((c) => c.words.every((w, k) => ws[i + k] === w));
      if (found) {
        out.push(...found.means.split(' '));
        i += found.words.length - 1;
      } else out.push(ws[i]);
    }
    return out;
  }

  /**
   * Training examples read the way messages are: normalised, shorthand spelt out ("pt c/o SOB"
   * is "patient complains of short of breath"), so an example and a message meet on the same words.
   */
  readExamples<T extends { text: string }>(examples: readonly T[]): T[] {
    return examples.map((e) => ({ ...e, text: this.expand(normalise(e.text)) }));
  }

  /** A normalised text (single spaces, lower case) with its abbreviations spelt out. */
  expand(normalised: string): string {
    return normalised ? this.expandWords(normalised.split(' ')).join(' ') : normalised;
  }
}
