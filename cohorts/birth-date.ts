import type { AgeRange } from './person';

/**
 * An age from a date of birth as staff write it in a note ("DOB 12/03/1952", "d.o.b. 3rd March
 * 1950", "born in '61", "DOB 1958"), on the day given. The clock is a parameter, never read
 * here, so that tests and evaluations are the same every day.
 */
export interface DateWord {
  /** The word as typed, lower case, apostrophes removed ("61" from "'61"). */
  w: string;
  /** The number the word is, if it is one. */
  n?: number;
  /** Letters after the digits ("rd" in "3rd"). */
  suffix?: string;
}

const MONTHS: Record<string, number> = {
  january: 1, jan: 1, february: 2, feb: 2, march: 3, mar: 3, april: 4, apr: 4, may: 5, june: 6, jun: 6, july: 7, jul: 7, august: 8, aug: 8,
  september: 9, sep: 9, sept: 9, october: 10, oct: 10, november: 11, nov: 11, december: 12, dec: 12,
};
const SEPARATORS = new Set(['/', '.', ':', ',']);
const ORDINALS = new Set(['', 'st', 'nd', 'rd', 'th']);

/** The month a word names ("march", "sept"), or undefined. */
export function monthOf(word: string): number | undefined {
  return MONTHS[word];
}

/** A four-digit year, or a two-digit one read as the most recent such year not after today ("'61" is 1961, "'05" is 2005). */
function yearOf(t: DateWord | undefined, today: Date): number | undefined {
  if (t?.n === undefined || t.suffix) return undefined;
  const thisYear = today.getFullYear();
  if (/^\d{4}$/.test(t.w)) return t.n >= thisYear - 120 && t.n <= thisYear ? t.n : undefined;
  if (/^\d{2}$/.test(t.w)) {
    const century = thisYear - (thisYear % 100);
    return century + t.n <= thisYear ? century + t.n : century - 100 + t.n;
  }
  return undefined;
}

interface BirthDate {
  year: number;
  month?: number;
  day?: number;
  /** The index of the last word of the date. */
  end: number;
}

/** Reads a date starting at word `i`: "12/03/1952", "12.03.52", "3rd March 1950", "March 1950", "1948", "61". */
export function readBirthDate(words: DateWord[], i: number, today: Date): BirthDate | undefined {
  const skipSeparator = (k: number) => (SEPARATORS.has(words[k]?.w ?? '') ? k + 1 : k);
  const first = words[i];
  if (!first) return undefined;
  // Day, month, year in figures (the UK order): "12/03/1952", "12.03.52", "12 03 1952".
  if (first.n !== undefined && !first.suffix && first.n >= 1 && first.n <= 31) {
    const m = skipSeparator(i + 1);
    const month = words[m];
    if (month?.n !== undefined && !month.suffix && month.n >= 1 && month.n <= 12) {
      const y = skipSeparator(m + 1);
      const year = yearOf(words[y], today);
      if (year !== undefined) return { year, month: month.n, day: first.n, end: y };
    }
  }
  // "12/03" with no year is no date of birth to count from (and not a year "12").
  if (first.n !== undefined && SEPARATORS.has(words[i + 1]?.w ?? '') && words[i + 2]?.n !== undefined) return undefined;
  // "3rd March 1950", "3 of March 1950", "March 1950".
  let k = i;
  let day: number | undefined;
  if (first.n !== undefined && ORDINALS.has(first.suffix ?? '') && first.n >= 1 && first.n <= 31 && MONTHS[words[i + 1]?.w === 'of' ? words[i + 2]?.w ?? '' : words[i + 1]?.w ?? ''] !== undefined) {
    day = first.n;
    k = words[i + 1].w === 'of' ? i + 2 : i + 1;
  }
  const month = MONTHS[words[k]?.w ?? ''];
  if (month !== undefined) {
    const y = skipSeparator(k + 1);
    const year = yearOf(words[y], today);
    if (year !== undefined && /^\d{4}$/.test(words[y].w)) return { year, month, ...(day ? { day } : {}), end: y };
    return undefined;
  }
  // A year alone: "born 1948", "born in '61".
  const year = yearOf(first, today);
  return year !== undefined ? { year, end: i } : undefined;
}

/**
 * The age on `today` of someone born on the date given: exact when the day is known (or the
 * month is not this one), else the two ages the person may be (born in 1948 is 77 or 78 in 2026).
 */
export function ageOn(birth: BirthDate, today: Date): { range: AgeRange; exact?: number } | undefined {
  const years = today.getFullYear() - birth.year;
  const month = today.getMonth() + 1;
  let range: AgeRange;
  if (birth.month === undefined || (birth.month === month && birth.day === undefined)) range = { min: years - 1, max: years };
  else if (birth.month < month || (birth.month === month && birth.day! <= today.getDate())) range = { min: years, max: years };
  else range = { min: years - 1, max: years - 1 };
  if (range.max < 0 || range.min > 120) return undefined;
  range = { min: Math.max(0, range.min), max: range.max };
  return range.min === range.max ? { range, exact: range.min } : { range };
}
