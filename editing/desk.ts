import type { Directory } from '../directory/load';
import { formatProblem } from '../directory/problems';
import type { CardMessage } from '../cards/elements';
import { editFormCard, type FormProblem, recordChoicesCard } from '../cards/edit-form';
import { maintainerRecordCard, recentChangesCard } from '../cards/history';
import { noticeCard } from '../cards/notice';
import { reviewCard } from '../cards/review';
import type { ReportStore } from '../reports/store';
import { type EditAction, editActionSchema, hasForbiddenKeys, isEditAction } from './actions';
import { type EditIntent, editIntentOf } from './intents';
import { findRecords } from './find';
import { applyServiceForm, applyTopicForm, type EditProblem, type FormInputs, formValues, idFromName, inputForField } from './form';
import { fieldLabel } from './fields';
import { changedFieldNames, mergeRecords } from './merge';
import type { Actor, ChangeKind, Proposal } from './proposal';
import { type Json, parseRecordKey, recordKey, type RecordRef, recordVersion, SERVICE_ID } from './records';
import { SECOND_MAINTAINER_REASON, secondMaintainerRule } from './rules';
import type { EditingService } from './service';
import { detectCrisis } from '../search/crisis';

/** Who is editing, and where: supplied by the Teams edge for each turn. */
export interface EditTurn {
  actor: Actor;
  /** A 1:1 chat, the maintainers' channel, or any other chat (where forms are not shown). */
  where: 'personal' | 'maintainers' | 'elsewhere';
  /** Whether the sender is a maintainer, asked quietly (to decide whether a message is ours). */
  isMaintainer(): Promise<boolean>;
  /** Asked before acting: a refusal is logged and counted. */
  mayEdit(): Promise<boolean>;
  today: string;
}

export type EditOutcomeName =
  | 'form' | 'invalid' | 'proposed' | 'published' | 'rejected' | 'withdrawn' | 'conflict' | 'decided' | 'history' | 'pending' | 'digest' | 'choices'
  | 'refused-not-maintainer' | 'refused-where' | 'refused-self-approval' | 'tampered' | 'stale' | 'unchanged';

export interface EditReply {
  messages: CardMessage[];
  /** Replace the card that was tapped (the form, with its problems; the review card, once decided). */
  replaceTapped?: boolean;
  /** Cards for the maintainers' channel: a change proposed in a 1:1 chat goes there for review. */
  toChannel?: CardMessage[];
  outcome: { outcome: EditOutcomeName; record?: string; proposal?: string; fields?: string[]; reason?: string };
  /** A published change that answers a staff report: the report to resolve. */
  resolveReport?: { id: string; note: string };
}

export type Incoming = { kind: 'text'; text: string } | { kind: 'action'; value: unknown };

export interface EditDeskDeps {
  editing: EditingService;
  directory(): Directory;
  reports?: ReportStore;
  /** The weekly digest card, now. */
  digest?(): Promise<CardMessage>;
}

/**
 * Directory edits from Teams, decided without botbuilder: the forms, the proposal, the review
 * card and its buttons, the history. The Teams edge (bot/editing.ts) asks whether a message
 * or click is ours, then sends what this returns.
 */
export class EditDesk {
  constructor(private readonly deps: EditDeskDeps) {}

  private get directory(): Directory {
    return this.deps.directory();
  }

  private get editing(): EditingService {
    return this.deps.editing;
  }

  /**
   * Whether a message or click is about editing. A click with an edit action always is. Typed
   * text is when it is unmistakably so ("add a service", "edit <a record that exists>"), or
   * when a maintainer types one of the editing phrases; anything else goes to the chat.
   */
  async claims(incoming: Incoming, turn: Pick<EditTurn, 'isMaintainer'>): Promise<boolean> {
    if (incoming.kind === 'action') return isEditAction(incoming.value);
    const intent = editIntentOf(incoming.text);
    if (!intent) return false;
    // A maintainer is staff too: "history self harm, says she wants to end it all" is a crisis, not a lookup.
    if (detectCrisis(incoming.text).crisis) return false;
    if (intent.intent === 'add' || intent.intent === 'pending' || intent.intent === 'digest') return true;
    if (intent.intent === 'edit' && findRecords(this.directory, intent.query, { services: !intent.topicsOnly, topics: true, retired: true }).length) return true;
    return turn.isMaintainer();
  }

