import type { Directory } from '../directory/load';
import { type Digest, digestIsQuiet, OLD_REPORT_DAYS } from '../editing/digest';
import { REPORT_REASONS } from '../reports/report';
import { actionSet, adaptiveCard, type CardMessage, container, heading, type Json, markdown, paragraph, submit } from './elements';
import { editButton } from './edit-actions';

/** Items shown per section: the card stays readable on a phone, and the report has the rest. */
const SHOWN = 5;

function section(title: string, count: number, items: Json[][], rest: string): Json[] {
  if (!count) return [];
  return [
    markdown(`**${title}** (${count})`, { spacing: 'Large' }),
    ...items.slice(0, SHOWN).map((item) => container(item, { separator: true, spacing: 'Small' })),
    ...(count > SHOWN ? [paragraph(`${count - SHOWN} more: ${rest}`, { isSubtle: true, size: 'Small' })] : []),
  ];
}

const day = (iso: string) => new Date(`${iso}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/**
 * The weekly digest in the maintainers' channel: what needs a maintainer, each with the button
 * that acts on it ("Mark reviewed" asks for the source checked; "Edit this service"; "Add a
 * service" for a gap). The same figures as `npm run directory -- report`.
 */
export function digestCard(directory: Directory, d: Digest): CardMessage {
  const name = (id: string) => directory.service(id)?.name ?? directory.retired.find((s) => s.id === id)?.name ?? id;
  const body: Json[] = [heading('Directory digest', 'Medium'), paragraph(`Week of ${day(d.today)}: what needs a maintainer.`, { isSubtle: true, spacing: 'None' })];
  if (digestIsQuiet(d)) body.push(paragraph('Nothing needs attention this week: every record is within its review date, no staff report is waiting more than a week, and every service has a contact route.'));

  body.push(...section('Changes waiting for review', d.waiting.length, d.waiting.map((p) => [
    paragraph(`${p.kind === 'add' ? 'New service' : p.kind === 'retire' ? 'Retire' : 'Change'}: ${String(p.after.name ?? p.record)} · proposed by ${p.proposedBy.name}, ${p.proposedAt.slice(0, 10)}`, { size: 'Small' }),
  ]), 'type "pending changes"'));
  if (d.waiting.length) body.push(actionSet([editButton('Show the changes waiting', { action: 'editPending' })]));

  body.push(...section('Published changes the files disagree with', d.conflicts.length, d.conflicts.map((c) => [
    paragraph(`${c.record.replace(/^service:/, '')}: ${c.removed ? 'no longer in the files' : c.fields.map((f) => f.field).join(', ')}`, { size: 'Small' }),
    actionSet([editButton('Edit to settle it', { action: 'editOpen', record: c.record, mode: 'edit' })]),
  ]), 'npm run directory -- export --files'));

  body.push(...section('Past their review date', d.stale.length, d.stale.map((s) => [
    paragraph(`${s.name} · reviewed ${s.reviewed}, due ${s.due} (${s.daysOverdue} days ago)`, { size: 'Small' }),
    ...(s.kind === 'service'
      ? [actionSet([editButton('Mark reviewed', { action: 'editOpen', record: `service:${s.id}`, mode: 'review' }), editButton('Edit', { action: 'editOpen', record: `service:${s.id}`, mode: 'edit' })])]
      : s.kind === 'topic'
        ? [actionSet([editButton('Edit the prompt', { action: 'editOpen', record: `topic:${s.id}`, mode: 'edit' })])]
        : [paragraph('The crisis block is reviewed in crisis.json: npm run directory -- report', { isSubtle: true, size: 'Small', spacing: 'None' })]),
  ]), 'npm run directory -- report --only stale'));

  body.push(...section(`Staff reports open more than ${OLD_REPORT_DAYS} days`, d.oldReports.length, d.oldReports.map(({ report, days }) => [
    paragraph(`${REPORT_REASONS[report.reason]}: ${name(report.serviceId)} · ${days} days ago`, { size: 'Small' }),
    actionSet([
      ...(directory.service(report.serviceId) ? [editButton('Edit this service', { action: 'editOpen', record: `service:${report.serviceId}`, mode: 'edit', report: report.id })] : []),
      submit('Mark resolved', { action: 'resolveReport', id: report.id }),
    ]),
  ]), 'npm run directory -- feedback'));

  body.push(...section('Services with no contact route', d.missingContact.length, d.missingContact.map((m) => [
    paragraph(`${m.name}: no phone, text, email, website or way to reach it`, { size: 'Small' }),
    actionSet([editButton('Edit this service', { action: 'editOpen', record: `service:${m.id}`, mode: 'edit' })]),
  ]), 'npm run directory -- report --only missing-contact'));

  const unexplained = d.gaps.filter((g) => !g.reason).length;
  const gapTitle = `Place and topic gaps: national services only${d.gaps.length && !unexplained ? ', each with a recorded reason' : unexplained ? `, ${unexplained} with no reason recorded` : ''}`;
  body.push(...section(gapTitle, d.gaps.length, d.gaps.map((g) => [
    paragraph(`${directory.topics.find((t) => t.id === g.topic)?.title ?? g.topic} in ${directory.places.find((p) => p.id === g.place)?.name ?? g.place}${g.reason ? '' : ': no reason recorded'}`, { size: 'Small' }),
    actionSet([editButton('Add a service', { action: 'editAdd', topic: g.topic, place: g.place })]),
  ]), 'npm run directory -- report --only gaps'));

  body.push(paragraph('Everything, with the reasons: npm run directory -- report', { isSubtle: true, size: 'Small', spacing: 'Medium' }));
  return adaptiveCard(body, [], `Directory digest: week of ${day(d.today)}`);
}
