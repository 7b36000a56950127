import type nlpType from 'compromise';
import { AGE_BANDS, type AgeBandId } from '../activity/vocabulary';
import { isEnglishWord } from '../search/dictionary';
import { allowedTypos, editDistance, readable } from '../search/text';
import { ageOn, monthOf, readBirthDate } from './birth-date';
import { ageBeforePension } from './pension-age';

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
  /**
   * Who a person word names, when the message says who it is about ("it's the lad I'd be
   * talking to"): 'person' for the one in front of staff, 'other' for someone else.
   */
  who?: 'person' | 'other';
  /** A number the word (or a run of number words) stands for. */
  n?: number;
  /** What follows the digits in one word: "s" (80s), "yo" (17yo), "f" (34f), "th" (80th). */
  suffix?: string;
}

const NUMBER_WORD = /^(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fourty|fifty|sixty|seventy|eighty|ninety|hundred)$/;
const NUMBER_WORDS = ['three', 'seven', 'eight', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety', 'hundred'];
const TENS = /^(?:twenty|thirty|forty|fourty|fifty|sixty|seventy|eighty|ninety)$/;
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
    .replace(/['\u2018\u2019\u02bc`]/g, '')
    // A dash between spaces is a pause ("Hilton surgery - grandad asking..."); a hyphen joins words.
    .replace(/\s[-\u2013\u2014]+\s/g, ' , ');
  const raw = (text.match(/\d+[a-z]*|[a-z]+|[,.;:!?()/+&-]/g) ?? []).flatMap((w) => {
    // "thirtysomething", "fortyish" are a number word and a hedge; "sevnty" is "seventy" mistyped.
    const joined = /^(twenty|thirty|forty|fourty|fifty|sixty|seventy|eighty|ninety)(something|odd|ish)$/.exec(w);
    if (joined) return [joined[1], joined[2]];
    return [NUMBER_WORD.test(w) ? w : spelledAs(w, NUMBER_WORDS) ?? w];
  });
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
      // "forty too year old", "eighty too,": "too" after a ten, before years or a pause, is "two" misheard.
      if (TENS.test(raw[j]) && raw[j + 1] === 'too' && (j + 2 >= raw.length || PUNCTUATION.has(raw[j + 2]) || isYearsWord(raw[j + 2]))) {
        run.push('two');
        j++;
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

/** Nouns for a parent: "mum of 2" counts children, where "lady of 80" gives an age. */
const PARENT_NOUNS = new Set(['mum', 'mam', 'mom', 'mother', 'mummy', 'dad', 'father', 'daddy', 'parent', 'nan', 'nana', 'nanna', 'gran', 'granny', 'grandma', 'grandmother', 'grandad', 'granddad', 'grandpa', 'grandfather']);
/** Words that may stand between the person and "is" in "the lady I'm with is 49". */
const SMALL_WORDS = new Set(['i', 'im', 'am', 'ive', 'id', 'we', 'were', 'weve', 'with', 'seeing', 'see', 'saw', 'got', 'have', 'had', 'today', 'here', 'now', 'sat', 'sitting', 'talking', 'to', 'that', 'who', 'the', 'this', 'in', 'front', 'of', 'me', 'on', 'my', 'our', 'list', 'visiting', 'at', 'desk', 'counter', 'next', 'first', 'new', 'a', 'an']);
const SEASONS = new Set(['spring', 'summer', 'autumn', 'winter', 'new', 'holidays', 'holiday', 'christmas', 'easter']);
const WEEKDAYS = new Set(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'mon', 'tues', 'wed', 'thurs', 'fri', 'sat', 'sun']);
const SPANS = new Set(['week', 'weeks', 'wk', 'wks', 'month', 'months', 'days', 'day', 'fortnight', 'year']);

/**
 * Whether the words from k say the age is a birthday to come: "65 next week", "17 next month",
 * "18 in the summer", "25 at Christmas", "70 on Friday" ('next': a year younger now), or "65
 * this year" ('this': that age or a year younger).
 */
function birthdayToCome(tokens: Token[], k: number): 'next' | 'this' | undefined {
  const w = at(tokens, k);
  const w1 = at(tokens, k + 1);
  const w2 = at(tokens, k + 2);
  if (w === 'next' && (SPANS.has(w1) || SEASONS.has(w1) || WEEKDAYS.has(w1) || monthOf(w1) !== undefined || ['birthday', 'bday', 'weekend', 'term', 'time'].includes(w1))) return 'next';
  if (w === 'in' && (monthOf(w1) !== undefined || (w1 === 'the' && (SEASONS.has(w2) || ['next', 'new'].includes(w2))) || (['a', 'an', 'two', 'three', 'few', 'couple'].includes(w1) || tokens[k + 1]?.n !== undefined) && (SPANS.has(w2) || ['few', 'couple', 'of'].includes(w2)))) {
    return 'next';
  }
  if (['at', 'by', 'for'].includes(w) && ['christmas', 'xmas', 'easter'].includes(w1)) return 'next';
  if (w === 'on' && (WEEKDAYS.has(w1) || w1 === 'the' && tokens[k + 2]?.n !== undefined)) return 'next';
  if (['tomorrow', 'soon', 'shortly'].includes(w)) return 'next';
  if (w === 'this' && (SPANS.has(w1) || SEASONS.has(w1) || WEEKDAYS.has(w1) || w1 === 'weekend')) return 'this';
  return undefined;
}

/** Family and friends: named after a verb or a preposition ("helps mum", "because dad drinks") they are someone else. */
const KIN = new Set([
  'son', 'sons', 'daughter', 'daughters', 'grandson', 'granddaughter', 'grandchild', 'grandchildren', 'grandkids', 'grandkid', 'husband', 'wife', 'partner', 'missus', 'hubby',
  'boyfriend', 'girlfriend', 'fiance', 'fiancee', 'mum', 'mam', 'mom', 'mother', 'dad', 'father', 'parents', 'brother', 'sister', 'sibling', 'nan', 'nana', 'nanna', 'gran',
  'granny', 'grandma', 'grandmother', 'grandad', 'granddad', 'grandpa', 'grandfather', 'aunt', 'auntie', 'aunty', 'uncle', 'nephew', 'niece', 'cousin', 'stepson', 'stepdaughter',
  'stepdad', 'stepmum', 'friend', 'neighbour', 'neighbor', 'flatmate', 'mummy', 'daddy',
]);
/** Prepositions, conjunctions and verbs after which a family word is someone else: "lives with nan", "told mum", "because dad drinks". */
const BEFORE_SOMEONE_ELSE = new Set([
  'with', 'for', 'after', 'about', 'to', 'from', 'by', 'of', 'at', 'on', 'than', 'like', 'without', 'behind', 'near', 'because', 'cos', 'coz', 'or', 'but', 'since', 'while',
  'whilst', 'told', 'lost', 'saw', 'met', 'brought', 'took', 'left', 'got', 'had', 'has', 'have', 'see', 'help', 'call', 'ring', 'phone', 'tell', 'ask', 'visit', 'miss', 'mind',
  'love', 'nurse', 'bathe', 'feed', 'dress', 'support', 'drive', 'take', 'their', 'whose', 'until', 'till', 'if', 'when', 'so',
]);
/** Words after which a family word describes the person ("a young mum", "new dad", "80 year old nan", "Daughter came in"). */
const PERSON_LEAD = new Set([
  'a', 'an', 'the', 'this', 'that', 'one', 'new', 'young', 'single', 'first', 'time', 'expectant', 'older', 'elderly', 'old', 'teenage', 'working', 'busy', 'tired', 'lone',
  'grieving', 'great', 'is', 'as', 'im', 'shes', 'hes', 'home', 'proud', 'lovely', 'second', 'worried', 'exhausted', 'stressed', 'anxious', 'struggling', 'frail', 'retired',
  'widowed', 'step', 'foster', 'adoptive', 'yo', 'teen', 'sole', 'full', 'yr', 'yrs', 'year', 'years', 'aged', 'something', 'odd', 'ish', 'pregnant',
  'breastfeeding', 'expecting', 'adult', 'carer', 'disabled',
]);

/** Whether the word at i is someone the person talks about ("her son", "his wife", "helps mum"), not the person. */
function isRelativeMention(tokens: Token[], i: number): boolean {
  if (tokens[i]?.who) return tokens[i].who === 'other';
  if (!RELATIVES.has(at(tokens, i))) return false;
  for (let k = i - 1; k >= Math.max(0, i - 3); k--) {
    if (isPunct(tokens[k])) break;
    if (POSSESSIVES.has(at(tokens, k)) || at(tokens, k) === 'the' && at(tokens, k - 1) === 'with') return true;
  }
  // "helps mum with her meds", "because dad drinks", "lives with nan": a family word after a verb or a preposition.
  if (KIN.has(at(tokens, i)) && i > 0 && !isPunct(tokens[i - 1]) && !PERSON_LEAD.has(at(tokens, i - 1)) && tokens[i - 1].n === undefined) {
    const prev = at(tokens, i - 1);
    // "lives with mum and dad": both someone else; "inhaler's run out and mum can't get...": a new clause, about mum.
    if (prev === 'and') return KIN.has(at(tokens, i - 2)) && isRelativeMention(tokens, i - 2);
    return BEFORE_SOMEONE_ELSE.has(prev) || (prev.length > 3 && /(?:ing|ed|s)$/.test(prev));
  }
  return false;
}

/** "has MS", "with MS": the illness, not the title. */
function isIllnessMs(tokens: Token[], i: number): boolean {
  return at(tokens, i) === 'ms' && (['has', 'have', 'had', 'with', 'of', 'for', 'from', 'got', 'and', 'the', 'her', 'his', 'their', 'severe', 'advanced', 'progressive', 'relapsing'].includes(at(tokens, i - 1)) || ['nurse', 'society', 'diagnosis', 'flare', 'symptoms', 'relapse'].includes(at(tokens, i + 1)));
}

const GENERIC_YOUNG: Record<string, Sex | null> = { lad: 'male', boy: 'male', lass: 'female', girl: 'female', kid: null, child: null, teenager: null, teen: null, youngster: null };
const CHILD_KIN: Record<string, Sex> = { son: 'male', grandson: 'male', stepson: 'male', nephew: 'male', daughter: 'female', granddaughter: 'female', stepdaughter: 'female', niece: 'female' };
const TALKERS = new Set(['i', 'im', 'id', 'ive', 'we', 'were', 'weve', 'who', 'that', 'you', 'youd', 'youre', 'shes', 'hes', 'she', 'he', 'needs', 'wants', 'is']);
const COMPANION_VERBS = new Set(['dropped', 'brought', 'drove', 'accompanied', 'fetched', 'wheeled', 'pushed', 'helped', 'walked', 'escorted']);

/**
 * Who the message is about, when it says so: "it's the lad I'd be talking to", "it's the
 * daughter I'm worried about" (the one named is the person; everyone else is someone they
 * talk about), or "grandson (19) dropped her off" (the one named brought the person in).
 * Marks the person words; the sex it settles, if any.
 */
function markWhoItIsAbout(tokens: Token[]): Sex | undefined {
  for (let i = 0; i < tokens.length; i++) {
    // "it's the lad I...", "it is the daughter who...", "it's really the son I'm worried about".
    if ((at(tokens, i) === 'its' || (at(tokens, i) === 'it' && at(tokens, i + 1) === 'is')) && tokens.length > i + 3) {
      let k = at(tokens, i) === 'its' ? i + 1 : i + 2;
      if (['really', 'actually', 'more', 'mainly'].includes(at(tokens, k))) k++;
      if (!['the', 'her', 'his', 'their'].includes(at(tokens, k))) continue;
      const noun = at(tokens, k + 1);
      if (PERSON_NOUNS[noun] === undefined || !TALKERS.has(at(tokens, k + 2))) continue;
      const sex = PERSON_NOUNS[noun] ?? undefined;
      const same = (w: string) => w === noun || (noun in GENERIC_YOUNG && CHILD_KIN[w] !== undefined && (GENERIC_YOUNG[noun] === null || GENERIC_YOUNG[noun] === CHILD_KIN[w]));
      for (let j = 0; j < tokens.length; j++) if (PERSON_NOUNS[tokens[j].w] !== undefined && !['m', 'f'].includes(tokens[j].w)) tokens[j].who = same(tokens[j].w) ? 'person' : 'other';
      return sex;
    }
    // "Mrs S mainly doing the talking", "the husband is the one who wants a chat": one of a couple.
    const talking = at(tokens, i) === 'doing' && at(tokens, i + 1) === 'the' && at(tokens, i + 2) === 'talking';
    const theOne = at(tokens, i) === 'is' && at(tokens, i + 1) === 'the' && at(tokens, i + 2) === 'one';
    if (talking || theOne) {
      let k = i - 1;
      while (k > i - 4 && k > 0 && ['mainly', 'mostly', 'is', 'was', 'who', 'actually', 'really'].includes(at(tokens, k))) k--;
      // A title and a name: "Mrs S", "Mr Patel".
      if (PERSON_NOUNS[at(tokens, k)] === undefined && ['mr', 'mrs', 'ms', 'miss'].includes(at(tokens, k - 1))) k--;
      const noun = at(tokens, k);
      const sex = PERSON_NOUNS[noun];
      if (sex && !['m', 'f'].includes(noun)) {
        for (let j = 0; j < tokens.length; j++) {
          const other = PERSON_NOUNS[tokens[j].w];
          if (other !== undefined && other !== null && !['m', 'f'].includes(tokens[j].w)) tokens[j].who = other === sex ? 'person' : 'other';
        }
        return sex;
      }
    }
    // "grandson (19) dropped her off", "her son brought him in": the one named came with the person.
    if (COMPANION_VERBS.has(at(tokens, i)) && ['her', 'him'].includes(at(tokens, i + 1)) && ['off', 'in', 'here', 'along', 'round', 'over', 'down', 'up', 'to', 'today', ''].includes(at(tokens, i + 2)) || (at(tokens, i) === 'came' && at(tokens, i + 1) === 'in' && at(tokens, i + 2) === 'with' && ['her', 'him'].includes(at(tokens, i + 3)))) {
      for (let k = i - 1; k >= Math.max(0, i - 5); k--) {
        if (PERSON_NOUNS[at(tokens, k)] === undefined || !KIN.has(at(tokens, k))) continue;
        tokens[k].who = 'other';
        return at(tokens, at(tokens, i) === 'came' ? i + 3 : i + 1) === 'her' ? 'female' : 'male';
      }
    }
  }
  return undefined;
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
    // "she's 65 next week", "17 next month", "18 in the summer": the age they are about to be.
    const toCome = birthdayToCome(tokens, i + 1);
    if (toCome === 'next' && !over && !under) return { range: { min: n - 1, max: n - 1 }, exact: n - 1 };
    if (toCome === 'this' && !over && !under) return { range: { min: n - 1, max: n } };
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
    // "collecting 90 year old dad's prescription": the relative after the age is the one it is
    // about, unless the age opens the description ("a 31-year-old mum of two", "80 year old mum").
    const after = tokens.slice(i + 1, i + 5).map((x) => x.w);
    const oldAt = after.indexOf('old');
    const following = oldAt >= 0 ? i + 1 + oldAt + 1 : -1;
    return following >= 0 && isRelativeMention(tokens, following) && !['boy', 'girl', 'lad', 'lass', 'fella', 'bloke', 'teenager', 'teen'].includes(at(tokens, following));
  };

  // "thirty-something woman", "sixty odd bloke", "dad, forty-odd": a decade, said of the person after it or before it.
  if (['something', 'odd', 'summat'].includes(next) && n % 10 === 0 && n >= 20 && !suffix) {
    const noun = i + 2;
    if ((PERSON_NOUNS[at(tokens, noun)] !== undefined && !['m', 'f'].includes(at(tokens, noun)) && !isRelativeMention(tokens, noun)) || (PERSON_NOUNS[prev] !== undefined && !isRelativeMention(tokens, prevIndex)) || ['shes', 'hes', 'is', 'whos'].includes(prev)) {
      return { range: { min: n, max: n + 9 } };
    }
  }
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
  // "M/56", "F/82", "client is F/23", "56/M": a sex and an age written as one.
  const compactSex = (k: number) => ['m', 'f'].includes(at(tokens, k)) && (k === 0 || isPunct(tokens[k - 1]) || ['is', 'was', 'aged', 'pt', 'patient', 'client'].includes(at(tokens, k - 1)));
  if (n >= 12 && at(tokens, i - 1) === '/' && compactSex(i - 2)) {
    (reading as { sexFromNoun?: Sex }).sexFromNoun ??= at(tokens, i - 2) === 'f' ? 'female' : 'male';
    return make();
  }
  if (n >= 12 && next === '/' && ['m', 'f'].includes(next2) && (i === 0 || isPunct(tokens[i - 1])) && (i + 3 >= tokens.length || isPunct(tokens[i + 3]) || !tokens[i + 3].n)) {
    (reading as { sexFromNoun?: Sex }).sexFromNoun ??= next2 === 'f' ? 'female' : 'male';
    return make();
  }
  if (UNITS.has(next) && next !== 'over') return undefined;
  // "coming up 70", "he's coming up to 70": the year before.
  const comingAt = at(tokens, i - 1) === 'to' ? i - 3 : i - 2;
  if (at(tokens, comingAt) === 'coming' && at(tokens, comingAt + 1) === 'up' && n >= 12 && !COUNTED.has(next)) {
    const k = comingAt - 1;
    if (k < 0 || isPunct(tokens[k]) || (PERSON_NOUNS[at(tokens, k)] !== undefined && !isRelativeMention(tokens, k)) || ['shes', 'hes', 'is', 'she', 'he', 'whos', 'who', 'and', 'thats', 'now'].includes(at(tokens, k))) {
      return { range: { min: n - 1, max: n - 1 }, estimate: true };
    }
  }
  // "a lad of about 20", "lady of 80": an age after "of", but "mum of 2" counts children.
  if (at(tokens, prevIndex) === 'of' && n >= 12 && !COUNTED.has(next)) {
    const k = at(tokens, prevIndex - 1) === 'age' ? prevIndex - 2 : prevIndex - 1;
    const noun = at(tokens, k);
    if (PERSON_NOUNS[noun] !== undefined && !PARENT_NOUNS.has(noun) && !isRelativeMention(tokens, k)) return make();
  }
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
      // "lives with his dad who is 80": the age of the one named before "who".
      if (['who', 'whos'].includes(prev) && isRelativeMention(tokens, before(tokens, prevIndex, (x) => x.w === ','))) return undefined;
      return make();
    }
    // "the lady I'm with is 49", "the person on my list today is 42": the person, a few small words, "is".
    if (['is', 'was'].includes(at(tokens, i - 1)) && n >= 12 && !COUNTED.has(next)) {
      for (let k = i - 2; k >= Math.max(0, i - 8); k--) {
        if (isPunct(tokens[k])) break;
        if (PERSON_NOUNS[at(tokens, k)] !== undefined && !['m', 'f'].includes(at(tokens, k))) {
          if (!isRelativeMention(tokens, k)) return make();
          break;
        }
        if (!SMALL_WORDS.has(at(tokens, k))) break;
      }
    }
    // "Mr Jones (84)", "Mrs B, 79": a title and a name before the number.
    if (['mr', 'mrs', 'ms', 'miss', 'dr'].includes(at(tokens, prevIndex - 1)) && n >= 12) return make();
  }
  // "smoking, 17", "17, vaping": a number standing alone between commas is the person's age.
  const alone = (k: number) => k < 0 || k >= tokens.length || [',', '.', ';', '(', ')', '!', '?'].includes(at(tokens, k));
  if (at(tokens, i - 1) === ',' && (isRelativeMention(tokens, i - 2) || RELATIVES.has(at(tokens, i - 2)))) return undefined;
  if (at(tokens, i - 1) === '(' && isRelativeMention(tokens, i - 2)) return undefined;
  // "nearly 70 and lonely", "just turned 40, ...": a hedged number opening a clause is an age.
  if (['nearly', 'almost'].includes(at(tokens, i - 1)) && (i === 1 || isPunct(tokens[i - 2])) && n >= 12 && n <= 105 && (alone(i + 1) || next === 'and') && !COUNTED.has(next2)) return make();
  const lead = APPROXIMATE.has(at(tokens, i - 1)) || ['nearly', 'almost', 'just'].includes(at(tokens, i - 1)) ? i - 2 : i - 1;
  if (alone(lead) && alone(i + 1) && n >= 10 && n <= 105 && tokens.length > 1 && (at(tokens, lead) === ',' || at(tokens, i + 1) === ',' || at(tokens, lead) === '(')) return make();
  if (alone(i - 1) && alone(i + 1) && n >= 10 && n <= 105 && tokens.length > 1 && (at(tokens, i - 1) === ',' || at(tokens, i + 1) === ',' || at(tokens, i - 1) === '(')) return make();
  return undefined;
}

