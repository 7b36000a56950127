import type nlpType from 'compromise';
import { AGE_BANDS, type AgeBandId } from '../activity/vocabulary';
import { isEnglishWord } from '../search/dictionary';
import { allowedTypos, editDistance, readable } from '../search/text';

/**
 * Who is in front of the member of staff, as far as a message says: an age (exact, or a range
 * from "in her 80s" or "pensioner"), sex, and a life stage. Read from the message alone, by a
 * small grammar over its words: a bare number is an age only with a person beside it ("lady,
 * 82", "aged 34", "17 yo"), never on its own ("room 75", "75 mg", "dose 2 of 3").
 */
export type Sex = 'male' | 'female';
export type LifeStage = 'pregnant' | 'new-parent' | 'carer' | 'young-carer';
export const LIFE_STAGES: readonly LifeStage[] = ['pregnant', 'new-parent', 'carer', 'young-carer'];

export interface AgeRange {
  min: number;
  max: number;
}

export interface Person {
  /** The age bands the person may be in: one when the age is clear, several when it is not ("in his 60s"). */
  ageBands: AgeBandId[];
  /** The age as a range of years, when anything about it was said. */
  ageRange?: AgeRange;
  /** An exact age, only when one was stated ("75 year old"), not estimated ("about 75", "in her 70s"). */
  age?: number;
  /** The age was a guess ("maybe 19", "60ish"): eligibility is then read with a margin either side. */
  estimated?: boolean;
  sex?: Sex;
  lifeStages: LifeStage[];
}

/** The ages of each band, as the activity records count them. */
export const BAND_AGES: Record<AgeBandId, AgeRange> = {
  'under-18': { min: 0, max: 17 },
  '18-24': { min: 18, max: 24 },
  '25-49': { min: 25, max: 49 },
  '50-64': { min: 50, max: 64 },
  '65-74': { min: 65, max: 74 },
  '75-plus': { min: 75, max: 120 },
};

export function bandsFor(range: AgeRange): AgeBandId[] {
  return (Object.keys(AGE_BANDS) as AgeBandId[]).filter((b) => BAND_AGES[b].min <= range.max && BAND_AGES[b].max >= range.min);
}

// ---------------------------------------------------------------------------------------------
// Words

interface Token {
  /** The word as typed (lower case, accents and apostrophes removed), or a punctuation mark. */
  w: string;
  /** A number the word (or a run of number words) stands for. */
  n?: number;
  /** What follows the digits in one word: "s" (80s), "yo" (17yo), "f" (34f), "th" (80th). */
  suffix?: string;
}

const NUMBER_WORD = /^(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fourty|fifty|sixty|seventy|eighty|ninety|hundred)$/;
const numberWords = new Map<string, number | undefined>();
/**
 * compromise is loaded the first time a number word is seen, not at start-up: it costs about
 * 36 MB of resident memory, and most messages have no number words.
 */
let nlp: typeof nlpType | undefined;

/** The value of a run of number words ("seventy five", "a hundred and one"), read by compromise. */
function numberOf(run: string): number | undefined {
  if (!numberWords.has(run)) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    nlp ??= require('compromise') as typeof nlpType;
    const [value] = nlp(run).numbers().get() as number[];
    if (numberWords.size < 10_000) numberWords.set(run, typeof value === 'number' && Number.isFinite(value) ? value : undefined);
  }
  return numberWords.get(run);
}