  async respond(incoming: Incoming, turn: EditTurn): Promise<EditReply> {
    if (!(await turn.mayEdit())) {
      return {
        messages: [noticeCard('Only for the directory maintainers', 'Only the directory maintainers can edit the directory from Teams. If you should be one, ask whoever runs this bot to add you. You can still report a problem with any service from its card.', this.directory)],
        outcome: { outcome: 'refused-not-maintainer' },
      };
    }
    if (turn.where === 'elsewhere') {
      return {
        messages: [noticeCard('Edit in the maintainers\' channel', 'Directory edits are made in the maintainers\' channel, or in a 1:1 chat with me, so that only maintainers see the forms and the changes waiting for review.')],
        outcome: { outcome: 'refused-where' },
      };
    }
    if (incoming.kind === 'text') return this.onIntent(editIntentOf(incoming.text)!, turn);
    if (hasForbiddenKeys(incoming.value)) return this.tampered('forbidden-key');
    const parsed = editActionSchema.safeParse(incoming.value);
    if (!parsed.success) return this.tampered('schema');
    return this.onAction(parsed.data, turn);
  }

  private tampered(reason: string, record?: string): EditReply {
    return {
      messages: [noticeCard('That button could not be used', 'This card\'s data was changed or is not one I sent, so nothing was done. Type "edit" and the service\'s name to start again.')],
      outcome: { outcome: 'tampered', reason, record },
    };
  }

  private async onIntent(intent: EditIntent, turn: EditTurn): Promise<EditReply> {
    switch (intent.intent) {
      case 'add':
        return this.addForm(turn);
      case 'edit':
      case 'retire':
      case 'review': {
        const matches = findRecords(this.directory, intent.query, { services: intent.intent !== 'edit' || !intent.topicsOnly, topics: intent.intent === 'edit', retired: intent.intent === 'edit' });
        const mode = intent.intent;
        if (matches.length === 1) return this.openForm(matches[0].ref, mode, turn);
        return { messages: [recordChoicesCard(intent.query, matches.map((m) => ({ key: recordKey(m.ref), name: m.name })), mode)], outcome: { outcome: 'choices' } };
      }
      case 'history': {
        if (!intent.query) return this.recentChanges();
        const matches = findRecords(this.directory, intent.query, { services: true, topics: true, retired: true });
        if (matches.length === 1) return this.history(matches[0].ref);
        return { messages: [recordChoicesCard(intent.query, matches.map((m) => ({ key: recordKey(m.ref), name: m.name })), 'history')], outcome: { outcome: 'choices' } };
      }
      case 'pending':
        return this.pending();
      case 'digest':
        return this.digest();
    }
  }

  private async onAction(action: EditAction, turn: EditTurn): Promise<EditReply> {
    switch (action.action) {
      case 'editOpen': {
        const ref = parseRecordKey(action.record);
        if (!ref) return this.tampered('record', action.record);
        return this.openForm(ref, action.mode, turn, { report: action.report });
      }
      case 'editAdd':
        return this.addForm(turn, { topic: action.topic, place: action.place });
      case 'editSubmit':
        return this.submit(action, turn);
      case 'editApprove':
        return this.approve(action.record, action.proposal, turn);
      case 'editReject':
      case 'editWithdraw':
        return this.close(action.record, action.proposal, turn, action.action === 'editReject' ? 'rejected' : 'withdrawn');
      case 'editHistory': {
        const ref = parseRecordKey(action.record);
        if (!ref) return this.tampered('record', action.record);
        return this.history(ref);
      }
      case 'editDigest':
        return this.digest();
      case 'editPending':
        return this.pending();
    }
  }

  private nameOf(ref: RecordRef, record?: Json | null): string {
    if (ref.kind === 'topic') return `Topic prompt: ${this.directory.topics.find((t) => t.id === ref.id)?.title ?? ref.id}`;
    return String(record?.name ?? ref.id);
  }

  private needsSecondText(ref: RecordRef, record: Json | null): string | undefined {
    const rule = record ? secondMaintainerRule(ref, record, ref.kind === 'topic' ? { ...record, prompt: {} } : record, this.directory.crisis.lines) : null;
    return rule ? SECOND_MAINTAINER_REASON[rule] : undefined;
  }

