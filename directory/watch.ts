import { type FSWatcher, watch } from 'node:fs';
import { join } from 'node:path';
import { type Directory, loadDirectory } from './load';
import { DirectoryError, formatProblem } from './problems';

/** The folders under the data folder that hold data files (see directory-data/README.md). */
const DATA_FOLDERS = ['topics', 'services', 'places', 'walkthroughs', 'understanding'];

export interface DirectoryWatchEvents {
  loaded(directory: Directory): void;
  rejected(rejection: { version: string; problems: string[] }): void;
}

/**
 * Reloads the directory when a data file changes. A valid change replaces the directory in
 * one step; an invalid one is reported and the last good directory keeps serving, so a
 * half-saved or broken edit is never served.
 */
export function watchDirectory(
  root: string,
  current: () => Directory,
  events: DirectoryWatchEvents,
  options: { debounceMs?: number; load?: (root: string) => Directory } = {},
): { close(): void; reload(): void } {
  const { debounceMs = 250, load = loadDirectory } = options;
  let timer: NodeJS.Timeout | undefined;
  // After a refusal, good data is reported even when it is the version already served (an edit
  // reverted to the same content), so that whoever shows the refusal can clear it.
  let lastRefused = false;
  const reload = () => {
    timer = undefined;
    try {
      const next = load(root);
      if (next.version !== current().version || lastRefused) events.loaded(next);
      lastRefused = false;
    } catch (error) {
      lastRefused = true;
      if (error instanceof DirectoryError) events.rejected({ version: error.version ?? 'unknown', problems: error.problems.map(formatProblem) });
      else events.rejected({ version: 'unknown', problems: [`could not read the data folder: ${(error as Error).message}`] });
    }
  };
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(reload, debounceMs);
  };
  // One watcher per folder, not Node's recursive watch: on Linux that sets up a watcher for
  // every file, which for a national directory of 50,000 services costs 100 MB.
  const watchers = new Map<string, FSWatcher>();
  const watchFolder = (folder: string) => {
    watchers.get(folder)?.close();
    watchers.delete(folder);
    try {
      const w = watch(join(root, folder), (_event, name) => {
        schedule();
        // A folder swapped in whole (an import, `export --files`) is a new folder: watch that one.
        if (folder === '' && typeof name === 'string' && DATA_FOLDERS.includes(name)) watchFolder(name);
      });
      w.on('error', () => undefined);
      watchers.set(folder, w);
    } catch {
      /* a missing folder is reported by the loader on the next reload */
    }
  };
  for (const folder of ['', ...DATA_FOLDERS]) watchFolder(folder);
  return {
    close() {
      clearTimeout(timer);
      for (const w of watchers.values()) w.close();
    },
    reload,
  };
}
