import { randomUUID } from 'node:crypto';
import { MAX_COMMENT, maskIdentifiers, type Report, type ReportReason } from './report';

/** The part of the Bot Framework Storage interface the report store needs (no botbuilder import). */
export interface KeyValueStorage {
  read(keys: string[]): Promise<Record<string, any>>;
  write(changes: Record<string, any>): Promise<void>;
}

const INDEX = 'reports/index';
const key = (id: string) => `reports/${id}`;

/**
 * Staff reports of wrong details, kept in the same storage layer as user preferences. The
 * index of ids is updated with eTags and retried on a conflict, so two reports made at
 * once are both kept.
 */
export class ReportStore {
  constructor(private readonly storage: KeyValueStorage, private readonly now: () => Date = () => new Date()) {}

  async add(input: { serviceId: string; reason: ReportReason; comment?: string; reporter: string }): Promise<Report> {
    const comment = input.comment?.trim() ? maskIdentifiers(input.comment.trim().slice(0, MAX_COMMENT)) : undefined;
    const report: Report = {
      id: randomUUID().slice(0, 8),
      serviceId: input.serviceId,
      reason: input.reason,
      ...(comment ? { comment } : {}),
      createdAt: this.now().toISOString(),
      reporter: input.reporter,
      status: 'open',
    };
    // The report and the index entry are written together, so a crash cannot leave a report
    // that is stored but never listed.
    await this.updateIndex((ids) => [...ids, report.id], { [key(report.id)]: { report } });
    return report;
  }

  async get(id: string): Promise<Report | undefined> {
    const items = await this.storage.read([key(id)]);
    return items[key(id)]?.report;
  }

  async list(filter: { status?: Report['status'] } = {}): Promise<Report[]> {
    const ids = await this.ids();
    if (!ids.length) return [];
    const items = await this.storage.read(ids.map(key));
    return ids.map((id) => items[key(id)]?.report as Report | undefined).filter((r): r is Report => Boolean(r) && (!filter.status || r!.status === filter.status));
  }

  async resolve(id: string, by: string, note?: string): Promise<Report | undefined> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const items = await this.storage.read([key(id)]);
      const item = items[key(id)];
      if (!item) return undefined;
      if (item.report.status === 'resolved') return item.report;
      const report: Report = { ...item.report, status: 'resolved', resolvedAt: this.now().toISOString(), resolvedBy: by, ...(note ? { note: maskIdentifiers(note.slice(0, MAX_COMMENT)) } : {}) };
      try {
        await this.storage.write({ [key(id)]: { report, eTag: item.eTag } });
        return report;
      } catch (error) {
        if ((error as Error).name !== 'ETagConflictError' && !/etag|precondition/i.test(String((error as Error).message))) throw error;
      }
    }
    throw new Error('Could not resolve the report: it kept changing. Try again.');
  }

  private ready?: Promise<void>;

  /** The index exists before any update, so every update is an eTag-checked one. */
  private async ensureIndex(): Promise<void> {
    const items = await this.storage.read([INDEX]);
    if (!items[INDEX]) await this.storage.write({ [INDEX]: { ids: [] } });
  }

  private async ids(): Promise<string[]> {
    const items = await this.storage.read([INDEX]);
    return items[INDEX]?.ids ?? [];
  }

  private async updateIndex(change: (ids: string[]) => string[], alongside: Record<string, unknown> = {}): Promise<void> {
    await (this.ready ??= this.ensureIndex());
    for (let attempt = 0; attempt < 20; attempt++) {
      const items = await this.storage.read([INDEX]);
      const current = items[INDEX];
      try {
        await this.storage.write({ ...alongside, [INDEX]: { ids: change(current?.ids ?? []), eTag: current?.eTag ?? '*' } });
        return;
      } catch (error) {
        if ((error as Error).name !== 'ETagConflictError' && !/etag|precondition/i.test(String((error as Error).message))) throw error;
        await new Promise((r) => setTimeout(r, Math.random() * 20));
      }
    }
    throw new Error('Could not record the report in the index after several tries.');
  }
}
