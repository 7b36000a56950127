import { randomUUID } from 'node:crypto';
import { EMPTY_HEAD, type Head, type Proposal } from './proposal';

/** What the edit store needs of the configured store (see bot/storage/edit-storage.ts). */
export interface EditStorage {
  read(keys: string[]): Promise<Record<string, any>>;
  /** Honours eTags: a write with a stale eTag is refused. */
  write(changes: Record<string, any>): Promise<void>;
  keys(prefix: string): Promise<string[]>;
  /** Writes only if nothing has the key yet; false if something does. */
  create(key: string, value: Record<string, unknown>): Promise<boolean>;
  /** A token that changes whenever the item does, cheaper than reading it (undefined: read it). */
  probe?(key: string): Promise<string | undefined>;
}

const HEAD = 'edits/head';
const PROPOSALS = 'edits/proposals/';
const proposalKey = (record: string, id: string) => `${PROPOSALS}${record}/${id}`;

export function isConflictError(error: unknown): boolean {
  const e = error as { name?: string; statusCode?: number; message?: string };
  return e?.name === 'ETagConflictError' || e?.statusCode === 412 || /etag|precondition/i.test(String(e?.message));
}

/**
 * Proposals and the published head in the configured store (the embedded LevelDB, or Azure
 * Blob Storage shared by every instance). Each proposal is a record of its own; the head is
 * one small record naming each edited record's current change, replaced in one write with an
 * eTag check, so a publish is all or nothing and two publishes never lose one another.
 */
export class EditStore {
  constructor(private readonly storage: EditStorage, private readonly now: () => Date = () => new Date()) {}

  newId(): string {
    return `${this.now().getTime().toString(36).padStart(9, '0')}${randomUUID().replace(/-/g, '').slice(0, 5)}`;
  }

  async add(proposal: Proposal): Promise<void> {
    await this.storage.write({ [proposalKey(proposal.record, proposal.id)]: { proposal } });
  }

  async get(record: string, id: string): Promise<{ proposal: Proposal; eTag: string } | undefined> {
    const key = proposalKey(record, id);
    const item = (await this.storage.read([key]))[key];
    return item?.proposal ? { proposal: item.proposal as Proposal, eTag: item.eTag } : undefined;
  }

  /** Replaces a proposal if nobody changed it since it was read; false if somebody did. */
  async update(proposal: Proposal, eTag: string): Promise<boolean> {
    try {
      await this.storage.write({ [proposalKey(proposal.record, proposal.id)]: { proposal, eTag } });
      return true;
    } catch (error) {
      if (isConflictError(error)) return false;
      throw error;
    }
  }

  /** Every proposal, or one record's, oldest first. */
  async list(record?: string): Promise<Proposal[]> {
    const keys = await this.storage.keys(record ? `${PROPOSALS}${record}/` : PROPOSALS);
    const out: Proposal[] = [];
    for (let i = 0; i < keys.length; i += 200) {
      const items = await this.storage.read(keys.slice(i, i + 200));
      for (const k of keys.slice(i, i + 200)) if (items[k]?.proposal) out.push(items[k].proposal as Proposal);
    }
    return out.sort((a, b) => a.id.localeCompare(b.id));
  }

  /** Proposals by id, for the records the head names (published proposals never change, so callers may cache them). */
  async getMany(refs: { record: string; id: string }[]): Promise<Proposal[]> {
    const out: Proposal[] = [];
    for (let i = 0; i < refs.length; i += 200) {
      const keys = refs.slice(i, i + 200).map((r) => proposalKey(r.record, r.id));
      const items = await this.storage.read(keys);
      for (const k of keys) if (items[k]?.proposal) out.push(items[k].proposal as Proposal);
    }
    return out;
  }

  /** Claims a week's digest for this instance; false if another instance (or an earlier run) already posted it. */
  claimDigest(slot: string): Promise<boolean> {
    return this.storage.create(`edits/digests/${slot}`, { at: this.now().toISOString() });
  }

  async head(): Promise<{ head: Head; eTag?: string }> {
    const item = (await this.storage.read([HEAD]))[HEAD];
    return item?.head ? { head: item.head as Head, eTag: item.eTag } : { head: EMPTY_HEAD };
  }

  /** A token that changes when the head does: the blob's ETag where the store has one, else the head's sequence number. */
  async headToken(): Promise<string> {
    const probed = await this.storage.probe?.(HEAD);
    if (probed !== undefined) return probed;
    const { head, eTag } = await this.head();
    return `${head.seq}:${eTag ?? ''}`;
  }

  /**
   * Replaces the head if it is still the one read (`eTag`; undefined when there was none yet,
   * in which case it is created only if still absent). False if another publish got there first.
   */
  async replaceHead(next: Head, eTag: string | undefined): Promise<boolean> {
    if (eTag === undefined) return this.storage.create(HEAD, { head: next });
    try {
      await this.storage.write({ [HEAD]: { head: next, eTag } });
      return true;
    } catch (error) {
      if (isConflictError(error)) return false;
      throw error;
    }
  }
}
