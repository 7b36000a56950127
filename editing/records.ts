import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { isTopicId, type TopicId } from '../directory/ids';
import { type DataOverlay, readDataText } from '../directory/overlay';
import { serialiseService } from '../maintain/format';

/** A record maintainers can change from Teams: a service file, or a topic's prompt. */
export type RecordRef = { kind: 'service'; id: string } | { kind: 'topic'; id: TopicId };

export type Json = Record<string, unknown>;

export const SERVICE_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** 'service:llbd', 'topic:smoking': how a record is named in the store and in card data. */
export function recordKey(ref: RecordRef): string {
  return `${ref.kind}:${ref.id}`;
}

/** The record a key names, or undefined for anything that is not one (tampered card data). */
export function parseRecordKey(key: unknown): RecordRef | undefined {
  if (typeof key !== 'string' || key.length > 110) return undefined;
  const m = /^(service|topic):(.+)$/.exec(key);
  if (!m) return undefined;
  if (m[1] === 'topic') return isTopicId(m[2]) ? { kind: 'topic', id: m[2] } : undefined;
  return SERVICE_ID.test(m[2]) && m[2].length <= 100 ? { kind: 'service', id: m[2] } : undefined;
}

/** The record's file, relative to the data folder. */
export function recordFile(ref: RecordRef): string {
  return join(ref.kind === 'service' ? 'services' : 'topics', `${ref.id}.json`);
}

/** The record's file text as the directory keeps it (2-space JSON, the usual key order, a final newline). */
export function serialiseRecord(ref: RecordRef, value: Json): string {
  return ref.kind === 'service' ? serialiseService(value) : `${JSON.stringify(value, null, 2)}\n`;
}

/** JSON with object keys sorted, so that a record's version does not depend on key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().filter((k) => (value as Json)[k] !== undefined).map((k) => `${JSON.stringify(k)}:${canonical((value as Json)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** A record's version: a short hash of its content ('none' for a record that does not exist yet). */
export function recordVersion(value: Json | undefined | null): string {
  return value ? createHash('sha256').update(canonical(value)).digest('hex').slice(0, 12) : 'none';
}

/** The record as a data folder (and, when given, an overlay of published changes) has it; undefined if there is none or it is not JSON. */
export function readRecord(root: string, ref: RecordRef, overlay?: DataOverlay): Json | undefined {
  try {
    const value = JSON.parse(readDataText(root, recordFile(ref), overlay));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined;
  } catch {
    return undefined;
  }
}
