import { isDeepStrictEqual } from 'node:util';
import { CONTACT_FIELDS } from '../directory/schema';
import { SERVICE_KEYS } from '../maintain/format';
import type { Json } from './records';

/** A field both sides changed, to different values: reported, never silently overwritten. */
export interface FieldConflict {
  field: string;
  base: unknown;
  ours: unknown;
  theirs: unknown;
}

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Objects whose members are fields of their own: a new phone and a new website are separate changes, as are a new Ask and a new Act. */
const SPLIT: Record<string, readonly string[]> = { contact: CONTACT_FIELDS, prompt: ['ask', 'assist', 'assistSource', 'act'] };

/** A record as fields: top-level keys, with `contact` and `prompt` split into `contact.phone`, `prompt.ask`... */
export function fieldsOf(record: Json | null | undefined): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [k, v] of Object.entries(record ?? {})) {
    if (v === undefined) continue;
    if (SPLIT[k] && isObj(v)) {
      for (const [c, cv] of Object.entries(v)) if (cv !== undefined) out.set(`${k}.${c}`, cv);
      out.set(k, {});
    } else {
      out.set(k, v);
    }
  }
  return out;
}

/** The inverse of fieldsOf, keys in the given order (then any others). */
export function recordFrom(fields: Map<string, unknown>, keyOrder: readonly string[] = SERVICE_KEYS): Json {
  const out: Json = {};
  const parts: Record<string, Json> = {};
  for (const [k, v] of fields) {
    if (v === undefined) continue;
    const dot = k.indexOf('.');
    const parent = dot > 0 ? k.slice(0, dot) : k;
    if (SPLIT[parent]) {
      parts[parent] ??= {};
      if (dot > 0) parts[parent][k.slice(dot + 1)] = v;
    } else out[k] = v;
  }
  for (const [parent, members] of Object.entries(parts)) {
    const order = [...SPLIT[parent], ...Object.keys(members)];
    out[parent] = Object.fromEntries(order.filter((c, i) => members[c] !== undefined && order.indexOf(c) === i).map((c) => [c, members[c]]));
  }
  const order = [...keyOrder, ...Object.keys(out)];
  return Object.fromEntries(order.filter((k, i) => out[k] !== undefined && order.indexOf(k) === i).map((k) => [k, out[k]]));
}

/** The fields that differ between two versions of a record, in fieldsOf's terms. */
export function changedFieldNames(before: Json | null | undefined, after: Json | null | undefined): string[] {
  const a = fieldsOf(before);
  const b = fieldsOf(after);
  return [...new Set([...a.keys(), ...b.keys()])].filter((k) => !SPLIT[k] && !isDeepStrictEqual(a.get(k), b.get(k)));
}

type Source = Json & { url?: unknown; checked?: unknown };

/** Both sides' sources: every address either side has, the later-checked entry where both have one. */
function mergeSources(ours: unknown, theirs: unknown): unknown {
  if (!Array.isArray(ours) || !Array.isArray(theirs)) return ours ?? theirs;
  const out: Source[] = [...(theirs as Source[])];
  for (const s of ours as Source[]) {
    const i = out.findIndex((t) => isObj(t) && isObj(s) && t.url === s.url);
    if (i < 0) out.push(s);
    else if (String(s.checked ?? '') > String(out[i].checked ?? '')) out[i] = s;
  }
  return out;
}

/**
 * Three-way merge of a record, field by field: what one side changed since `base` is kept
 * whatever the other did to other fields. Where both changed the same field differently, the
 * result keeps `ours` and the field is reported as a conflict. Sources are merged (each is a
 * fact with its own address), and `reviewed` takes the later date: neither is a conflict.
 */
export function mergeRecords(base: Json | null | undefined, ours: Json, theirs: Json | null | undefined): { merged: Json; conflicts: FieldConflict[] } {
  const b = fieldsOf(base);
  const o = fieldsOf(ours);
  const t = fieldsOf(theirs);
  const out = new Map<string, unknown>();
  const conflicts: FieldConflict[] = [];
  for (const field of new Set([...o.keys(), ...t.keys(), ...b.keys()])) {
    const [bv, ov, tv] = [b.get(field), o.get(field), t.get(field)];
    let value: unknown;
    if (isDeepStrictEqual(ov, tv)) value = ov;
    else if (isDeepStrictEqual(ov, bv)) value = tv;
    else if (isDeepStrictEqual(tv, bv)) value = ov;
    else if (field === 'sources') value = mergeSources(ov, tv);
    else if (field === 'reviewed' && typeof ov === 'string' && typeof tv === 'string') value = ov > tv ? ov : tv;
    else {
      value = ov;
      conflicts.push({ field, base: bv, ours: ov, theirs: tv });
    }
    if (value !== undefined) out.set(field, value);
  }
  // Keys stay in the record's own order (a topic file is written as it is ordered).
  return { merged: recordFrom(out, [...Object.keys(ours), ...Object.keys(theirs ?? {}), ...Object.keys(base ?? {})]), conflicts };
}
