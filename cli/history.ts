import { parseArgs } from 'node:util';
import { type Config, loadConfig } from '../bot/config';
import { chooseStorage } from '../bot/storage/choose';
import { editStorage } from '../bot/storage/edit-storage';
import type { Directory } from '../directory/load';
import { findRecords } from '../editing/find';
import { fieldsOf } from '../editing/merge';
import type { Proposal } from '../editing/proposal';
import { parseRecordKey, recordKey } from '../editing/records';
import { type EditStorage, EditStore } from '../editing/store';
import { stripControl } from '../maintain/terminal';

export interface HistoryIo {
  out(text: string): void;
  err(text: string): void;
}

const show = (v: unknown) => (v === undefined ? '(none)' : JSON.stringify(v));
const at = (iso?: string) => (iso ? iso.slice(0, 16).replace('T', ' ') : '');

const STATUS: Record<Proposal['status'], string> = {
  open: 'waiting for review',
  approved: 'approved, being published',
  published: 'published',
  rejected: 'rejected',
  withdrawn: 'withdrawn',
  conflict: 'not published: changed meanwhile',
};

/** One change as the audit trail prints it: who, when, what (before -> after) and the source. */
export function renderChange(p: Proposal, name: string): string {
  const lines = [`${at(p.proposedAt)}  ${p.record.replace(/^service:/, '')}  ${name}`];
  const decided = p.decidedBy ? ` by ${p.decidedBy.name} (${p.decidedBy.ref}) on ${at(p.decidedAt)}` : '';
  lines.push(`  ${p.kind} · ${STATUS[p.status]}${p.seq && (p.status === 'published' || p.status === 'approved') ? ` (#${p.seq})` : ''}${decided}${p.selfApproved ? ' · self-approved' : ''}${p.mergedOver ? ' · merged with a change to other fields' : ''}`);
  lines.push(`  proposed by ${p.proposedBy.name} (${p.proposedBy.ref})${p.needsSecond ? ` · needed a second maintainer (${p.needsSecond})` : ''}${p.report ? ` · answers staff report ${p.report}` : ''}`);
  const b = fieldsOf(p.before);
  const a = fieldsOf(p.after);
  for (const f of p.fields.filter((x) => x !== 'sources')) lines.push(`    ${f}: ${show(b.get(f))} -> ${show(a.get(f))}`);
  const was = Array.isArray(p.before?.sources) ? (p.before!.sources as Record<string, unknown>[]) : [];
  for (const s of Array.isArray(p.after.sources) ? (p.after.sources as Record<string, unknown>[]) : []) {
    if (!was.some((w) => JSON.stringify(w) === JSON.stringify(s))) lines.push(`    source: ${s.url} checked ${s.checked ?? '(no date)'} (shows ${Array.isArray(s.supports) ? s.supports.join(', ') : ''})`);
  }
  if (p.conflict) lines.push(`    conflicting fields: ${p.conflict.fields.join(', ')}`);
  return lines.map(stripControl).join('\n');
}

/**
 * `npm run directory -- history [service]`: the audit trail of changes made from Teams, from
 * the same store the bot uses (STORAGE and STATE_DIR as in .env), newest first; for one
 * service (or topic) when one is named.
 */
export async function historyCommand(args: string[], io: HistoryIo, deps: { directory?: Directory; config?: Config; storage?: EditStorage } = {}): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean' }, data: { type: 'string' }, today: { type: 'string' } } });
  const config = deps.config ?? loadConfig();
  const stores = deps.storage ? undefined : chooseStorage(config);
  const store = new EditStore(deps.storage ?? editStorage(stores!.edits));
  try {
    const query = positionals.join(' ').trim();
    let record: string | undefined;
    if (query) {
      const ref = parseRecordKey(query) ?? parseRecordKey(`service:${query}`);
      const known = ref && (!deps.directory || deps.directory.service(ref.id) || deps.directory.retired.some((s) => s.id === ref.id) || (ref.kind === 'topic' && deps.directory.topics.some((t) => t.id === ref.id)));
      if (known) record = recordKey(ref);
      else {
        const matches = deps.directory ? findRecords(deps.directory, query, { services: true, topics: true, retired: true }) : [];
        if (matches.length !== 1) {
          io.err(matches.length ? `'${query}' matches several records: ${matches.map((m) => recordKey(m.ref).replace(/^service:/, '')).join(', ')}. Give the id.\n` : `No service or topic '${query}'.\n`);
          return 1;
        }
        record = recordKey(matches[0].ref);
      }
    }
    const changes = (await store.list(record)).sort((a, b) => b.proposedAt.localeCompare(a.proposedAt) || b.id.localeCompare(a.id));
    if (values.json) {
      io.out(`${JSON.stringify(changes, null, 2)}\n`);
      return 0;
    }
    const nameOf = (p: Proposal) => {
      const ref = parseRecordKey(p.record);
      if (ref?.kind === 'topic') return `topic prompt: ${deps.directory?.topics.find((t) => t.id === ref.id)?.title ?? ref.id}`;
      return String(p.after.name ?? ref?.id ?? p.record);
    };
    if (!changes.length) {
      io.out(record ? `No changes to ${record.replace(/^service:/, '')} have been made from Teams: it is as the files have it.\n` : 'No directory changes have been made from Teams yet.\n');
      return 0;
    }
    io.out(`${changes.length} change${changes.length === 1 ? '' : 's'} made from Teams${record ? ` to ${record.replace(/^service:/, '')}` : ''}, newest first:\n\n`);
    io.out(`${changes.map((p) => renderChange(p, nameOf(p))).join('\n\n')}\n`);
    return 0;
  } finally {
    await stores?.close();
  }
}