/** Whether the nearest person named before word i in its clause is someone else ("her son is in year 9", "her mum, DOB 1940"). */
function ownerIsRelative(tokens: Token[], i: number): boolean {
  for (let k = i - 1; k >= Math.max(0, i - 6); k--) {
    if (isPunct(tokens[k]) && tokens[k].w !== '(' && tokens[k].w !== ':') return false;
    if (['baby', 'babies', 'twins'].includes(at(tokens, k))) return true;
    if ((PERSON_NOUNS[at(tokens, k)] !== undefined && !['m', 'f'].includes(at(tokens, k))) || RELATIVES.has(at(tokens, k))) return isRelativeMention(tokens, k);
  }
  return false;
}

const RETIREMENT = new Set(['retirement', 'retiring', 'retire', 'retires', 'pension', 'pensionable']);
const COUNTS: Record<string, number> = { a: 1, an: 1, one: 1, couple: 2, few: 3 };

/**
 * Ages read from dates and from events: a date of birth ("DOB 12/03/1952", "born in '61"), a
 * school year ("in year 11": year N is age N+4 to N+5 in England), how far off retirement
 * ("a year off retirement": the State Pension age), how long married ("married 50 years").
 * Returns the indices of the words a date took, so they are not read again as ages.
 */
function datedAges(tokens: Token[], reading: Reading, today: Date): Set<number> {
  const used = new Set<number>();
  for (let i = 0; i < tokens.length; i++) {
    const w = at(tokens, i);
    // Date of birth: "DOB", "d.o.b.", "date of birth", "born (in|on)".
    let start = -1;
    let yearMayBeShort = true;
    if (w === 'dob' || w === 'dofb') start = i + 1;
    else if (w === 'd' && at(tokens, i + 1) === '.' && at(tokens, i + 2) === 'o' && at(tokens, i + 3) === '.' && at(tokens, i + 4) === 'b') start = at(tokens, i + 5) === '.' ? i + 6 : i + 5;
    else if (w === 'date' && at(tokens, i + 1) === 'of' && at(tokens, i + 2) === 'birth') start = i + 3;
    else if (w === 'born') {
      start = ['in', 'on'].includes(at(tokens, i + 1)) ? i + 2 : i + 1;
      yearMayBeShort = at(tokens, i + 1) === 'in';
    }
    if (start >= 0) {
      while ([':', 'is', 'was', '-', 'of'].includes(at(tokens, start))) start++;
      const birth = readBirthDate(tokens, start, today);
      const short = birth && birth.end === start && /^\d{2}$/.test(at(tokens, start));
      if (birth && !(short && (!yearMayBeShort || UNITS.has(at(tokens, start + 1)))) && !ownerIsRelative(tokens, i)) {
        const age = ageOn(birth, today);
        if (age) reading.ranges.push({ ...age, weight: age.exact !== undefined ? 3 : 2 });
        for (let k = start; k <= birth.end; k++) used.add(k);
      }
      continue;
    }
    // School year: "girl in year 11", "yr 9 pupil", "year 13"; not "year 2 of her degree", "2 year old", "year 2020".
    if (['year', 'yr'].includes(w) && tokens[i + 1]?.n !== undefined && !tokens[i + 1].suffix) {
      const n = tokens[i + 1].n!;
      const after = at(tokens, i + 2);
      if (n >= 1 && n <= 13 && tokens[i - 1]?.n === undefined && !['old', 'olds', 'of', 'yo', 'and', 'to', '-'].includes(after) && !UNITS.has(after) && !ownerIsRelative(tokens, i)) {
        reading.ranges.push({ range: { min: n + 4, max: n + 5 }, weight: 2 });
        used.add(i + 1);
      }
      continue;
    }
    // "a year off retirement", "two years from retiring", "a couple of years away from his pension", "months off retirement".
    if (RETIREMENT.has(w) && !ownerIsRelative(tokens, i)) {
      // "about to retire", "close to retirement", "nearing retirement".
      if ((['about', 'close', 'near', 'nearly'].includes(at(tokens, i - 2)) && at(tokens, i - 1) === 'to') || ['nearing', 'approaching'].includes(at(tokens, i - 1))) {
        pushRetirement(reading, 0.5, today);
        continue;
      }
      let k = i - 1;
      if (['his', 'her', 'their', 'the', 'state'].includes(at(tokens, k))) k--;
      if (at(tokens, k) === 'state') k--;
      if (['off', 'from', 'to', 'until', 'till', 'before'].includes(at(tokens, k))) {
        k--;
        if (['away', 'left'].includes(at(tokens, k))) k--;
        const span = at(tokens, k);
        let years: number | undefined;
        if (['months', 'month', 'weeks'].includes(span)) years = 0.5;
        else if (['year', 'years', 'yr', 'yrs'].includes(span)) {
          const count = at(tokens, k - 1) === 'of' ? at(tokens, k - 2) : at(tokens, k - 1);
          years = tokens[k - 1]?.n ?? COUNTS[count] ?? (span.startsWith('year') && span.endsWith('s') ? undefined : 1);
        }
        if (years !== undefined && years <= 15) pushRetirement(reading, years, today);
        continue;
      }
      // "retiring next year", "retires in 2 years", "due to retire this year".
      if (['retiring', 'retire', 'retires'].includes(w)) {
        const when = at(tokens, i + 1) === 'in' && tokens[i + 2]?.n !== undefined && ['years', 'year'].includes(at(tokens, i + 3)) ? tokens[i + 2].n! : at(tokens, i + 1) === 'next' && at(tokens, i + 2) === 'year' ? 1 : at(tokens, i + 1) === 'this' && at(tokens, i + 2) === 'year' ? 0.5 : undefined;
        if (when !== undefined && when <= 15) pushRetirement(reading, when, today);
      }
      continue;
    }
    // "married 50 years", "together 40 years": a grown-up for that long.
    if (['married', 'together', 'wed'].includes(w) && !ownerIsRelative(tokens, i)) {
      const k = at(tokens, i + 1) === 'for' ? i + 2 : i + 1;
      if (tokens[k]?.n !== undefined && tokens[k].n! >= 10 && tokens[k].n! <= 80 && isYearsWord(at(tokens, k + 1))) {
        reading.ranges.push({ range: { min: tokens[k].n! + 18, max: MAX_AGE }, weight: 1 });
        used.add(k);
      }
    }
  }
  return used;
}

