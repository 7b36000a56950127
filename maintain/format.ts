import { isDeepStrictEqual } from 'node:util';
import { CONTACT_FIELDS, serviceSchema, sourceSchema } from '../directory/schema';

/** The key order of a service file, taken from the schema so the two cannot drift apart. */
export const SERVICE_KEYS = Object.keys(serviceSchema.shape) as (keyof typeof serviceSchema.shape)[];
export const SOURCE_KEYS = Object.keys(sourceSchema.shape) as (keyof typeof sourceSchema.shape)[];

type Json = Record<string, unknown>;

function ordered(value: Json, keys: readonly string[]): Json {
  const out: Json = {};
  for (const k of keys) if (value[k] !== undefined) out[k] = value[k];
  // Unknown keys are kept (after the known ones) so that validation can name them.
  for (const k of Object.keys(value)) if (!keys.includes(k) && value[k] !== undefined) out[k] = value[k];
  return out;
}

/** A service with its keys (and its contact's and sources' keys) in the standard order. */
export function orderService(service: Json): Json {
  const out = ordered(service, SERVICE_KEYS);
  if (out.contact && typeof out.contact === 'object' && !Array.isArray(out.contact)) out.contact = ordered(out.contact as Json, CONTACT_FIELDS);
  if (Array.isArray(out.sources)) {
    out.sources = out.sources.map((s) => (s && typeof s === 'object' && !Array.isArray(s) ? ordered(s as Json, SOURCE_KEYS) : s));
  }
  return out;
}

/** A service file's text exactly as the directory keeps it: 2-space JSON and a final newline. */
export function serialiseService(service: Json): string {
  return `${JSON.stringify(orderService(service), null, 2)}\n`;
}

/** The fields that differ between two versions of a service (`contact.phone` rather than `contact`). */
export function changedFields(before: Json, after: Json): string[] {
  const fields: string[] = [];
  const keys = [...new Set([...SERVICE_KEYS, ...Object.keys(before), ...Object.keys(after)])];
  for (const k of keys) {
    if (isDeepStrictEqual(before[k], after[k])) continue;
    const b = before[k];
    const a = after[k];
    if (k === 'contact' && isPlainObject(b) && isPlainObject(a)) {
      for (const c of [...new Set([...CONTACT_FIELDS, ...Object.keys(b), ...Object.keys(a)])]) {
        if (!isDeepStrictEqual(b[c], a[c])) fields.push(`contact.${c}`);
      }
    } else {
      fields.push(k);
    }
  }
  return fields;
}

export function isPlainObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
