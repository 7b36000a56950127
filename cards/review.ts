import type { Directory } from '../directory/load';
import { AREA_LABELS, fieldLabel, REFERRALS } from '../editing/fields';
import { fieldsOf } from '../editing/merge';
import type { Proposal } from '../editing/proposal';
import { type Json, parseRecordKey } from '../editing/records';
import { SECOND_MAINTAINER_REASON } from '../editing/rules';
import { adaptiveCard, type CardMessage, container, heading, markdown, paragraph, secondary } from './elements';
import { editButton } from './edit-actions';

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** When, as maintainers in Derbyshire read it. */
export function when(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/** A field's value in words: Place and topic names, not ids. */
export function describeValue(directory: Directory, field: string, value: unknown): string {
  if (value === undefined || value === null || value === '') return '(none)';
  const names = (ids: unknown, name: (id: string) => string | undefined) => (Array.isArray(ids) ? ids.map((id) => name(String(id)) ?? String(id)).join(', ') || '(none)' : String(ids));
  switch (field) {
    case 'places':
      return names(value, (id) => directory.places.find((p) => p.id === id)?.name);
    case 'topics':
      return names(value, (id) => directory.topics.find((t) => t.id === id)?.title);
    case 'area':
      return AREA_LABELS[value as keyof typeof AREA_LABELS] ?? String(value);
    case 'referral':
      return REFERRALS[value as keyof typeof REFERRALS] ?? String(value);
    case 'retired':
      if (isObj(value)) return `Retired ${value.date}: ${value.reason}${Array.isArray(value.successors) && value.successors.length ? ` (replaced by ${value.successors.join(', ')})` : ''}`;
      return String(value);
    case 'prompt.assistSource':
      return isObj(value) ? `${value.title} (${value.url})` : String(value);
    default:
      return typeof value === 'string' ? value : JSON.stringify(value);
  }
}

/** The sources a change added or updated, each in one line. */
export function sourceChanges(before: Json | null, after: Json): { before: string; after: string }[] {
  const was = Array.isArray(before?.sources) ? (before!.sources as Json[]) : [];
  const now = Array.isArray(after.sources) ? (after.sources as Json[]) : [];
  const line = (s: Json) => `${s.url} · checked ${s.checked ?? '(no date)'} · shows ${Array.isArray(s.supports) ? s.supports.join(', ') : ''}`;
  return now.filter((s) => !was.some((w) => JSON.stringify(w) === JSON.stringify(s))).map((s) => {
    const old = was.find((w) => w.url === s.url);
    return { before: old ? line(old) : '(not a source before)', after: line(s) };
  });
}

/** Each changed field, its value before beside its value after. */
export function beforeAfter(directory: Directory, proposal: Pick<Proposal, 'before' | 'after' | 'fields'>): Json[] {
  const b = fieldsOf(proposal.before);
  const a = fieldsOf(proposal.after);
  const rows: Json[] = [];
  const row = (label: string, was: string, now: string) => rows.push(
    markdown(`**${label}**`, { spacing: 'Medium' }),
    {
      type: 'ColumnSet',
      spacing: 'None',
      columns: [
        { type: 'Column', width: 'stretch', items: [paragraph('Before', { isSubtle: true, size: 'Small' }), paragraph(was, { spacing: 'None' })] },
        { type: 'Column', width: 'stretch', items: [paragraph('After', { isSubtle: true, size: 'Small' }), paragraph(now, { spacing: 'None', weight: 'Bolder' })] },
      ],
    },
  );
  // The facts first; the sources and the reviewed date that back them after.
  const last = (f: string) => (f === 'sources' ? 2 : f === 'reviewed' ? 1 : 0);
  for (const field of [...proposal.fields].sort((x, y) => last(x) - last(y))) {
    if (field === 'sources') {
      for (const s of sourceChanges(proposal.before, proposal.after)) row('Source', s.before, s.after);
      continue;
    }
    row(fieldLabel(field), describeValue(directory, field, b.get(field)), describeValue(directory, field, a.get(field)));
  }
  return rows;
}

const KIND: Record<Proposal['kind'], string> = { edit: 'Change', add: 'New service', retire: 'Retire', review: 'Reviewed' };

/** What has happened to a proposal, in one line. */
export function statusLine(p: Proposal): string {
  const by = p.decidedBy ? ` by ${p.decidedBy.name}` : '';
  switch (p.status) {
    case 'open':
      return p.needsSecond ? `Waiting for another maintainer. ${SECOND_MAINTAINER_REASON[p.needsSecond]}` : 'Waiting for another maintainer to approve.';
    case 'approved':
    case 'published':
      return `Published${by}, ${when(p.decidedAt)}${p.selfApproved ? ' (self-approved)' : ''}${p.seq ? ` · change #${p.seq}` : ''}${p.mergedOver ? ' · merged with a change made meanwhile to other fields' : ''}.`;
    case 'rejected':
      return `Rejected${by}, ${when(p.decidedAt)}. Nothing changed for staff.`;
    case 'withdrawn':
      return `Withdrawn${by}, ${when(p.decidedAt)}. Nothing changed for staff.`;
    case 'conflict':
      return `Not published: the record was changed meanwhile in the same field${(p.conflict?.fields.length ?? 0) > 1 ? 's' : ''} (${(p.conflict?.fields ?? []).map(fieldLabel).join(', ')}). Open the form again to make the change over the current version.`;
  }
}

/**
 * The card a proposed change is reviewed on, in the maintainers' channel: what changes,
 * before beside after, who proposed it and when, why a second maintainer is needed, and the
 * buttons to approve (publish) or reject. Once decided it shows what happened instead.
 */
export function reviewCard(directory: Directory, proposal: Proposal, name: string): CardMessage {
  const ref = parseRecordKey(proposal.record);
  const body: Json[] = [
    heading(`${KIND[proposal.kind]}: ${name}`, 'Medium'),
    paragraph(`Proposed by ${proposal.proposedBy.name}, ${when(proposal.proposedAt)}${ref?.kind === 'topic' ? ' · topic prompt' : ''}`, { isSubtle: true, spacing: 'None' }),
    ...beforeAfter(directory, proposal),
    container([paragraph(statusLine(proposal))], { style: proposal.status === 'open' ? 'emphasis' : proposal.status === 'published' || proposal.status === 'approved' ? 'good' : 'warning', spacing: 'Medium' }),
  ];
  const data = { record: proposal.record, proposal: proposal.id };
  const actions = proposal.status === 'open'
    ? [
        editButton('Approve and publish', { action: 'editApprove', ...data }),
        editButton('Reject', { action: 'editReject', ...data }),
        secondary(editButton('Withdraw (proposer)', { action: 'editWithdraw', ...data })),
        secondary(editButton('History', { action: 'editHistory', record: proposal.record })),
      ]
    : proposal.status === 'conflict' && ref
      ? [editButton('Open the form again', { action: 'editOpen', record: proposal.record, mode: proposal.kind === 'add' ? 'edit' : proposal.kind })]
      : [secondary(editButton('History', { action: 'editHistory', record: proposal.record }))];
  return adaptiveCard(body, actions, `${KIND[proposal.kind]} to review: ${name}`);
}
