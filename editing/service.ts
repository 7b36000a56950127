import type { Directory } from '../directory/load';
import type { DataOverlay } from '../directory/overlay';
import { ChangeChecker, type ChangeCheck } from './check';
import type { EditProblem } from './form';
import { mergeRecords } from './merge';
import type { Actor, ChangeKind, Proposal } from './proposal';
import type { PublishedChanges } from './published';
import { type Json, parseRecordKey, readRecord, recordKey, type RecordRef, recordVersion } from './records';
import { approvalVerdict, secondMaintainerRule } from './rules';
import { type EditedDirectory, loadEditedDirectory } from './serve';
import type { EditStore } from './store';

export interface EditingOptions {
  root: string;
  store: EditStore;
  published: PublishedChanges;
  /** EDIT_SELF_APPROVAL: a maintainer may approve their own change (never a crisis line or a topic prompt). */
  selfApproval: boolean;
  now?: () => Date;
  /** Waits this long between the writes of a publish: only for the test that kills the bot mid-publish. */
  publishPauseMs?: number;
  /** Told after each write of a publish (for the log): the approval, the head, the mark. */
  onPublishStep?(step: 'approved' | 'head' | 'published', proposal: Proposal): void;
}

export type PublishResult =
  | { status: 'published'; proposal: Proposal; merged: boolean }
  | { status: 'refused'; proposal: Proposal; why: string }
  | { status: 'conflict'; proposal: Proposal }
  | { status: 'invalid'; proposal: Proposal; problems: EditProblem[] }
  | { status: 'decided'; proposal: Proposal }
  | { status: 'missing' };

export interface DirectoryEvents {
  loaded(edited: EditedDirectory): void;
  /** The files (or the files with the published changes) do not pass: the last good directory keeps serving. */
  failed(error: unknown): void;
}

/**
 * Directory edits from Teams: proposals, their approval and publication, and the directory
 * served with the published changes over the files. Every instance runs one; they share the
 * store, and each notices a publish by polling the head.
 */
export class EditingService {
  private edited?: EditedDirectory;
  private readonly checker: ChangeChecker;
  private readonly now: () => Date;
  private polling?: Promise<boolean>;

  constructor(private readonly options: EditingOptions, private readonly events: DirectoryEvents) {
    this.checker = new ChangeChecker(options.root);
    this.now = options.now ?? (() => new Date());
  }

  get root(): string {
    return this.options.root;
  }

  get selfApproval(): boolean {
    return this.options.selfApproval;
  }

  get store(): EditStore {
    return this.options.store;
  }

  /** The directory as last loaded (files and published changes). */
  get current(): EditedDirectory | undefined {
    return this.edited;
  }

  /** Loads the directory afresh (the files changed, or something was published); throws if the files themselves fail. */
  load(): EditedDirectory {
    const edited = loadEditedDirectory(this.options.root, this.options.published);
    this.edited = edited;
    return edited;
  }

  /** Takes a directory loaded before the server started (bot/index.ts), so it is not loaded twice. */
  adopt(edited: EditedDirectory): void {
    this.edited = edited;
  }

  /** Reloads and tells the server; a failure is reported and the last good directory stays. */
  reload(): void {
    try {
      this.events.loaded(this.load());
    } catch (error) {
      this.events.failed(error);
    }
  }

  /** Looks for newly published changes (one look at a time); true if there were some, now served. */
  poll(): Promise<boolean> {
    this.polling ??= (async () => {
      try {
        const changed = await this.options.published.refresh();
        if (changed) this.reload();
        return changed;
      } finally {
        this.polling = undefined;
      }
    })();
    return this.polling;
  }

  private get overlay(): DataOverlay {
    return this.edited?.overlay.files ?? new Map();
  }

  /** The record as served now, or undefined if there is none. */
  served(ref: RecordRef): Json | undefined {
    return readRecord(this.options.root, ref, this.overlay);
  }

