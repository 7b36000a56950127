import { randomUUID } from 'node:crypto';
import { chmodSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Storage, StoreItems } from 'botbuilder';
import { ClassicLevel } from 'classic-level';

type Item = Record<string, unknown> & { eTag?: string };

export class ETagConflictError extends Error {
  constructor(readonly key: string) {
    super(`The record '${key}' was changed by someone else; reload and try again.`);
    this.name = 'ETagConflictError';
  }
}

/** LevelDB refuses a second process with a lock error (in the error or its cause). */
export function isLockedError(error: unknown): boolean {
  return /lock/i.test(String((error as { cause?: Error } | undefined)?.cause?.message ?? (error as Error | undefined)?.message));
}

/**
 * Bot Framework Storage on LevelDB (an embedded database with a write-ahead log): durable
 * on local disk with no set-up. Writes honour eTags the way the Azure providers do, so
 * a stale write is refused rather than silently overwriting a newer one.
 *
 * `holdOpen: false` opens the database for each operation only, so a command-line tool
 * can read and write the same folder while the bot runs (LevelDB allows one process at a
 * time; a busy database is retried).
 */
export class LevelStorage implements Storage {
  private db?: ClassicLevel<string, Item>;
  private queue: Promise<unknown> = Promise.resolve();

  private idleTimer?: NodeJS.Timeout;

  /**
   * `idleCloseMs`: held open while in use and closed after that long without an operation,
   * so a busy bot pays no open per write and a command-line tool still gets in when it is quiet.
   */
  constructor(private readonly folder: string, private readonly options: { holdOpen?: boolean; sync?: boolean; idleCloseMs?: number } = {}) {
    // Staff reports and preferences are for the service's own user only: the folder is 0700
    // and its files 0600, whatever the umask.
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    chmodSync(folder, 0o700);
  }

  private restrict(): void {
    let names: string[];
    try {
      names = readdirSync(this.folder);
    } catch {
      return; // the folder was removed (a test or a soak run clearing up)
    }
    for (const name of names) {
      try {
        chmodSync(join(this.folder, name), 0o600);
      } catch {
        /* removed meanwhile by LevelDB's compaction */
      }
    }
  }

  /** Runs one operation at a time: an eTag check and its write must not interleave. */
  private exclusive<T>(work: (db: ClassicLevel<string, Item>) => Promise<T>): Promise<T> {
    const run = this.queue.then(async () => {
      const db = await this.open();
      try {
        return await work(db);
      } finally {
        if (this.options.holdOpen === false && !this.options.idleCloseMs) await this.closeDb();
      }
    });
    this.queue = run.catch(() => undefined);
    if (this.options.idleCloseMs) this.closeWhenIdle(this.options.idleCloseMs);
    return run;
  }

  private closeWhenIdle(ms: number): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      this.queue = this.queue.then(() => this.closeDb()).catch(() => undefined);
    }, ms).unref();
  }

  private async open(): Promise<ClassicLevel<string, Item>> {
    if (this.db?.status === 'open') return this.db;
    for (let attempt = 0; ; attempt++) {
      const db = new ClassicLevel<string, Item>(this.folder, { valueEncoding: 'json' });
      try {
        await db.open();
        this.restrict();
        this.db = db;
        return db;
      } catch (error) {
        if (!isLockedError(error) || attempt >= 50) throw error;
        await new Promise((r) => setTimeout(r, 20 + Math.random() * 40));
      }
    }
  }

  /** Opens the database now rather than at the first turn, so a folder held by another process shows at start-up. */
  async ensureOpen(): Promise<void> {
    await this.exclusive(async () => undefined);
  }

  private async closeDb(): Promise<void> {
    const db = this.db;
    this.db = undefined;
    if (db && db.status === 'open') {
      await db.close();
      this.restrict();
    }
  }

  read(keys: string[]): Promise<StoreItems> {
    const get = async (db: ClassicLevel<string, Item>) => {
      const values = await db.getMany(keys);
      const items: StoreItems = {};
      keys.forEach((k, i) => {
        if (values[i] !== undefined) items[k] = values[i];
      });
      return items;
    };
    // Reads see a consistent snapshot on their own; only writes (check eTag, then put) and
    // open-per-operation use must wait their turn.
    if (this.options.holdOpen !== false && !this.options.idleCloseMs && this.db?.status === 'open') return get(this.db);
    return this.exclusive(get);
  }

  write(changes: StoreItems): Promise<void> {
    return this.exclusive(async (db) => {
      const keys = Object.keys(changes);
      const current = await db.getMany(keys);
      const batch = keys.map((key, i) => {
        const incoming = { ...(changes[key] as Item) };
        const existing = current[i];
        if (incoming.eTag && incoming.eTag !== '*' && existing && existing.eTag !== incoming.eTag) throw new ETagConflictError(key);
        return { type: 'put' as const, key, value: { ...incoming, eTag: randomUUID() } };
      });
      await db.batch(batch, { sync: this.options.sync ?? false });
    });
  }

  /** Writes `value` under `key` only if nothing is there yet; false if something is. */
  create(key: string, value: Record<string, unknown>): Promise<boolean> {
    return this.exclusive(async (db) => {
      if ((await db.getMany([key]))[0] !== undefined) return false;
      await db.put(key, { ...value, eTag: randomUUID() }, { sync: this.options.sync ?? false });
      return true;
    });
  }

  /** Every key that starts with `prefix`, in order. */
  keys(prefix: string): Promise<string[]> {
    return this.exclusive(async (db) => {
      const out: string[] = [];
      for await (const k of db.keys({ gte: prefix, lt: `${prefix}\uffff` })) out.push(k);
      return out;
    });
  }

  delete(keys: string[]): Promise<void> {
    return this.exclusive((db) => db.batch(keys.map((key) => ({ type: 'del' as const, key }))));
  }

  async close(): Promise<void> {
    clearTimeout(this.idleTimer);
    await this.queue;
    await this.closeDb();
  }
}