  private openForm(ref: RecordRef, mode: 'edit' | 'retire' | 'review', turn: EditTurn, extra: { report?: string; notice?: string } = {}): EditReply {
    const record = this.editing.served(ref);
    if (!record) return this.tampered('unknown-record', recordKey(ref));
    if (ref.kind === 'topic' && mode !== 'edit') return this.tampered('mode', recordKey(ref));
    if (mode === 'retire' && record.retired) {
      return { messages: [noticeCard('Already retired', `${this.nameOf(ref, record)} is already retired, so staff are not offered it. Its history: type "history ${ref.id}".`)], outcome: { outcome: 'unchanged', record: recordKey(ref) } };
    }
    const values: FormInputs = { ...formValues(ref.kind, record), sourceChecked: turn.today };
    // A newer release of the files disagrees with the published change: say so, so that the next change settles it knowingly.
    const clash = this.editing.current?.overlay.records.get(recordKey(ref))?.conflicts ?? [];
    if (clash.length && !extra.notice) {
      extra = { ...extra, notice: `The files (a newer release) and the change published from Teams disagree on ${clash.map((c) => `${fieldLabel(c.field)} (files: ${JSON.stringify(c.theirs ?? '(none)')}; served: ${JSON.stringify(c.ours ?? '(none)')})`).join('; ')}. The published value is served. The change you propose here settles it: check those fields against the source.` };
    }
    if (mode === 'review') values.sourceUrl = String(newestSource(record)?.url ?? '');
    return {
      messages: [editFormCard(this.directory, { mode, ref, name: this.nameOf(ref, record), values, version: recordVersion(record), report: extra.report, notice: extra.notice, selfApproval: this.editing.selfApproval, needsSecond: this.needsSecondText(ref, record), today: turn.today })],
      outcome: { outcome: 'form', record: recordKey(ref) },
    };
  }

  private addForm(turn: EditTurn, prefill: { topic?: string; place?: string } = {}): EditReply {
    const values: FormInputs = { sourceChecked: turn.today, referral: 'unknown', ...(prefill.topic ? { mainTopic: prefill.topic } : {}), ...(prefill.place ? { area: 'local', places: prefill.place } : {}) };
    return {
      messages: [editFormCard(this.directory, { mode: 'add', ref: { kind: 'service', id: 'new' }, values, version: 'none', selfApproval: this.editing.selfApproval, today: turn.today })],
      outcome: { outcome: 'form', record: 'service:new' },
    };
  }

  /** The form again, with what was typed and every problem. */
  private formAgain(ref: RecordRef, mode: ChangeKind, inputs: FormInputs, version: string, turn: EditTurn, problems: { errors: EditProblem[]; warnings: EditProblem[]; sourceIndex?: number }, extra: { notice?: string; report?: string; name?: string } = {}): EditReply['messages'][number] {
    const show = (p: EditProblem): FormProblem => ({ input: inputForField(p.field, problems.sourceIndex), line: formatProblem(p), message: p.message });
    const record = mode === 'add' ? null : this.editing.served(ref) ?? null;
    return editFormCard(this.directory, {
      mode, ref, name: extra.name ?? this.nameOf(ref, record), values: inputs, version, errors: problems.errors.map(show), warnings: problems.warnings.map(show),
      notice: extra.notice, report: extra.report, selfApproval: this.editing.selfApproval, needsSecond: this.needsSecondText(ref, record), today: turn.today,
    });
  }

