import { z } from 'zod';

export const REPORT_REASONS = {
  'wrong-phone': 'Wrong phone number',
  'wrong-website': 'Wrong website',
  closed: 'Service closed',
  'wrong-place': 'Not for this Place',
  other: 'Something else',
} as const;
export type ReportReason = keyof typeof REPORT_REASONS;

export const MAX_COMMENT = 500;

export const reportSchema = z.object({
  id: z.string(),
  serviceId: z.string(),
  reason: z.enum(Object.keys(REPORT_REASONS) as [ReportReason, ...ReportReason[]]),
  comment: z.string().max(MAX_COMMENT).optional(),
  createdAt: z.string(),
  reporter: z.string(),
  status: z.enum(['open', 'resolved']),
  resolvedAt: z.string().optional(),
  resolvedBy: z.string().optional(),
  note: z.string().optional(),
});
export type Report = z.infer<typeof reportSchema>;

/** A valid NHS number: ten digits whose last is the modulus 11 check digit of the first nine. */
export function isNhsNumber(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  const sum = [...digits.slice(0, 9)].reduce((acc, d, i) => acc + Number(d) * (10 - i), 0);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === Number(digits[9]);
}

const TEN_DIGITS = /\b\d{3}[ -]?\d{3}[ -]?\d{4}\b/g;
/** Full UK postcodes (outward and inward code), e.g. DE1 2AB, S40 1XY, DE221AB. */
const POSTCODE = /\b(?:[A-Z]{1,2}\d[A-Z\d]?|GIR)\s*\d[A-Z]{2}\b/gi;

/** True when text holds what looks like an NHS number or a full postcode. */
export function looksIdentifying(text: string): boolean {
  return [...text.matchAll(TEN_DIGITS)].some((m) => isNhsNumber(m[0].replace(/\D/g, ''))) || new RegExp(POSTCODE.source, 'i').test(text);
}

/**
 * Staff are asked not to type patient details, but some will: anything that looks like an
 * NHS number or a full postcode is masked before a comment is stored.
 */
export function maskIdentifiers(text: string): string {
  return text
    .replace(TEN_DIGITS, (m) => (isNhsNumber(m.replace(/\D/g, '')) ? '[NHS number removed]' : m))
    .replace(POSTCODE, '[postcode removed]');
}

/** A title and a name ("mrs smith"), or two capitalised words together ("John Smith"). */
const TITLED_NAME = /\b(?:mr|mrs|ms|miss|mx|dr)\.?\s+[a-z]{2,}/i;
const CAPITALISED_NAME = /\b[A-Z][a-z]+\s[A-Z][a-z]+\b/;

/**
 * Whether a chat message may identify a patient: an NHS number on its own, or a full
 * postcode together with a name. Used for a gentle reminder, never to refuse an answer.
 */
export function mightIdentifyPatient(text: string): boolean {
  const nhs = [...text.matchAll(TEN_DIGITS)].some((m) => isNhsNumber(m[0].replace(/\D/g, '')));
  const postcode = new RegExp(POSTCODE.source, 'i').test(text);
  return nhs || (postcode && (TITLED_NAME.test(text) || CAPITALISED_NAME.test(text)));
}