  /**
   * The record a form was opened on, by the version it carries: the one served now, the
   * files' own, or one a published change left. Undefined when no such version was served
   * (tampered, or too old to know); null for a new service's form.
   */
  async recordAt(ref: RecordRef, version: string): Promise<Json | null | undefined> {
    if (version === 'none') return null;
    const now = this.served(ref);
    if (recordVersion(now) === version) return now;
    const onFile = readRecord(this.options.root, ref);
    if (recordVersion(onFile) === version) return onFile;
    for (const p of await this.options.store.list(recordKey(ref))) {
      if (recordVersion(p.after) === version) return p.after;
      if (p.before && recordVersion(p.before) === version) return p.before;
    }
    return undefined;
  }

  /** Every problem the change would bring, in validate's words. */
  check(ref: RecordRef, after: Json, today: string): ChangeCheck {
    return this.checker.check(this.overlay, this.edited?.directory.version ?? 'files', ref, after, today);
  }

  private get directory(): Directory | undefined {
    return this.edited?.directory;
  }

  async propose(input: { ref: RecordRef; kind: ChangeKind; before: Json | null; after: Json; fields: string[]; by: Actor; report?: string }): Promise<Proposal> {
    const { ref, kind, before, after, fields, by, report } = input;
    const proposal: Proposal = {
      id: this.options.store.newId(),
      record: recordKey(ref),
      kind,
      before,
      after,
      fileBase: readRecord(this.options.root, ref) ?? null,
      baseVersion: recordVersion(before),
      fields,
      needsSecond: secondMaintainerRule(ref, before, after, this.directory?.crisis.lines ?? []),
      proposedBy: by,
      proposedAt: this.now().toISOString(),
      status: 'open',
      ...(report ? { report } : {}),
    };
    await this.options.store.add(proposal);
    return proposal;
  }