const GRANDCHILDREN = new Set(['grandson', 'granddaughter', 'grandchild', 'grandkid']);

/**
 * A grandparent is at least two generations older than a grandchild whose age is given
 * ("grandson (19) dropped her off"): at least 32 years more, if each generation
 * was 16 or more. A bound, not an age: any age the message states wins.
 */
function kinAges(tokens: Token[], reading: Reading): void {
  for (let i = 0; i < tokens.length; i++) {
    // Only a grandchild who came with the person ("grandson (19) dropped her off"): one named as "her grandson (12) is vaping" may be the one staff are asked about.
    if (!GRANDCHILDREN.has(at(tokens, i)) || tokens[i].who !== 'other') continue;
    let age: number | undefined;
    if (['(', ','].includes(at(tokens, i + 1)) && tokens[i + 2]?.n !== undefined && !tokens[i + 2].suffix) age = tokens[i + 2].n;
    else if (at(tokens, i - 1) === 'old' && isYearsWord(at(tokens, i - 2)) && tokens[i - 3]?.n !== undefined) age = tokens[i - 3].n;
    else if (tokens[i - 1]?.n !== undefined && ['yo', 'y', 'yr', 'yrs'].includes(tokens[i - 1].suffix ?? '')) age = tokens[i - 1].n;
    if (age !== undefined && age >= 1 && age <= 70) reading.ranges.push({ range: { min: age + 32, max: MAX_AGE }, weight: 0.5 });
  }
}