  private async submit(action: Extract<EditAction, { action: 'editSubmit' }>, turn: EditTurn): Promise<EditReply> {
    const { mode, version, report } = action;
    const inputs: FormInputs = Object.fromEntries(Object.entries(action).filter(([k]) => !['action', 'record', 'mode', 'version', 'report'].includes(k))) as FormInputs;
    let ref: RecordRef;
    if (action.record === 'service:new') {
      if (mode !== 'add') return this.tampered('mode');
      const id = (inputs.newId ?? '').trim() || idFromName(inputs.name ?? '');
      const addRef: RecordRef = { kind: 'service', id: SERVICE_ID.test(id) ? id : 'new' };
      const idProblem = !id
        ? 'is missing: give the service a name (the id is made from it) or an id'
        : !SERVICE_ID.test(id) || id.length > 100
          ? `'${id}' must be lower-case words joined by hyphens`
          : this.editing.served(addRef) ? `'${id}' is already the id of '${this.nameOf(addRef, this.editing.served(addRef))}': give the new service its own id` : undefined;
      if (idProblem) {
        const p: EditProblem = { file: 'services', record: id || undefined, field: 'id', rule: 'schema', severity: 'error', message: idProblem };
        return { messages: [this.formAgain({ kind: 'service', id: 'new' }, 'add', inputs, 'none', turn, { errors: [p], warnings: [] })], replaceTapped: true, outcome: { outcome: 'invalid', record: 'service:new' } };
      }
      ref = addRef;
    } else {
      const parsed = parseRecordKey(action.record);
      if (!parsed || mode === 'add') return this.tampered('record', action.record);
      if (parsed.kind === 'topic' && mode !== 'edit') return this.tampered('mode', action.record);
      ref = parsed;
    }
    const key = recordKey(ref);
    const before = mode === 'add' ? null : await this.editing.recordAt(ref, version);
    if (before === undefined) {
      // A version this record never had: an old form from before a change it cannot be matched to, or made up.
      const fresh = this.openForm(ref, mode === 'add' ? 'edit' : mode, turn, { notice: 'That form was out of date (the record has changed since it was opened), so nothing was proposed. Here it is again as the record is now.' });
      return { ...fresh, replaceTapped: true, outcome: { outcome: 'stale', record: key } };
    }
    const current = mode === 'add' ? null : this.editing.served(ref) ?? null;
    if (mode !== 'add' && !current) return this.tampered('unknown-record', key);
    const applied = ref.kind === 'topic' ? applyTopicForm(ref, before!, inputs, turn.today) : applyServiceForm(mode, ref, before, inputs, turn.today);
    let after = applied.after;
    let base = before;
    if (mode !== 'add' && recordVersion(current) !== version) {
      // Someone published a change to this record while the form was open.
      const merged = mergeRecords(before, after, current);
      const latest = this.latestPublished(key);
      const who = latest ? `${latest.decidedBy?.name ?? latest.proposedBy.name} published a change` : 'The files were updated';
      if (merged.conflicts.length) {
        const fields = merged.conflicts.map((c) => fieldLabel(c.field)).join(', ');
        return {
          messages: [this.formAgain(ref, mode, inputs, recordVersion(current), turn, { errors: [], warnings: [] }, {
            report,
            notice: `${who} to ${fields} while you were editing, so nothing was proposed. What you typed is kept below; propose again to replace their ${merged.conflicts.length === 1 ? 'value' : 'values'} with yours (now: ${merged.conflicts.map((c) => `${fieldLabel(c.field)} ${JSON.stringify(c.theirs ?? '(none)')}`).join('; ')}).`,
          })],
          replaceTapped: true,
          outcome: { outcome: 'conflict', record: key, fields: merged.conflicts.map((c) => c.field) },
        };
      }
      // Different fields: both are kept, and the review card shows this change over the current record.
      after = merged.merged;
      base = current;
    }
    const fields = changedFieldNames(base, after);
    if (!fields.length && mode !== 'review') {
      return { messages: [this.formAgain(ref, mode, inputs, recordVersion(current), turn, { errors: [], warnings: [] }, { report, notice: 'Nothing has changed yet: change a field, then propose.' })], replaceTapped: true, outcome: { outcome: 'unchanged', record: key } };
    }
    const checks = this.editing.check(ref, after, turn.today);
    const seen = new Set<string>();
    const errors = [...applied.problems, ...checks.errors].filter((p) => !seen.has(formatProblem(p)) && seen.add(formatProblem(p)));
    if (errors.length) {
      return {
        messages: [this.formAgain(ref, mode, inputs, version, turn, { errors, warnings: checks.warnings, sourceIndex: applied.sourceIndex }, { report, name: mode === 'add' ? String(after.name ?? 'new service') : undefined })],
        replaceTapped: true,
        outcome: { outcome: 'invalid', record: key, fields: errors.map((e) => e.field ?? '').filter(Boolean) },
      };
    }
    const proposal = await this.editing.propose({ ref, kind: mode, before: base, after, fields, by: turn.actor, report });
    const card = reviewCard(this.directory, proposal, this.nameOf(ref, after));
    return {
      messages: [card],
      replaceTapped: true,
      ...(turn.where === 'personal' ? { toChannel: [card] } : {}),
      outcome: { outcome: 'proposed', record: key, proposal: proposal.id, fields },
    };
  }