function tokenise(message: string): Token[] {
  const text = readable(message.slice(0, 4000))
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['\u2018\u2019\u02bc`]/g, '');
  const raw = text.match(/\d+[a-z]*|[a-z]+|[,.;:!?()/+&-]/g) ?? [];
  const out: Token[] = [];
  for (let i = 0; i < raw.length; i++) {
    const w = raw[i];
    const digits = /^(\d+)([a-z]*)$/.exec(w);
    if (digits) {
      out.push({ w, n: Number(digits[1]), suffix: digits[2] });
      continue;
    }
    if (NUMBER_WORD.test(w)) {
      // A run of number words, hyphens and "and" between them: "seventy-five", "a hundred and one".
      let j = i;
      const run = [w];
      while (j + 1 < raw.length && (NUMBER_WORD.test(raw[j + 1]) || ((raw[j + 1] === '-' || raw[j + 1] === 'and') && j + 2 < raw.length && NUMBER_WORD.test(raw[j + 2])))) {
        j++;
        if (NUMBER_WORD.test(raw[j])) run.push(raw[j]);
      }
      const n = numberOf(run.join(' '));
      if (n !== undefined) {
        out.push({ w: run.join(' '), n, suffix: '' });
        i = j;
        continue;
      }
    }
    // A hyphen only joins words ("75-year-old", "mid-twenties"): it is dropped.
    if (w !== '-') out.push({ w });
  }
  return out;
}

/** A typed word that is not an English word but is one slip away from one we know ("pregant", "pensoner"). */
function spelledAs(word: string, lexicon: readonly string[]): string | undefined {
  if (lexicon.includes(word)) return word;
  if (word.length < 5 || isEnglishWord(word)) return undefined;
  const max = allowedTypos(word.length);
  return lexicon.find((l) => Math.abs(l.length - word.length) <= max && editDistance(word, l, max) <= max);
}

const PUNCTUATION = new Set([',', '.', ';', ':', '!', '?', '(', ')', '/', '+', '&']);
const isPunct = (t: Token | undefined) => t !== undefined && PUNCTUATION.has(t.w);

const POSSESSIVES = new Set(['her', 'his', 'their', 'my', 'your', 'our', 'whose', 'pts', 'patients', 'clients', 'ladys', 'mans', 'gents', 'its']);
/** People someone in front of staff talks about: an age or a pregnancy next to them is theirs, not the person's. */
const RELATIVES = new Set([
  'son', 'sons', 'daughter', 'daughters', 'child', 'children', 'kid', 'kids', 'baby', 'babies', 'toddler', 'grandson', 'granddaughter', 'grandchild', 'grandchildren',
  'grandkids', 'grandkid', 'husband', 'wife', 'partner', 'missus', 'mrs', 'hubby', 'boyfriend', 'girlfriend', 'fiance', 'fiancee', 'mum', 'mam', 'mom', 'mother', 'dad', 'father',
  'parents', 'parent', 'brother', 'sister', 'sibling', 'nan', 'nana', 'nanna', 'gran', 'granny', 'grandma', 'grandmother', 'grandad', 'granddad', 'grandpa', 'grandfather',
  'aunt', 'auntie', 'aunty', 'uncle', 'nephew', 'niece', 'cousin', 'friend', 'neighbour', 'neighbor', 'twins', 'boy', 'girl', 'lad', 'lass', 'fella', 'bloke', 'stepson',
  'stepdaughter', 'stepdad', 'stepmum', 'relative', 'family', 'colleague', 'flatmate', 'carer', 'carers', 'infant', 'newborn', 'teenager', 'teen', 'niece',
]);
/** Words for the person themselves, with the sex they carry. */
const PERSON_NOUNS: Record<string, Sex | null> = {
  man: 'male', male: 'male', gent: 'male', gentleman: 'male', guy: 'male', bloke: 'male', chap: 'male', lad: 'male', boy: 'male', fella: 'male', fellow: 'male',
  mr: 'male', sir: 'male', widower: 'male', geezer: 'male', lads: 'male', gentlemen: 'male', men: 'male', dad: 'male', father: 'male', grandad: 'male', granddad: 'male',
  grandpa: 'male', grandfather: 'male', husband: 'male', son: 'male', brother: 'male', grandson: 'male', schoolboy: 'male', daddy: 'male', mister: 'male', m: 'male',
  woman: 'female', female: 'female', lady: 'female', girl: 'female', lass: 'female', lassie: 'female', mrs: 'female', ms: 'female', miss: 'female', madam: 'female',
  widow: 'female', women: 'female', ladies: 'female', mum: 'female', mam: 'female', mom: 'female', mother: 'female', mummy: 'female', nan: 'female', nana: 'female',
  nanna: 'female', gran: 'female', granny: 'female', grandma: 'female', grandmother: 'female', wife: 'female', daughter: 'female', sister: 'female',
  granddaughter: 'female', schoolgirl: 'female', f: 'female',
  person: null, patient: null, pt: null, client: null, customer: null, resident: null, individual: null, adult: null, teenager: null, teen: null, student: null,
  pensioner: null, oap: null, someone: null, citizen: null, service: null, user: null, carer: null, parent: null, kid: null, child: null, youngster: null,
};
const PRONOUNS: Record<string, Sex> = { he: 'male', him: 'male', his: 'male', himself: 'male', hes: 'male', she: 'female', her: 'female', hers: 'female', herself: 'female', shes: 'female' };

/** Words that make the number after a person a measure, not an age: "man 75 kg", "she is 30 weeks". */
const UNITS = new Set([
  'kg', 'kgs', 'kilos', 'stone', 'st', 'lb', 'lbs', 'pounds', 'mg', 'ml', 'mcg', 'g', 'units', 'unit', 'pints', 'pint', 'cigs', 'cigarettes', 'fags', 'a', 'per', 'times', 'x',
  'weeks', 'week', 'wks', 'wk', 'days', 'day', 'months', 'month', 'mths', 'hours', 'hrs', 'hour', 'minutes', 'mins', 'min', 'percent', 'pc', 'quid', 'ft', 'feet', 'foot',
  'cm', 'inches', 'miles', 'mile', 'mmol', 'mmhg', 'over', 'doses', 'dose', 'tablets', 'tabs', 'pills', 'bottles', 'cans', 'drinks', 'litres', 'bmi', 'bpm', 'of', 'out',
  'am', 'pm', 'oclock', 'pence', 'p', 'k', 'grand', 'th', 'year', 'years', 'yr', 'yrs', 'times', 'mins', 'secs', 'seconds', 'steps', 'points',
]);
/** Things counted after a number: "2 falls", "3 kids". */
const COUNTED = new Set(['falls', 'fall', 'kids', 'children', 'grandkids', 'grandchildren', 'times', 'cigs', 'fags', 'pints', 'drinks', 'cans', 'bottles', 'stone', 'stones', 'st', 'teeth', 'jabs', 'visits', 'appointments', 'weeks', 'months', 'days', 'hours', 'a', 'per']);
const HEDGES = new Set(['abt', 'bout', 'maybe', 'about', 'around', 'approx', 'approximately', 'roughly', 'possibly', 'probably', 'prob', 'like', 'only', 'just', 'nearly', 'almost', 'est', 'circa', 'c', 'perhaps', 'aged', 'age', 'is', 'over', 'under']);
const APPROXIMATE = new Set(['abt', 'bout', 'maybe', 'about', 'around', 'approx', 'approximately', 'roughly', 'possibly', 'probably', 'prob', 'like', 'perhaps', 'est', 'circa', 'c']);
const YEARS = ['year', 'years', 'yr', 'yrs', 'yrsold', 'yearold', 'yearsold', 'yo', 'yro', 'yrold'];
const DECADE_WORDS: Record<string, number> = { twenties: 20, thirties: 30, forties: 40, fourties: 40, fifties: 50, sixties: 60, seventies: 70, eighties: 80, nineties: 90, teens: 13 };
const MAX_AGE = 110;

// ---------------------------------------------------------------------------------------------
// Reading

interface Reading {
  ranges: { range: AgeRange; exact?: number; estimate?: boolean; weight: number }[];
  sexFromNoun?: Sex;
  sexFromStage?: Sex;
  sexFromPronoun?: Sex;
  stages: Set<LifeStage>;
}

const at = (tokens: Token[], i: number) => tokens[i]?.w ?? '';

/** Whether the word at i is someone the person talks about ("her son", "his wife"), not the person. */
function isRelativeMention(tokens: Token[], i: number): boolean {
  if (!RELATIVES.has(at(tokens, i))) return false;
  for (let k = i - 1; k >= Math.max(0, i - 3); k--) {
    if (isPunct(tokens[k])) return false;
    if (POSSESSIVES.has(at(tokens, k)) || at(tokens, k) === 'the' && at(tokens, k - 1) === 'with') return true;
  }
  return false;
}

/** The nearest word before i that is not a hedge, comma or "is". */
function before(tokens: Token[], i: number, skip: (t: Token) => boolean = (t) => HEDGES.has(t.w) || t.w === ',' || t.w === ':' || t.w === '('): number {
  let k = i - 1;
  while (k >= 0 && skip(tokens[k])) k--;
  return k;
}

function isYearsWord(w: string): boolean {
  return YEARS.includes(w) || spelledAs(w, ['years']) === 'years';
}

/** An age said as a number at i ("75 year old", "aged 34", "lady, 82", "17yo", "34F", "she's 82"), or undefined. */
function numberAge(tokens: Token[], i: number, reading: Reading): { range: AgeRange; exact?: number; estimate?: boolean } | undefined {
  const t = tokens[i];
  const n = t.n!;
  if (n < 1 || n > MAX_AGE) return undefined;
  const suffix = t.suffix ?? '';
  const prevIndex = before(tokens, i);
  const prev = at(tokens, prevIndex);
  const next = at(tokens, i + 1);
  const next2 = at(tokens, i + 2);
  const hedged = [at(tokens, i - 1), at(tokens, i - 2)].some((w) => APPROXIMATE.has(w));
  const nearly = ['nearly', 'almost'].includes(at(tokens, i - 1));
  const over = at(tokens, i - 1) === 'over' || next === '+' || next === 'plus' || suffix === 'plus';
  const under = at(tokens, i - 1) === 'under';
  const make = (): { range: AgeRange; exact?: number; estimate?: boolean } => {
    if (over) return { range: { min: at(tokens, i - 1) === 'over' ? n + 1 : n, max: MAX_AGE } };
    if (under) return { range: { min: 0, max: n - 1 } };
    if (nearly) return { range: { min: Math.max(0, n - 2), max: n - 1 } };
    // A guess ("maybe 19", "60ish") is kept as the age guessed, but never as an exact age.
    if (hedged || suffix === 'ish' || next === 'ish') return { range: { min: n, max: n }, estimate: true };
    if (['odd', 'something', 'summat', 'plus'].includes(next) && n % 10 === 0) return { range: { min: n, max: n + 9 } };
    return { range: { min: n, max: n }, exact: n };
  };
  // Someone else's age: "her 3 year old", "his 90 year old mum", "mum of a 2 year old".
  const someoneElses = () => {
    for (let k = i - 1; k >= Math.max(0, i - 3); k--) {
      if (isPunct(tokens[k])) break;
      if (POSSESSIVES.has(at(tokens, k))) return true;
    }
    if (['with', 'of', 'has', 'have', 'and'].includes(at(tokens, i - 1)) || (at(tokens, i - 1) === 'a' && ['with', 'of', 'has', 'have', 'and'].includes(at(tokens, i - 2)))) return true;
    const after = tokens.slice(i + 1, i + 5).map((x) => x.w);
    const oldAt = after.indexOf('old');
    const following = oldAt >= 0 ? after[oldAt + 1] : undefined;
    return following !== undefined && RELATIVES.has(following) && !['boy', 'girl', 'lad', 'lass', 'fella', 'bloke', 'teenager', 'teen'].includes(following);
  };

  // Digits and letters in one word: 17yo, 75yrs, 34f, 67m, 80th (birthday), 60ish.
  if (suffix) {
    if (YEARS.includes(suffix) || suffix === 'y') return someoneElses() ? undefined : make();
    if ((suffix === 'f' || suffix === 'm') && n >= 12 && (i === 0 || isPunct(tokens[i - 1]) || PERSON_NOUNS[at(tokens, i - 1)] !== undefined)) {
      (reading as { sexFromNoun?: Sex }).sexFromNoun ??= suffix === 'f' ? 'female' : 'male';
      return make();
    }
    if (['th', 'st', 'nd', 'rd'].includes(suffix) && ['birthday', 'bday', 'bd'].includes(next)) return someoneElses() || RELATIVES.has(at(tokens, i - 1).replace(/s$/, '')) ? undefined : make();
    if (suffix === 'ish' && PERSON_NOUNS[prev] !== undefined) return make();
    return undefined;
  }
  // "75 year old", "75 years of age", "75 y/o", "75 y o", "75 yo".
  if (isYearsWord(next) && (at(tokens, i + 2) === 'old' || at(tokens, i + 2) === 'young' || (at(tokens, i + 2) === 'of' && at(tokens, i + 3) === 'age') || prev === 'aged')) {
    return someoneElses() ? undefined : make();
  }
  if ((next === 'y' && (next2 === 'o' || (next2 === '/' && at(tokens, i + 3) === 'o'))) || next === 'yo') return someoneElses() ? undefined : make();
  // "lady abt 85 yrs", "gent 80 yrs, lives alone": years after a person's number, not "smoked 40 years".
  if (isYearsWord(next) && PERSON_NOUNS[prev] !== undefined && !isRelativeMention(tokens, prevIndex) && !['ago', 'since', 'later', 'before', 'after', 'smoking', 'clean', 'sober', 'married', 'now', 'in', 'on', 'of', 'back', 'with', 'without'].includes(next2)) {
    if (someoneElses()) return undefined;
    return make();
  }
  if (UNITS.has(next) && next !== 'over') return undefined;
  // "67 M", "34 female" at the start of a note or after a person word.
  if (['m', 'f', 'male', 'female'].includes(next) && n >= 12 && (prevIndex < 0 || isPunct(tokens[i - 1]) || PERSON_NOUNS[prev] !== undefined)) {
    (reading as { sexFromNoun?: Sex }).sexFromNoun ??= next.startsWith('f') ? 'female' : 'male';
    return make();
  }
  // "she'll be 18 in June": 17 now.
  if (prev === 'be' && ['shell', 'hell', 'will', 'll', 'theyll', 'gonna', 'going'].includes(at(tokens, prevIndex - 1)) && n >= 10 && !UNITS.has(next)) return { range: { min: n - 1, max: n - 1 }, exact: n - 1 };
  // "aged 34", "age: 34", "turned 65", "turning 18".
  if (['aged', 'age', 'ages', 'turned', 'turning', 'turns', 'turn'].includes(prev) || at(tokens, i - 1) === 'aged' || at(tokens, i - 2) === 'aged') {
    if (['turned', 'turning', 'turns', 'turn'].includes(prev) && ['into', 'out', 'up', 'down'].includes(next)) return undefined;
    // "turning 65 next month" is 64 now; "just turned 65" is 65.
    if (['turning', 'turns', 'turn'].includes(prev) && !over && !under) return { range: { min: n - 1, max: n - 1 }, exact: n - 1 };
    return make();
  }
  // "lady, 82", "man 75", "young lad, maybe 19", "Mr B (84)", "she's 82", "who is 17".
  if (prevIndex >= 0) {
    if (PERSON_NOUNS[prev] !== undefined && !isRelativeMention(tokens, prevIndex)) {
      if (prev === 'm' || prev === 'f') (reading as { sexFromNoun?: Sex }).sexFromNoun ??= prev === 'f' ? 'female' : 'male';
      // "the man in room 75" never reaches here: the word before the number is "room". "pensioner,
      // 2 falls this year" counts falls: an age beside a person word is a grown-up's or a teenager's.
      if (n < 12 || COUNTED.has(next)) return undefined;
      return make();
    }
    // "she's 82", "she is 82", "who is 17"; "she is 30 weeks" was a measure (UNITS, above).
    if (['she', 'he', 'who', 'shes', 'hes', 'whos', 'theyre', 'they'].includes(prev)) {
      if (n < 10 && !isYearsWord(next)) return undefined;
      return make();
    }
    // "Mr Jones (84)", "Mrs B, 79": a title and a name before the number.
    if (['mr', 'mrs', 'ms', 'miss', 'dr'].includes(at(tokens, prevIndex - 1)) && n >= 12) return make();
  }
  // "smoking, 17", "17, vaping": a number standing alone between commas is the person's age.
  const alone = (k: number) => k < 0 || k >= tokens.length || [',', '.', ';', '(', ')', '!', '?'].includes(at(tokens, k));
  if (at(tokens, i - 1) === ',' && (isRelativeMention(tokens, i - 2) || RELATIVES.has(at(tokens, i - 2)))) return undefined;
  const lead = APPROXIMATE.has(at(tokens, i - 1)) ? i - 2 : i - 1;
  if (alone(lead) && alone(i + 1) && n >= 10 && n <= 105 && tokens.length > 1 && (at(tokens, lead) === ',' || at(tokens, i + 1) === ',' || at(tokens, lead) === '(')) return make();
  if (alone(i - 1) && alone(i + 1) && n >= 10 && n <= 105 && tokens.length > 1 && (at(tokens, i - 1) === ',' || at(tokens, i + 1) === ',' || at(tokens, i - 1) === '(')) return make();
  return undefined;
}

/** A decade: "in her 80s", "late 60s", "mid-twenties", "man in his forties", "70s". */
function decadeAge(tokens: Token[], i: number): AgeRange | undefined {
  const t = tokens[i];
  let decade: number | undefined;
  if (t.n !== undefined && t.suffix === 's' && t.n % 10 === 0 && t.n >= 10 && t.n <= 100) decade = t.n;
  else if (DECADE_WORDS[t.w] !== undefined) decade = DECADE_WORDS[t.w];
  if (decade === undefined) return undefined;
  let k = i - 1;
  let part: 'early' | 'mid' | 'late' | undefined;
  if (['early', 'mid', 'late', 'middle'].includes(at(tokens, k))) {
    part = at(tokens, k) === 'middle' ? 'mid' : (at(tokens, k) as 'early' | 'mid' | 'late');
    k--;
  }
  const possessive = ['her', 'his', 'their', 'my', 'your'].includes(at(tokens, k));
  if (possessive) k--;
  const inWord = at(tokens, k) === 'in';
  const personBefore = PERSON_NOUNS[at(tokens, before(tokens, i, (x) => x.w === ',' || ['early', 'mid', 'late', 'middle', 'in', 'her', 'his', 'their'].includes(x.w)))] !== undefined;
  // "over 75s", "65s clinic" are groups of people, not one person's age.
  if (!part && !inWord && !personBefore) return undefined;
  if (['over', 'under'].includes(at(tokens, i - 1))) return undefined;
  // "her mum in her 80s": whose decade it is follows the nearest person named before "in".
  for (let j = k - 1; j >= Math.max(0, k - 4); j--) {
    if (isPunct(tokens[j])) break;
    if (isRelativeMention(tokens, j)) return undefined;
    if (PERSON_NOUNS[at(tokens, j)] !== undefined) break;
  }
  if (decade === 13) {
    if (part === 'early') return { min: 13, max: 14 };
    if (part === 'mid') return { min: 14, max: 16 };
    if (part === 'late') return { min: 17, max: 19 };
    return { min: 13, max: 19 };
  }
  if (part === 'early') return { min: decade, max: decade + 3 };
  if (part === 'mid') return { min: decade + 3, max: decade + 6 };
  if (part === 'late') return { min: decade + 7, max: decade + 9 };
  return { min: decade, max: decade + 9 };
}

/** Life-stage and age words: "pensioner", "teenager", "school leaver", "young mum", "elderly gent". */
const AGE_WORDS: [RegExp, AgeRange][] = [
  [/^(?:very (?:elderly|old|frail)|(?:really|extremely) (?:elderly|old)|great (?:gran|grandma|grandmother|grandad|grandfather|granny|nan|nana))$/, { min: 80, max: MAX_AGE }],
  [/^(?:pensioner|pensioners|oap|oaps|retired|retiree|retirees|senior citizen|elderly|elder|older (?:man|woman|lady|gent|gentleman|person|chap|bloke|fella|adult|patient|guy|lad|lass)|old (?:man|woman|lady|gent|gentleman|boy|girl|fella|chap|bloke|dear|timer|soul|boy)|on (?:a|her|his|the|their) (?:state )?pension|state pension|bus pass|nan|nana|nanna|gran|granny|grandma|grandmother|grandad|granddad|grandpa|grandfather|grandparent|great grandparent)$/, { min: 65, max: MAX_AGE }],
  [/^(?:middle aged|middleaged|middle age)$/, { min: 40, max: 64 }],
  [/^(?:just retired|recently retired|newly retired|took early retirement|early retirement)$/, { min: 55, max: 67 }],
  [/^(?:at school|in school|still at school|school age|school aged)$/, { min: 5, max: 17 }],
  [/^(?:teenager|teenagers|teen|teens|teenage (?:boy|girl|lad|lass|son|daughter|mum|dad|mother|father|parent|carer)|adolescent)$/, { min: 13, max: 19 }],
  [/^(?:school leaver|sixth former|sixth form|sixth form student|college student|a level student|apprentice)$/, { min: 16, max: 18 }],
  [/^(?:schoolboy|schoolgirl|school kid|school child|pupil|primary school|secondary school|year (?:[7-9]|1[01])|yr (?:[7-9]|1[01])|y(?:[7-9]|1[01]))$/, { min: 11, max: 16 }],
  [/^(?:uni student|university student|undergrad|undergraduate|fresher|student)$/, { min: 18, max: 24 }],
  [/^(?:mature student)$/, { min: 25, max: 64 }],
  [/^(?:young (?:mum|mam|mom|mother|dad|father|parent|carer))$/, { min: 16, max: 24 }],
  [/^(?:young (?:man|woman|lad|lass|lady|girl|boy|bloke|fella|guy|person|adult|chap|un))$/, { min: 16, max: 29 }],
];
const AGE_WORD_LEXICON = ['pensioner', 'pensioners', 'teenager', 'teenagers', 'retired', 'elderly', 'grandmother', 'grandfather', 'grandad', 'granddad', 'student', 'adolescent', 'middleaged'];

function wordAges(tokens: Token[]): AgeRange[] {
  const words = tokens.map((t) => (t.n !== undefined ? t.w : spelledAs(t.w, AGE_WORD_LEXICON) ?? t.w));
  const found: AgeRange[] = [];
  for (let i = 0; i < words.length; i++) {
    for (const len of [3, 2, 1]) {
      if (i + len > words.length) continue;
      const phrase = words.slice(i, i + len).join(' ');
      const hit = AGE_WORDS.find(([re]) => re.test(phrase));
      if (!hit) continue;
      // "her nan", "his grandad", "my gran": a relative, not the person; "not retired"; "retired nurse" stays.
      const lead = words[i];
      if (RELATIVES.has(lead) || ['teenager', 'teen', 'teens', 'student'].includes(lead)) {
        let relative = false;
        for (let k = i - 1; k >= Math.max(0, i - 3); k--) {
          if (PUNCTUATION.has(words[k])) break;
          if (POSSESSIVES.has(words[k]) || (words[k] === 'the' && words[k - 1] === 'with')) relative = true;
        }
        if (relative) break;
      }
      if (['not', 'never', 'isnt', 'hasnt'].includes(words[i - 1])) break;
      // "teens" is a decade only with "in her"/"late" (decadeAge); alone it is a word like "teenager".
      if (lead === 'teens' && ['in', 'early', 'mid', 'late', 'her', 'his', 'their'].includes(words[i - 1])) break;
      // "year 9" must be a school year, not "year 2020" or "2 year old".
      if (/^(?:year|yr) /.test(phrase) && (words[i + 2] === 'old' || tokens[i - 1]?.n !== undefined)) break;
      found.push(hit[1]);
      i += len - 1;
      break;
    }
  }
  return found;
}

const NEGATIONS = new Set(['not', 'isnt', 'no', 'never', 'nt', 'wasnt', 'arent', 'aint']);

function negated(words: string[], i: number): boolean {
  for (let k = i - 1; k >= Math.max(0, i - 3); k--) {
    if (PUNCTUATION.has(words[k])) return false;
    if (NEGATIONS.has(words[k]) || ['trying', 'try', 'planning', 'wants', 'want', 'hoping', 'after', 'previous', 'lost', 'ended'].includes(words[k])) return true;
  }
  return false;
}

/** Whether someone named just before the word at i ("his partner is pregnant") is the one it is about. */
function aboutRelative(words: string[], i: number): boolean {
  for (let k = i - 1; k >= Math.max(0, i - 4); k--) {
    if (PUNCTUATION.has(words[k])) return false;
    const base = words[k].replace(/s$/, '');
    // "his partner is pregnant", "her daughter's expecting": a relative named with a possessive.
    if (RELATIVES.has(words[k]) && k > 0 && (POSSESSIVES.has(words[k - 1]) || POSSESSIVES.has(words[k - 2] ?? ''))) return true;
    if (words[k].endsWith('s') && !RELATIVES.has(words[k]) && RELATIVES.has(base) && base.length > 2 && !['lad', 'girl', 'boy', 'teen'].includes(base)) return true;
  }
  return false;
}

const CARED_FOR = new Set([
  ...RELATIVES, 'someone', 'somebody', 'disabled', 'ill', 'poorly', 'sick', 'elderly', 'frail', 'husband', 'wife', 'her', 'him', 'them', 'mum', 'dad', 'mam', 'mother', 'father', 'partner',
  'older', 'adult', 'relatives', 'parents', 'in', 'full',
]);
const NOT_CARED_FOR = new Set(['herself', 'himself', 'themselves', 'yourself', 'myself', 'kids', 'children', 'grandkids', 'grandchildren', 'baby', 'babies', 'dog', 'dogs', 'cat', 'cats', 'house', 'home', 'garden', 'pets', 'pet', 'toddler', 'child', 'kid', 'grandson', 'granddaughter', 'grandchild', 'horses', 'chickens', 'business', 'shop', 'plants', 'money', 'accounts', 'it', 'that', 'this', 'things', 'everything', 'a', 'an', 'the', 'cup']);

function lifeStages(tokens: Token[], reading: Reading): void {
  const words = tokens.map((t) => (t.n !== undefined ? t.w : spelledAs(t.w, ['pregnant', 'pregnancy', 'expecting', 'newborn', 'postnatal', 'breastfeeding', 'antenatal']) ?? t.w));
  const stages = reading.stages;
  const femaleUnlessRelative = (i: number) => {
    if (!aboutRelative(words, i)) reading.sexFromStage ??= 'female';
  };
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const next = words[i + 1] ?? '';
    const prev = words[i - 1] ?? '';
    // Pregnant: "pregnant", "expecting" (a baby, or nothing after), "mum to be", "30 weeks", "bump".
    if (['pregnant', 'preggers', 'preggo', 'preggy', 'expectant', 'antenatal'].includes(w) || (w === 'ante' && next === 'natal') || (w === 'pregnancy' && !['test', 'tests', 'scare', 'loss'].includes(next))) {
      if (negated(words, i)) continue;
      if (aboutRelative(words, i) && w !== 'antenatal') {
        if (reading.sexFromNoun === 'male' || reading.sexFromPronoun === 'male') stages.add('new-parent');
        continue;
      }
      stages.add('pregnant');
      femaleUnlessRelative(i);
      continue;
    }
    if (w === 'expecting' && (next === '' || PUNCTUATION.has(next) || ['a', 'baby', 'her', 'their', 'twins', 'again', 'first', 'second', 'third', 'number', 'in', 'and', 'but', 'so', 'due', 'with'].includes(next))) {
      if (next === 'a' && !['baby', 'child', 'little'].includes(words[i + 2] ?? '')) continue;
      if (next === 'her' && !['first', 'second', 'third', 'baby', 'fourth', 'next'].includes(words[i + 2] ?? '')) continue;
      if (negated(words, i)) continue;
      if (aboutRelative(words, i) || reading.sexFromNoun === 'male' || reading.sexFromPronoun === 'male') {
        stages.add(reading.sexFromNoun === 'female' ? 'pregnant' : 'new-parent');
        continue;
      }
      stages.add('pregnant');
      femaleUnlessRelative(i);
      continue;
    }
    if (['mum', 'mam', 'mom', 'mother', 'mummy'].includes(w) && next === 'to' && words[i + 2] === 'be') {
      stages.add('pregnant');
      reading.sexFromStage ??= 'female';
      continue;
    }
    if (['dad', 'father', 'daddy'].includes(w) && next === 'to' && words[i + 2] === 'be') {
      stages.add('new-parent');
      reading.sexFromStage ??= 'male';
      continue;
    }
    if (tokens[i].n !== undefined && ['weeks', 'wks', 'wk', 'week'].includes(next) && (words[i + 2] === 'pregnant' || words[i + 2] === 'gone' || (prev === 'shes' || prev === 'is') && !aboutRelative(words, i))) {
      if (words[i + 2] !== 'pregnant' && !['shes', 'is'].includes(prev)) continue;
      if (words[i + 2] === 'pregnant' || ['gone', 'along'].includes(words[i + 2] ?? '')) {
        stages.add('pregnant');
        femaleUnlessRelative(i);
      }
      continue;
    }
    if ((w === 'baby' && ['on', 'due'].includes(next) && !aboutRelative(words, i)) || w === 'trimester' || (w === 'with' && next === 'child')) {
      stages.add('pregnant');
      femaleUnlessRelative(i);
      continue;
    }
    // New parent: "new mum", "just had a baby", "newborn", "postnatal", "breastfeeding", "young mum".
    if ((w === 'new' || w === 'first' && next === 'time') && ['mum', 'mam', 'mom', 'mother', 'mummy', 'dad', 'father', 'daddy', 'parent', 'parents', 'mums', 'dads'].includes(w === 'first' ? words[i + 2] ?? '' : next)) {
      const noun = w === 'first' ? words[i + 2] : next;
      if (isRelativeMention(tokens, w === 'first' ? i + 2 : i + 1) && POSSESSIVES.has(prev)) continue;
      stages.add('new-parent');
      if (/^(?:mum|mam|mom|mother|mummy|mums)$/.test(noun)) reading.sexFromStage ??= 'female';
      if (/^(?:dad|father|daddy|dads)$/.test(noun)) reading.sexFromStage ??= 'male';
      continue;
    }
    if (['newborn', 'postnatal', 'postpartum', 'breastfeeding', 'breastfeeds', 'breastfed'].includes(w) || (w === 'post' && ['natal', 'partum', 'birth'].includes(next)) || (w === 'breast' && ['feeding', 'feeds'].includes(next))
      || (['maternity', 'paternity'].includes(w) && next === 'leave') || (w === 'new' && next === 'baby') || (w === 'had' && (next === 'a' || next === 'her' || next === 'their' || next === 'the') && words[i + 2] === 'baby')
      || (w === 'had' && next === 'baby') || (w === 'gave' && next === 'birth')) {
      if (negated(words, i)) continue;
      if (aboutRelative(words, i) && !['had', 'new', 'newborn'].includes(w)) continue;
      stages.add('new-parent');
      if (['breastfeeding', 'breastfeeds', 'breastfed', 'postnatal', 'postpartum', 'maternity'].includes(w) || w === 'breast' || w === 'gave') reading.sexFromStage ??= 'female';
      if (w === 'paternity') reading.sexFromStage ??= 'male';
      continue;
    }
    // "mum with a 4 month old", "baby is 10 months", "new mum, first baby, 6 wks": a baby under two.
    const babyAge = tokens[i].n !== undefined && ['week', 'weeks', 'wk', 'wks', 'month', 'months', 'mth', 'mths', 'mo', 'day', 'days'].includes(next);
    if (babyAge && (words[i + 2] === 'old' || ['baby', 'babys', 'bubs'].includes(words[i - 1] ?? '') || ['baby', 'babys'].includes(words[i - 2] ?? '') && ['is', 's', 'now', 'only', 'just'].includes(words[i - 1] ?? '') || stages.has('new-parent'))
      && (tokens[i].n! <= (next.startsWith('m') ? 24 : 104)) && !['pregnant', 'gone', 'along', 'ago', 'since'].includes(words[i + 2] ?? '')) {
      let relative = false;
      for (let k = i - 1; k >= Math.max(0, i - 3); k--) {
        if (PUNCTUATION.has(words[k])) break;
        if (POSSESSIVES.has(words[k]) && !['her', 'his', 'their'].includes(words[k])) relative = true;
      }
      if (!relative) stages.add('new-parent');
      continue;
    }
    // Carer: "carer", "cares for her husband", "looks after his mum", "young carer"; not "her carer", "carers come in".
    if (['carer', 'carers', 'caregiver'].includes(w)) {
      const lead = words.slice(Math.max(0, i - 3), i);
      const paid = ['works', 'working', 'job', 'paid', 'agency', 'professional', 'care', 'home', 'support', 'worker', 'nurse', 'employed'].some((x) => lead.includes(x) || next === x);
      const hasOne = ['has', 'have', 'had', 'the', 'their', 'her', 'his', 'my', 'your', 'our', 'no', 'with', 'from', 'pts', 'and', 'by'].includes(prev) || ['come', 'comes', 'came', 'visit', 'visits', 'go', 'in', 'call', 'calls', 'do', 'does', 'said', 'say', 'help', 'helps', 'are', 'were', 'put', 'left', 'forgot'].includes(next);
      // "her husband's carer" is a carer; "her carer" is someone who cares for her.
      const forRelative = prev.endsWith('s') && RELATIVES.has(prev.replace(/s$/, ''));
      if (paid || (hasOne && !forRelative && !(prev === 'young' || next === 'allowance' || next === 'for' || next === 'to'))) continue;
      if (negated(words, i) && !forRelative) continue;
      stages.add(prev === 'young' ? 'young-carer' : 'carer');
      continue;
    }
    if ((['cares', 'caring', 'care', 'cared'].includes(w) && next === 'for') || (['looks', 'looking', 'look', 'looked'].includes(w) && next === 'after') || (['takes', 'taking', 'take', 'took'].includes(w) && next === 'care' && words[i + 2] === 'of')) {
      const start = w.startsWith('tak') || w === 'took' ? i + 3 : i + 2;
      let k = start;
      if (POSSESSIVES.has(words[k]) || ['her', 'his', 'their', 'an', 'a', 'the', 'elderly', 'disabled', 'sick', 'poorly', 'ill', 'frail', 'older', 'both'].includes(words[k])) k++;
      if (['elderly', 'disabled', 'sick', 'poorly', 'ill', 'frail', 'older', 'two', 'both', 'severely', 'terminally', 'bedbound', 'bedridden'].includes(words[k])) k++;
      const object = words[k] ?? '';
      const objectAt = words[start] ?? '';
      if (NOT_CARED_FOR.has(objectAt) || NOT_CARED_FOR.has(object)) continue;
      if (!CARED_FOR.has(object) && !CARED_FOR.has(objectAt) && !(object.endsWith('s') && RELATIVES.has(object.replace(/s$/, '')))) continue;
      // "her carer cares for her" describes a paid carer, already skipped; "the nurse cares for him" likewise.
      if (['nurse', 'nurses', 'staff', 'carers', 'carer', 'team', 'they', 'who'].includes(prev) && prev !== 'who') continue;
      stages.add('carer');
      continue;
    }
    if ((w === 'caring' && ['responsibilities', 'role', 'duties'].includes(next)) || (w === 'full' && next === 'time' && ['carer', 'caring'].includes(words[i + 2] ?? ''))) {
      stages.add('carer');
    }
  }
}

