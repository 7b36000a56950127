import type { Directory } from '../directory/load';
import { fieldLabel } from '../editing/fields';
import { fieldsOf } from '../editing/merge';
import type { Proposal } from '../editing/proposal';
import { type Json, type RecordRef, recordKey } from '../editing/records';
import { adaptiveCard, type CardMessage, container, heading, markdown, paragraph, secondary, subheading } from './elements';
import { editButton } from './edit-actions';
import { describeValue, sourceChanges, statusLine, when } from './review';
import { serviceBlock } from './service';

/** One change in the audit trail: when, what happened, who, what changed (before -> after) and the source. */
export function historyEntry(directory: Directory, p: Proposal): Json {
  const b = fieldsOf(p.before);
  const a = fieldsOf(p.after);
  const lines = p.fields.filter((f) => f !== 'sources').map((f) => `${fieldLabel(f)}: ${describeValue(directory, f, b.get(f))} → ${describeValue(directory, f, a.get(f))}`);
  for (const s of sourceChanges(p.before, p.after)) lines.push(`Source: ${s.after}`);
  return container(
    [
      markdown(`**${when(p.proposedAt)}** · ${p.kind === 'add' ? 'added' : p.kind === 'retire' ? 'retired' : p.kind === 'review' ? 'reviewed' : 'changed'} · proposed by ${escape(p.proposedBy.name)}`, { size: 'Small' }),
      paragraph(statusLine(p), { isSubtle: true, size: 'Small', spacing: 'None' }),
      ...lines.slice(0, 12).map((l) => paragraph(l, { size: 'Small', spacing: 'None' })),
    ],
    { separator: true, spacing: 'Small' },
  );
}

const escape = (t: string) => t.replace(/([\\*_[\]<>`])/g, '\\$1');

/** The history section: newest first, the last `limit` changes. */
export function historySection(directory: Directory, proposals: Proposal[], limit = 8): Json[] {
  const newest = [...proposals].reverse();
  if (!newest.length) return [subheading('History'), paragraph('No changes made from Teams yet: the record is as the files have it.', { isSubtle: true, size: 'Small' })];
  return [
    subheading(`History (${newest.length} change${newest.length === 1 ? '' : 's'} from Teams)`),
    ...newest.slice(0, limit).map((p) => historyEntry(directory, p)),
    ...(newest.length > limit ? [paragraph(`${newest.length - limit} older: npm run directory -- history`, { isSubtle: true, size: 'Small' })] : []),
  ];
}

/**
 * A service (or a topic's prompt) as maintainers see it in their channel: the record as staff
 * get it, who changed it and when, and the buttons to edit, retire or mark it reviewed.
 */
export function maintainerRecordCard(directory: Directory, ref: RecordRef, record: Json, proposals: Proposal[]): CardMessage {
  const key = recordKey(ref);
  const body: Json[] = [];
  let name: string;
  if (ref.kind === 'topic') {
    const topic = directory.topics.find((t) => t.id === ref.id)!;
    name = `Topic prompt: ${topic.title}`;
    const prompt = (record.prompt as Json | undefined) ?? {};
    body.push(heading(name, 'Medium'), paragraph(`Ask: ${prompt.ask}`), paragraph(`Assist: ${prompt.assist}`, { spacing: 'Small' }), paragraph(`Act: ${prompt.act}`, { spacing: 'Small' }), paragraph(`Reviewed ${record.reviewed}`, { isSubtle: true, size: 'Small' }));
  } else {
    const service = directory.service(ref.id) ?? directory.retired.find((s) => s.id === ref.id);
    name = String(record.name ?? ref.id);
    body.push(heading(name, 'Medium'));
    if (service?.retired) body.push(container([paragraph(`Retired ${service.retired.date}: ${service.retired.reason}. Staff are not offered it.`)], { style: 'warning' }));
    if (service) body.push(serviceBlock(directory, service, { detail: false }), paragraph(`Reviewed ${service.reviewed}`, { isSubtle: true, size: 'Small', spacing: 'None' }));
  }
  body.push(...historySection(directory, proposals));
  const retired = ref.kind === 'service' && Boolean(record.retired);
  const actions = [
    editButton(ref.kind === 'topic' ? 'Edit the prompt' : 'Edit this service', { action: 'editOpen', record: key, mode: 'edit' }),
    ...(ref.kind === 'service' ? [editButton('Mark reviewed', { action: 'editOpen', record: key, mode: 'review' })] : []),
    ...(ref.kind === 'service' && !retired ? [secondary(editButton('Retire this service', { action: 'editOpen', record: key, mode: 'retire' }))] : []),
  ];
  return adaptiveCard(body, actions, `${name}: history`);
}

/** The latest changes across the directory ("history" on its own). */
export function recentChangesCard(directory: Directory, proposals: { proposal: Proposal; name: string }[]): CardMessage {
  const body: Json[] = [heading('Recent directory changes', 'Medium')];
  if (!proposals.length) body.push(paragraph('No changes have been made from Teams yet.'));
  for (const { proposal, name } of proposals.slice(0, 10)) body.push(markdown(`**${escape(name)}**`, { spacing: 'Medium' }), historyEntry(directory, proposal));
  body.push(paragraph('Every change: npm run directory -- history', { isSubtle: true, size: 'Small' }));
  return adaptiveCard(body, [], 'Recent directory changes');
}
