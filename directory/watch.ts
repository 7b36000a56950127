import { type FSWatcher, watch } from 'node:fs';
import { type Directory, loadDirectory } from './load';
import { DirectoryError, formatProblem } from './problems';

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
  const reload = () => {
    timer = undefined;
    try {
      const next = load(root);
      if (next.version !== current().version) events.loaded(next);
    } catch (error) {
      if (error instanceof DirectoryError) events.rejected({ version: error.version ?? 'unknown', problems: error.problems.map(formatProblem) });
      else events.rejected({ version: 'unknown', problems: [`could not read the data folder: ${(error as Error).message}`] });
    }
  };
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(root, { recursive: true }, () => {
      clearTimeout(timer);
      timer = setTimeout(reload, debounceMs);
    });
    watcher.on('error', () => undefined);
  } catch {
    watcher = undefined;
  }
  return {
    close() {
      clearTimeout(timer);
      watcher?.close();
    },
    reload,
  };
}