function sexOf(tokens: Token[], reading: Reading): void {
  for (let i = 0; i < tokens.length; i++) {
    const w = tokens[i].w;
    const noun = PERSON_NOUNS[w];
    if (noun && w !== 'm' && w !== 'f' && !isRelativeMention(tokens, i)) {
      // "her son", "his wife" name someone else; "mum of two" or "a dad" is the person.
      reading.sexFromNoun ??= noun;
    }
    // "she'll be 18" reads as "shell be 18".
    const pronoun = PRONOUNS[w] ?? ((w === 'shell' || w === 'hell') && at(tokens, i + 1) === 'be' ? (w === 'shell' ? 'female' : 'male') : undefined);
    if (pronoun) reading.sexFromPronoun ??= pronoun;
    if (reading.sexFromNoun && reading.sexFromPronoun) return;
  }
}

/** Intersects the ranges read, widest agreement first: "pensioner, 82" is 82; "teenager, 17" is 17. */
function combine(ranges: Reading['ranges']): { range?: AgeRange; exact?: number; estimate?: boolean } {
  if (!ranges.length) return {};
  const sorted = [...ranges].sort((a, b) => b.weight - a.weight);
  let range = sorted[0].range;
  let exact = sorted[0].exact;
  const estimate = sorted[0].estimate;
  for (const r of sorted.slice(1)) {
    const min = Math.max(range.min, r.range.min);
    const max = Math.min(range.max, r.range.max);
    if (min <= max) range = { min, max };
    if (exact === undefined && r.exact !== undefined && r.exact >= range.min && r.exact <= range.max) exact = r.exact;
  }
  return { range, exact, estimate };
}

