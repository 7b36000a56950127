/**
 * What in a piece of text could identify a patient: one detector, used both to mask staff
 * report comments before they are stored and to decide when the chat shows its privacy
 * reminder, so the two can never disagree.
 *
 * Text is normalised with NFKC first, so full-width digits become ASCII digits and a
 * non-breaking space an ordinary one; separators between digits may be spaces, dots or hyphens.
 */
export type IdentifierKind = 'nhs-number' | 'date-of-birth' | 'phone' | 'email' | 'postcode' | 'name' | 'address';

export const MASKS: Record<IdentifierKind, string> = {
  'nhs-number': '[NHS number removed]',
  'date-of-birth': '[date removed]',
  phone: '[phone number removed]',
  email: '[email removed]',
  postcode: '[postcode removed]',
  name: '[name removed]',
  address: '[address removed]',
};

/** A valid NHS number: ten digits whose last is the modulus 11 check digit of the first nine. */
export function isNhsNumber(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  const sum = [...digits.slice(0, 9)].reduce((acc, d, i) => acc + Number(d) * (10 - i), 0);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === Number(digits[9]);
}

const SEP = '[ .\\-]?';
const MONTHS = 'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
const STREET = 'road|rd|street|st|avenue|ave|lane|ln|close|drive|way|crescent|court|place|grove|terrace|gardens|walk|hill|view|row|square|mews|rise';

/** In order of precedence: an NHS number is not also taken for a phone number. */
const PATTERNS: [IdentifierKind, RegExp, ((m: string) => boolean)?][] = [
  ['email', /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g],
  ['nhs-number', new RegExp(`(?<![\\d])\\d(?:${SEP}\\d){9}(?![\\d])`, 'g'), (m) => isNhsNumber(m.replace(/\D/g, ''))],
  ['phone', new RegExp(`(?<![\\d+])(?:\\+44${SEP}\\(?0?\\)?|\\(?0)\\d{2,4}\\)?(?:${SEP}\\d){6,8}(?![\\d])`, 'g'), (m) => { const d = m.replace(/\D/g, '').replace(/^44/, '0'); return d.length >= 10 && d.length <= 11; }],
  ['date-of-birth', new RegExp(`\\b(?:\\d{1,2}[/.\\-]\\d{1,2}[/.\\-](?:\\d{4}|\\d{2})|\\d{4}-\\d{2}-\\d{2}|\\d{1,2}(?:st|nd|rd|th)?\\s+(?:${MONTHS})\\s+\\d{4})\\b`, 'gi')],
  ['postcode', /\b(?:[A-Z]{1,2}\d[A-Z\d]?|GIR)\s*\d[A-Z]{2}\b/gi],
  ['address', new RegExp(`\\b\\d{1,4}[a-z]?,?\\s+(?:[a-z'-]+\\s+){1,3}(?:${STREET})\\b`, 'gi')],
  ['name', /\b(?:mr|mrs|ms|miss|mx|dr|prof)\b\.?\s+(?:[a-z]\.?\s+){0,2}[a-z][a-z'-]+/gi],
];

export interface Found {
  kind: IdentifierKind;
  start: number;
  end: number;
}

/** Every identifier in the (normalised) text, earliest first, none overlapping. */
export function findIdentifiers(text: string): { normalised: string; found: Found[] } {
  const normalised = text.normalize('NFKC');
  const found: Found[] = [];
  const taken = (s: number, e: number) => found.some((f) => s < f.end && e > f.start);
  for (const [kind, pattern, accept] of PATTERNS) {
    for (const m of normalised.matchAll(pattern)) {
      const start = m.index!;
      const end = start + m[0].length;
      if ((accept && !accept(m[0])) || taken(start, end)) continue;
      found.push({ kind, start, end });
    }
  }
  return { normalised, found: found.sort((a, b) => a.start - b.start) };
}

/** The text with every identifier replaced by a note of what was removed. */
export function maskIdentifiers(text: string): string {
  const { normalised, found } = findIdentifiers(text);
  let out = '';
  let at = 0;
  for (const f of found) {
    out += normalised.slice(at, f.start) + MASKS[f.kind];
    at = f.end;
  }
  return out + normalised.slice(at);
}

export function looksIdentifying(text: string): boolean {
  return findIdentifiers(text).found.length > 0;
}

/** Two capitalised words together ("John Smith"): a name, perhaps, but only with something else. */
const CAPITALISED_NAME = /\b[A-Z][a-z]+\s[A-Z][a-z]+\b/;

/**
 * Whether a chat message may identify a patient, for a gentle reminder (never to refuse an
 * answer): any identifier but a postcode on its own, which is how staff ask about an area.
 */
export function mightIdentifyPatient(text: string): boolean {
  const { normalised, found } = findIdentifiers(text);
  if (found.some((f) => f.kind !== 'postcode')) return true;
  return found.length > 0 && CAPITALISED_NAME.test(normalised);
}