  private latestPublished(key: string): Proposal | undefined {
    return this.editing.current?.overlay.records.get(key)?.latest;
  }

  private async approve(record: string, id: string, turn: EditTurn): Promise<EditReply> {
    const result = await this.editing.publish(record, id, turn.actor);
    const ref = parseRecordKey(record)!;
    switch (result.status) {
      case 'missing':
        return this.tampered('unknown-proposal', record);
      case 'refused':
        return { messages: [noticeCard('Waiting for a colleague', result.why)], outcome: { outcome: 'refused-self-approval', record, proposal: id } };
      case 'invalid':
        return {
          messages: [noticeCard('Not published', `The directory as it is now would not pass its checks with this change, so it was not published: ${result.problems.map(formatProblem).join(' · ')}. Open the form again to fix it.`)],
          outcome: { outcome: 'invalid', record, proposal: id },
        };
      case 'conflict':
        return { messages: [reviewCard(this.directory, result.proposal, this.nameOf(ref, result.proposal.after))], replaceTapped: true, outcome: { outcome: 'conflict', record, proposal: id, fields: result.proposal.conflict?.fields } };
      case 'decided':
        return { messages: [reviewCard(this.directory, result.proposal, this.nameOf(ref, result.proposal.after))], replaceTapped: true, outcome: { outcome: 'decided', record, proposal: id } };
      case 'published': {
        const p = result.proposal;
        return {
          messages: [reviewCard(this.directory, p, this.nameOf(ref, p.after))],
          replaceTapped: true,
          outcome: { outcome: 'published', record, proposal: id, fields: p.fields, reason: p.selfApproved ? 'self-approved' : undefined },
          ...(p.report ? { resolveReport: { id: p.report, note: `Fixed by directory change #${p.seq} from Teams` } } : {}),
        };
      }
    }
  }

  private async close(record: string, id: string, turn: EditTurn, how: 'rejected' | 'withdrawn'): Promise<EditReply> {
    const result = await this.editing.close(record, id, turn.actor, how);
    const ref = parseRecordKey(record)!;
    if (result.status === 'missing') return this.tampered('unknown-proposal', record);
    if (result.status === 'not-yours') return { messages: [noticeCard('Only the proposer can withdraw it', 'Another maintainer proposed this change. Reject it instead if it should not be published.')], outcome: { outcome: 'refused-self-approval', record, proposal: id } };
    const p = result.proposal!;
    return { messages: [reviewCard(this.directory, p, this.nameOf(ref, p.after))], replaceTapped: true, outcome: { outcome: result.status === 'closed' ? how : 'decided', record, proposal: id } };
  }

  private async history(ref: RecordRef): Promise<EditReply> {
    const record = this.editing.served(ref);
    if (!record) return this.tampered('unknown-record', recordKey(ref));
    return { messages: [maintainerRecordCard(this.directory, ref, record, await this.editing.history(ref))], outcome: { outcome: 'history', record: recordKey(ref) } };
  }

  private async recentChanges(): Promise<EditReply> {
    const all = (await this.editing.store.list()).sort((a, b) => b.proposedAt.localeCompare(a.proposedAt));
    const named = all.slice(0, 10).map((proposal) => {
      const ref = parseRecordKey(proposal.record)!;
      return { proposal, name: this.nameOf(ref, proposal.after) };
    });
    return { messages: [recentChangesCard(this.directory, named)], outcome: { outcome: 'history' } };
  }

  private async pending(): Promise<EditReply> {
    const open = await this.editing.open();
    if (!open.length) return { messages: [noticeCard('No changes waiting', 'No proposed directory changes are waiting for review.')], outcome: { outcome: 'pending' } };
    return { messages: open.slice(0, 10).map((p) => reviewCard(this.directory, p, this.nameOf(parseRecordKey(p.record)!, p.after))), outcome: { outcome: 'pending' } };
  }

  private async digest(): Promise<EditReply> {
    if (!this.deps.digest) return { messages: [noticeCard('No digest here', 'This copy of the bot has no digest.')], outcome: { outcome: 'digest' } };
    return { messages: [await this.deps.digest()], outcome: { outcome: 'digest' } };
  }
}

function newestSource(record: Json): Json | undefined {
  const sources = Array.isArray(record.sources) ? (record.sources as Json[]) : [];
  return [...sources].sort((a, b) => String(b.checked ?? '').localeCompare(String(a.checked ?? '')))[0];
}

