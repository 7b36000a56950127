import { parseArgs } from 'node:util';
import { type Config, loadConfig } from '../bot/config';
import { chooseStorage } from '../bot/storage/choose';
import type { Directory } from '../directory/load';
import { type Report, REPORT_REASONS } from '../reports/report';
import { stripControl } from '../maintain/terminal';
import { type ListableStorage, ReportStore } from '../reports/store';
import { listable } from '../bot/storage/listable';

export interface FeedbackIo {
  out(text: string): void;
  err(text: string): void;
}

/**
 * `npm run directory -- feedback`: staff reports of wrong details, from the same store the
 * bot writes (STORAGE and STATE_DIR as in .env), listed oldest first; and
 * `feedback resolve <id> --note "..."` to close one.
 */
export async function feedbackCommand(args: string[], io: FeedbackIo, deps: { directory?: Directory; config?: Config; storage?: ListableStorage } = {}): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { note: { type: 'string' }, all: { type: 'boolean' }, json: { type: 'boolean' }, data: { type: 'string' }, today: { type: 'string' } } });
  const config = deps.config ?? loadConfig();
  const stores = deps.storage ? undefined : chooseStorage(config);
  const store = new ReportStore(deps.storage ?? listable(stores!.reports));
  try {
    if (positionals[0] === 'resolve') {
      const id = positionals[1];
      if (!id) {
        io.err('Usage: npm run directory -- feedback resolve <report id> --note "what you changed"\n');
        return 64;
      }
      if (!values.note?.trim()) {
        io.err('Say what you did, so the next maintainer knows: --note "phone number updated from the provider\'s website"\n');
        return 64;
      }
      const before = await store.get(id);
      if (!before) {
        io.err(`No report '${id}'. Run 'npm run directory -- feedback --all' to see the ids.\n`);
        return 1;
      }
      if (before.status === 'resolved') {
        io.out(`Report ${id} was already resolved on ${before.resolvedAt?.slice(0, 10)}.\n`);
        return 0;
      }
      await store.resolve(id, 'maintainer (command line)', values.note);
      io.out(`Report ${id} (${before.serviceId}) is resolved.\n`);
      return 0;
    }
    if (positionals.length) {
      io.err(`Unknown feedback command '${positionals[0]}'. Use 'feedback' to list, or 'feedback resolve <id> --note "..."'.\n`);
      return 64;
    }
    const reports = (await store.list(values.all ? {} : { status: 'open' })).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    if (values.json) {
      io.out(`${JSON.stringify(reports, null, 2)}\n`);
      return 0;
    }
    io.out(render(reports, deps.directory, values.all === true));
    return 0;
  } finally {
    await stores?.close();
  }
}

function render(reports: Report[], directory: Directory | undefined, all: boolean): string {
  if (!reports.length) return all ? 'No staff reports yet.\n' : 'No open staff reports.\n';
  const lines = [`${reports.length} ${all ? '' : 'open '}staff report${reports.length === 1 ? '' : 's'}, oldest first:`, ''];
  for (const r of reports) {
    // Stored text is printed without control characters: a comment cannot rewrite the terminal.
    const name = stripControl(directory?.service(r.serviceId)?.name ?? r.serviceId);
    lines.push(`  ${stripControl(r.id)}  ${stripControl(r.createdAt.slice(0, 16).replace('T', ' '))}  ${REPORT_REASONS[r.reason] ?? 'Other'}  ·  ${name} (${stripControl(r.serviceId)})${r.status === 'resolved' ? '  ·  resolved' : ''}`);
    if (r.comment) lines.push(`            "${stripControl(r.comment)}"`);
    if (r.note) lines.push(`            note: ${stripControl(r.note)}`);
  }
  lines.push('', 'Fix the record in directory-data/services/, then: npm run directory -- feedback resolve <id> --note "what you changed"');
  return `${lines.join('\n')}\n`;
}