/**
 * What a message says about the person in front of the member of staff, or null when it says
 * nothing about them. A sex alone ("he drinks a lot") is returned, but describes no cohort:
 * see `describesCohort`.
 */
export function describePerson(message: string): Person | null {
  if (typeof message !== 'string' || !message.trim()) return null;
  const tokens = tokenise(message);
  const reading: Reading = { ranges: [], stages: new Set() };
  sexOf(tokens, reading);
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i].n === undefined && DECADE_WORDS[tokens[i].w] === undefined) continue;
    const decade = decadeAge(tokens, i);
    if (decade) {
      reading.ranges.push({ range: decade, weight: 2 });
      continue;
    }
    if (tokens[i].n === undefined) continue;
    const age = numberAge(tokens, i, reading);
    if (age) reading.ranges.push({ ...age, weight: age.exact !== undefined ? 3 : 2 });
  }
  for (const range of wordAges(tokens)) reading.ranges.push({ range, weight: 1 });
  lifeStages(tokens, reading);
  const { range, exact, estimate } = combine(reading.ranges);
  const stages = reading.stages;
  // A carer under 18 is a young carer: the cohort and the services differ.
  if (stages.has('carer') && range && range.max < 18) {
    stages.delete('carer');
    stages.add('young-carer');
  }
  if (stages.has('young-carer')) stages.delete('carer');
  const sex = reading.sexFromNoun ?? reading.sexFromStage ?? reading.sexFromPronoun;
  if (!range && !stages.size && !sex) return null;
  return {
    ageBands: range ? bandsFor(range) : [],
    ...(range ? { ageRange: range } : {}),
    ...(exact !== undefined ? { age: exact } : {}),
    ...(estimate ? { estimated: true } : {}),
    ...(sex ? { sex } : {}),
    lifeStages: LIFE_STAGES.filter((s) => stages.has(s)),
  };
}