function pushRetirement(reading: Reading, years: number, today: Date): void {
  const age = ageBeforePension(years, today);
  reading.ranges.push({ range: { min: Math.floor(age - 0.5), max: Math.floor(age + 0.5) }, estimate: true, weight: 2 });
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
  const inWord = at(tokens, k) === 'in' || at(tokens, k) === 'into';
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
  [/^(?:schoolboy|schoolgirl|school kid|school child|pupil|secondary school)$/, { min: 11, max: 16 }],
  [/^(?:primary school|primary school (?:age|aged|kid|child|boy|girl))$/, { min: 4, max: 11 }],
  [/^(?:youngster|youngsters|little (?:un|lad|lass|boy|girl))$/, { min: 4, max: 17 }],
  [/^(?:doing (?:her|his|their) gcses|gcse student|sitting (?:her|his|their) gcses)$/, { min: 15, max: 16 }],
  [/^(?:uni student|university student|undergrad|undergraduate|fresher|student)$/, { min: 18, max: 24 }],
  [/^(?:mature student)$/, { min: 25, max: 64 }],
  [/^(?:young (?:mum|mam|mom|mother|dad|father|parent|carer))$/, { min: 16, max: 24 }],
  [/^(?:young (?:lad|lass|girl|boy|un))$/, { min: 12, max: 24 }],
  [/^(?:young (?:man|woman|lady|bloke|fella|guy|person|adult|chap))$/, { min: 16, max: 29 }],
  // The decade words of Latin: a septuagenarian is in their seventies.
  [/^(?:sexagenarian)$/, { min: 60, max: 69 }],
  [/^(?:septuagenarian)$/, { min: 70, max: 79 }],
  [/^(?:octogenarian)$/, { min: 80, max: 89 }],
  [/^(?:nonagenarian)$/, { min: 90, max: 99 }],
  [/^(?:centenarian)$/, { min: 100, max: MAX_AGE }],
];
const AGE_WORD_LEXICON = ['octogenarian', 'nonagenarian', 'septuagenarian', 'centenarian', 'youngster', 'pensioner', 'pensioners', 'teenager', 'teenagers', 'retired', 'elderly', 'grandmother', 'grandfather', 'grandad', 'granddad', 'student', 'adolescent', 'middleaged'];

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
      if (RELATIVES.has(lead) || ['teenager', 'teen', 'teens', 'student', 'little', 'youngster', 'youngsters'].includes(lead)) {
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
    // "22 weeks gone", "she's 30 weeks", "36 weeks pregnant"; not "3 weeks gone by".
    const weeksGone = ['gone', 'along'].includes(words[i + 2] ?? '') && !['by', 'since', 'past', 'without'].includes(words[i + 3] ?? '') && tokens[i].n! <= 42 && !aboutRelative(words, i);
    if (tokens[i].n !== undefined && ['weeks', 'wks', 'wk', 'week'].includes(next) && (words[i + 2] === 'pregnant' || weeksGone || (prev === 'shes' || prev === 'is') && !aboutRelative(words, i))) {
      if (words[i + 2] !== 'pregnant' && !['shes', 'is'].includes(prev) && !weeksGone) continue;
      if (words[i + 2] === 'pregnant' || ['gone', 'along'].includes(words[i + 2] ?? '')) {
        stages.add('pregnant');
        femaleUnlessRelative(i);
      }
      continue;
    }
    // "due in March", "she's got a bump", "Due next month with her second"; not "rent due in March", "a bump on her head".
    const dueDate = w === 'due' && (i === 0 || PUNCTUATION.has(prev) || ['shes', 'baby', 'babys', 'bump', 'and', 'im', 'theyre', 'also', 'now', 'first', 'second'].includes(prev) || (prev === 'is' && ['she', 'baby'].includes(words[i - 2] ?? '')))
      && (birthdayToCome(tokens, i + 1) === 'next' || next === 'date' || (next === 'any' && words[i + 2] === 'day'));
    const bump = w === 'bump' && ['a', 'baby', 'her', 'the', 'small', 'little', 'big', 'growing', 'with'].includes(prev) && (next === '' || PUNCTUATION.has(next) || ['and', 'now', 'showing', 'due'].includes(next));
    if (((dueDate || bump) && !aboutRelative(words, i) && !negated(words, i)) || (w === 'baby' && ['on', 'due'].includes(next) && !aboutRelative(words, i)) || w === 'trimester' || (w === 'with' && next === 'child')) {
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
      if (['elderly', 'disabled', 'sick', 'poorly', 'ill', 'frail', 'older', 'two', 'both', 'severely', 'terminally', 'bedbound', 'bedridden', 'younger', 'little', 'baby', 'big', 'twin', 'three'].includes(words[k])) k++;
      const object = words[k] ?? '';
      const objectAt = words[start] ?? '';
      if (NOT_CARED_FOR.has(objectAt) || NOT_CARED_FOR.has(object)) continue;
      if (!CARED_FOR.has(object) && !CARED_FOR.has(objectAt) && !(object.endsWith('s') && RELATIVES.has(object.replace(/s$/, '')))) continue;
      // "her carer cares for her" describes a paid carer, already skipped; "the nurse cares for him" likewise.
      if (['nurse', 'nurses', 'staff', 'carers', 'carer', 'team', 'they', 'who'].includes(prev) && prev !== 'who') continue;
      stages.add('carer');
      continue;
    }
    // "exhausted from caring", "worn out with caring", "sick of caring".
    if ((w === 'caring' && ['responsibilities', 'role', 'duties'].includes(next)) || (w === 'caring' && ['from', 'of', 'with'].includes(prev) && !aboutRelative(words, i)) || (w === 'full' && next === 'time' && ['carer', 'caring'].includes(words[i + 2] ?? ''))) {
      stages.add('carer');
    }
  }
}

