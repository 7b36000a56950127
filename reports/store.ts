import { randomUUID } from 'node:crypto';
import { MAX_COMMENT, maskIdentifiers, type Report, type ReportReason } from './report';

/** The part of the Bot Framework Storage interface the report store needs (no botbuilder import). */
export interface KeyValueStorage {
  read(keys: string[]): Promise<Record<string, any>>;
  write(changes: Record<string, any>): Promise<void>;
}

/** A storage that can also list its keys under a prefix (LevelDB, blobs and memory all can). */
export interface ListableStorage extends KeyValueStorage {
  keys(prefix: string): Promise<string[]>;
}

/** Before reports were listed by prefix they had a shared index; it is kept for old data but no longer written. */
const OLD_INDEX = 'reports/index';
const PREFIX = 'reports/';
const key = (id: string) => `${PREFIX}${id}`;

/**
 * Staff reports of wrong details, kept in the same storage layer as user preferences. Each
 * report is one record of its own, written once: there is no shared index to rewrite, so
 * reports made at the same moment never contend, and adding one costs the same at 100 or
 * 100,000 stored. Listing reads the records under the prefix.
 */
export class ReportStore {
  constructor(private readonly storage: ListableStorage, private readonly now: () => Date = () => new Date()) {}

  async add(input: { serviceId: string; reason: ReportReason; comment?: string; reporter: string }): Promise<Report> {
    const comment = input.comment?.trim() ? maskIdentifiers(input.comment.trim().slice(0, MAX_COMMENT)) : undefined;
    const report: Report = {
      // Time first, so that ids (and keys) sort in the order reports were made.
      id: `${this.now().getTime().toString(36).padStart(9, '0')}${randomUUID().slice(0, 3)}`,
      serviceId: input.serviceId,
      reason: input.reason,
      ...(comment ? { comment } : {}),
      createdAt: this.now().toISOString(),
      reporter: input.reporter,
      status: 'open',
    };
    await this.storage.write({ [key(report.id)]: { report } });
    return report;
  }

  async get(id: string): Promise<Report | undefined> {
    if (!/^[0-9a-z]{8,12}$/.test(id)) return undefined;
    const items = await this.storage.read([key(id)]);
    return items[key(id)]?.report;
  }

  async list(filter: { status?: Report['status'] } = {}): Promise<Report[]> {
    const keys = (await this.storage.keys(PREFIX)).filter((k) => k !== OLD_INDEX);
    const reports: Report[] = [];
    for (let i = 0; i < keys.length; i += 500) {
      const items = await this.storage.read(keys.slice(i, i + 500));
      for (const k of keys.slice(i, i + 500)) {
        const r = items[k]?.report as Report | undefined;
        if (r && (!filter.status || r.status === filter.status)) reports.push(r);
      }
    }
    return reports.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
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
}