/** Whether a person reading is enough to answer with a cohort: an age or a life stage, not a sex alone. */
export function describesCohort(person: Person | null): person is Person {
  return person !== null && (person.ageBands.length > 0 || person.lifeStages.length > 0);
}

/**
 * Words that describe the person's age or life stage: taken out to see whether the rest of a
 * message names a topic. Only these: words that are also cues ("pension credit",
 * "breastfeeding", "baby clinic") stay, and so do the pronouns and nouns the topic
 * classifier reads sentences by.
 */
const PERSON_WORDS = new Set([
  ...Object.keys(DECADE_WORDS), ...YEARS, ...AGE_WORD_LEXICON, 'old', 'aged', 'age', 'young', 'older', 'elderly', 'elder', 'oap', 'oaps', 'retired', 'retiree', 'senior',
  'widow', 'widower', 'widowed', 'nan', 'nana', 'nanna', 'gran', 'granny', 'grandma', 'grandad', 'granddad', 'grandpa', 'grandparent', 'teen', 'teens', 'teenage', 'leaver',
  'pupil', 'fresher', 'undergrad', 'expecting', 'expectant', 'pregnant', 'preggers', 'carer', 'carers', 'yo', 'ish', 'turned', 'turning', 'birthday', 'bday',
]);

/**
 * The message with the words about the person taken out ("pensioner came in for his
 * prescription" becomes "came in for prescription"): whatever topic the rest names is a cue
 * the member of staff noticed, and it wins over the person.
 */
export function withoutPersonWords(message: string): string {
  return tokenise(message)
    .filter((t) => t.n === undefined && !PERSON_WORDS.has(t.w))
    .map((t) => t.w)
    .join(' ');
}