function sexOf(tokens: Token[], reading: Reading): void {
  const focus = markWhoItIsAbout(tokens);
  if (focus) reading.sexFromNoun = focus;
  // The sexes of the relatives named so far in this sentence: "helps mum with her meds": "her" is mum.
  const relativesNamed = new Set<Sex>();
  for (let i = 0; i < tokens.length; i++) {
    const w = tokens[i].w;
    if (['.', '!', '?', ';'].includes(w)) relativesNamed.clear();
    const noun = PERSON_NOUNS[w];
    if (noun && w !== 'm' && w !== 'f' && !isIllnessMs(tokens, i)) {
      // "her son", "his wife" name someone else; "mum of two" or "a dad" is the person.
      if (!isRelativeMention(tokens, i)) reading.sexFromNoun ??= noun;
      else relativesNamed.add(noun);
    }
    // "she'll be 18" reads as "shell be 18".
    const pronoun = PRONOUNS[w] ?? ((w === 'shell' || w === 'hell') && at(tokens, i + 1) === 'be' ? (w === 'shell' ? 'female' : 'male') : undefined);
    if (pronoun && !relativesNamed.has(pronoun)) reading.sexFromPronoun ??= pronoun;
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
export function describePerson(message: string, options: { today?: Date } = {}): Person | null {
  if (typeof message !== 'string' || !message.trim()) return null;
  const today = options.today ?? new Date();
  const tokens = tokenise(message);
  const reading: Reading = { ranges: [], stages: new Set() };
  sexOf(tokens, reading);
  const dated = datedAges(tokens, reading, today);
  for (let i = 0; i < tokens.length; i++) {
    if (dated.has(i)) continue;
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
  kinAges(tokens, reading);
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
