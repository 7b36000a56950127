import { overlayKey } from '../directory/overlay';
import { CONFIRMED_FILE, crisisChanges, crisisFacts, readConfirmed, serialiseConfirmed, unconfirmable } from '../maintain/crisis-guard';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type FieldConflict, mergeRecords } from './merge';
import { EMPTY_HEAD, type Head, type Proposal } from './proposal';
import { type Json, parseRecordKey, readRecord, recordFile, type RecordRef, serialiseRecord } from './records';
import type { EditStore } from './store';

/** A published change that a newer release of the files disagrees with, field by field. */
export interface ReleaseConflict {
  record: string;
  proposal: string;
  /** The files no longer have the record at all. */
  removed?: boolean;
  fields: FieldConflict[];
}

/** One edited record as served: the files' version merged with its latest published change. */
export interface ServedRecord {
  ref: RecordRef;
  key: string;
  latest: Proposal;
  served: Json;
  conflicts: FieldConflict[];
  removed: boolean;
}

export interface EditOverlay {
  /** Files (relative to the data folder) to serve in place of those on disk. */
  files: Map<string, string>;
  records: Map<string, ServedRecord>;
  conflicts: ReleaseConflict[];
  /** The head this overlay was built from. */
  seq: number;
}

/**
 * The published changes as this instance knows them: the head and the proposals it names,
 * refreshed by polling the store (a changed head token means something was published).
 * Published proposals never change, so each is read once.
 */
export class PublishedChanges {
  private current: Head = EMPTY_HEAD;
  private token?: string;
  private readonly proposals = new Map<string, Proposal>();

  constructor(private readonly store: EditStore) {}

  get head(): Head {
    return this.current;
  }

  /** Reads the head again if it changed; true when there is something new to serve. */
  async refresh(): Promise<boolean> {
    const token = await this.store.headToken();
    if (token === this.token) return false;
    const { head } = await this.store.head();
    const missing = Object.entries(head.records).filter(([, r]) => !this.proposals.has(r.proposal)).map(([record, r]) => ({ record, id: r.proposal }));
    for (const p of await this.store.getMany(missing)) this.proposals.set(p.id, p);
    const changed = head.seq !== this.current.seq || Object.keys(head.records).length !== Object.keys(this.current.records).length;
    // Only once every proposal the head names has been read: a half-read head is never served.
    if (Object.values(head.records).some((r) => !this.proposals.has(r.proposal))) return false;
    this.current = head;
    this.token = token;
    return changed;
  }

  /** The latest published change of a record, if any. */
  latest(key: string): Proposal | undefined {
    const id = this.current.records[key]?.proposal;
    return id ? this.proposals.get(id) : undefined;
  }

  /**
   * The files to serve: each edited record is the files' version merged with its latest
   * change (both sides kept where they changed different fields; where both changed one field,
   * the published value is served and the conflict reported). A crisis line's facts changed by
   * a published change (second maintainer, newer source: checked at publish and again here)
   * are recorded as confirmed, so the crisis guard serves them; anything else still trips it.
   */
  overlay(root: string): EditOverlay {
    const files = new Map<string, string>();
    const records = new Map<string, ServedRecord>();
    const conflicts: ReleaseConflict[] = [];
    for (const [key, entry] of Object.entries(this.current.records)) {
      const ref = parseRecordKey(key);
      const latest = this.proposals.get(entry.proposal);
      if (!ref || !latest) continue;
      const onFile = readRecord(root, ref);
      const removed = onFile === undefined && latest.fileBase !== null;
      const { merged, conflicts: fields } = removed ? { merged: latest.after, conflicts: [] } : mergeRecords(latest.fileBase, latest.after, onFile);
      files.set(overlayKey(recordFile(ref)), serialiseRecord(ref, merged));
      records.set(key, { ref, key, latest, served: merged, conflicts: fields, removed });
      if (fields.length || removed) conflicts.push({ record: key, proposal: latest.id, fields, ...(removed ? { removed } : {}) });
    }
    const confirmed = confirmedWithPublished(root, records);
    if (confirmed) files.set(overlayKey(CONFIRMED_FILE), confirmed);
    return { files, records, conflicts, seq: this.current.seq };
  }
}

/** The confirmed crisis facts, with the crisis lines published changes have changed (if each change is backed). */
function confirmedWithPublished(root: string, records: Map<string, ServedRecord>): string | undefined {
  const confirmed = readConfirmed(root);
  if (!confirmed) return undefined;
  let lines: unknown = [];
  try {
    lines = (JSON.parse(readFileSync(join(root, 'crisis.json'), 'utf8')) as Json).lines;
  } catch {
    return undefined;
  }
  const ids = Array.isArray(lines) ? lines.filter((l): l is string => typeof l === 'string') : [];
  const edited = ids.filter((id) => {
    const r = records.get(`service:${id}`);
    return r && r.latest.needsSecond === 'crisis-line' && !r.latest.selfApproved;
  });
  if (!edited.length) return undefined;
  const services = new Map(edited.map((id) => [id, records.get(`service:${id}`)!.served as Record<string, unknown>]));
  const now = crisisFacts(edited, services);
  const next = { lines: confirmed.lines, services: { ...confirmed.services } };
  for (const id of edited) {
    const only = { lines: [id], services: { [id]: confirmed.services[id] } };
    const changes = crisisChanges(only, { lines: [id], services: { [id]: now.services[id] } });
    if (changes.every((c) => !unconfirmable(c, confirmed, services.get(id)))) next.services[id] = now.services[id];
  }
  return serialiseConfirmed(next);
}