  /** Rejects (by any maintainer) or withdraws (by its proposer) a change that is still open. */
  async close(record: string, id: string, by: Actor, how: 'rejected' | 'withdrawn'): Promise<{ status: 'closed' | 'decided' | 'missing' | 'not-yours'; proposal?: Proposal }> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const got = await this.options.store.get(record, id);
      if (!got) return { status: 'missing' };
      const p = got.proposal;
      if (p.status !== 'open') return { status: 'decided', proposal: p };
      if (how === 'withdrawn' && p.proposedBy.ref !== by.ref) return { status: 'not-yours', proposal: p };
      const next: Proposal = { ...p, status: how, decidedBy: by, decidedAt: this.now().toISOString() };
      if (await this.options.store.update(next, got.eTag)) return { status: 'closed', proposal: next };
    }
    return { status: 'decided' };
  }

  private pause(): Promise<void> {
    const ms = this.options.publishPauseMs ?? 0;
    return ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve();
  }

  /**
   * Publishes an approved change: the approval is recorded on the proposal, then the head is
   * replaced in one write that names it (with an eTag check, so two publishes never lose one
   * another), then the proposal is marked published. A process killed between these writes
   * leaves the head as it was (the old version served) or naming the change (the new one); the
   * approval it recorded is finished by recover(). If the record changed meanwhile, the change
   * is merged over it when they touched different fields, and refused as a conflict otherwise.
   */
  async publish(record: string, id: string, approver: Actor): Promise<PublishResult> {
    const ref = parseRecordKey(record);
    if (!ref) return { status: 'missing' };
    for (let attempt = 0; attempt < 8; attempt++) {
      // Up to date with what others have published, so the checks below see it.
      await this.poll();
      const got = await this.options.store.get(record, id);
      if (!got) return { status: 'missing' };
      const p = got.proposal;
      if (p.status !== 'open' && p.status !== 'approved') return { status: 'decided', proposal: p };
      let selfApproved = p.selfApproved ?? false;
      if (p.status === 'open') {
        const verdict = approvalVerdict(p, approver, this.options.selfApproval);
        if (!verdict.ok) return { status: 'refused', proposal: p, why: verdict.why };
        selfApproved = verdict.selfApproved;
      }
      const { head, eTag: headTag } = await this.options.store.head();
      if (head.records[record]?.proposal === p.id) return { status: 'published', proposal: await this.markPublished(record, id), merged: Boolean(p.mergedOver) };
      const latestRef = head.records[record];
      const latest = latestRef ? (await this.options.store.getMany([{ record, id: latestRef.proposal }]))[0] : undefined;
      const onFile = readRecord(this.options.root, ref);
      const current = latest ? mergeRecords(latest.fileBase, latest.after, onFile).merged : onFile ?? null;
      let after = p.after;
      let mergedOver = p.mergedOver;
      if (recordVersion(current) !== p.baseVersion) {
        const m = mergeRecords(p.before, p.after, current);
        if (m.conflicts.length || (p.kind === 'add' && current)) {
          const fields = p.kind === 'add' && current ? ['id'] : m.conflicts.map((c) => c.field);
          const conflicted: Proposal = { ...p, status: 'conflict', conflict: { with: latest?.id ?? 'files', fields }, decidedBy: approver, decidedAt: this.now().toISOString() };
          if (await this.options.store.update(conflicted, got.eTag)) return { status: 'conflict', proposal: conflicted };
          continue;
        }
        after = m.merged;
        mergedOver = latest?.id ?? 'files';
      }
      const problems = this.check(ref, after, this.now().toISOString().slice(0, 10)).errors;
      if (problems.length) return { status: 'invalid', proposal: p, problems };
      const seq = head.seq + 1;
      const approved: Proposal = {
        ...p, status: 'approved', after, fileBase: onFile ?? null, seq, ...(mergedOver ? { mergedOver } : {}),
        decidedBy: p.decidedBy ?? approver, decidedAt: p.decidedAt ?? this.now().toISOString(), selfApproved,
      };
      if (!(await this.options.store.update(approved, got.eTag))) continue;
      this.options.onPublishStep?.('approved', approved);
      await this.pause();
      const next = { seq, records: { ...head.records, [record]: { proposal: p.id, seq, at: this.now().toISOString() } } };
      if (!(await this.options.store.replaceHead(next, headTag))) continue;
      this.options.onPublishStep?.('head', approved);
      await this.pause();
      const published = await this.markPublished(record, id);
      this.options.onPublishStep?.('published', published);
      await this.poll();
      return { status: 'published', proposal: published, merged: Boolean(mergedOver) };
    }
    const got = await this.options.store.get(record, id);
    return got ? { status: 'decided', proposal: got.proposal } : { status: 'missing' };
  }

  private async markPublished(record: string, id: string): Promise<Proposal> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const got = await this.options.store.get(record, id);
      if (!got) break;
      if (got.proposal.status === 'published') return got.proposal;
      const next: Proposal = { ...got.proposal, status: 'published' };
      if (await this.options.store.update(next, got.eTag)) return next;
    }
    return (await this.options.store.get(record, id))!.proposal;
  }

  /** Finishes publishes that were approved but interrupted (a restart, kill -9): the approval stands. */
  async recover(): Promise<number> {
    let finished = 0;
    for (const p of await this.options.store.list()) {
      if (p.status !== 'approved' || !p.decidedBy) continue;
      const result = await this.publish(p.record, p.id, p.decidedBy);
      if (result.status === 'published') finished++;
    }
    return finished;
  }

  /** Proposals waiting for a decision, oldest first. */
  async open(): Promise<Proposal[]> {
    return (await this.options.store.list()).filter((p) => p.status === 'open');
  }

  /** A record's changes, oldest first. */
  history(ref: RecordRef): Promise<Proposal[]> {
    return this.options.store.list(recordKey(ref));
  }
}
