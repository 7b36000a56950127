import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { replaceServices } from '../maintain/swap';
import type { PublishedChanges, ReleaseConflict } from './published';
import { type UnservedChange, loadEditedDirectory } from './serve';

export interface FilesExport {
  /** Files (relative to the data folder) whose text the published changes change. */
  writes: { file: string; text: string }[];
  /** Published changes a newer release of the files disagrees with: nothing is written while there are any. */
  conflicts: ReleaseConflict[];
  /** Published changes that do not pass the checks with the files as they are. */
  unserved: UnservedChange[];
  /** Records whose published change the files already hold. */
  unchanged: number;
}

const read = (root: string, file: string) => {
  try {
    return readFileSync(join(root, file), 'utf8');
  } catch {
    return undefined;
  }
};

/**
 * What `export --files` would write: every file with the published changes applied, merged
 * with the files as they are (a newer release's changes to other fields are kept). A field
 * both changed differently is a conflict, reported and never overwritten either way.
 */
export function planFilesExport(root: string, published: PublishedChanges): FilesExport {
  const edited = loadEditedDirectory(root, published);
  const writes: FilesExport['writes'] = [];
  let unchanged = 0;
  for (const [file, text] of edited.overlay.files) {
    if (read(root, file) === text) unchanged++;
    else writes.push({ file, text });
  }
  return { writes, conflicts: edited.overlay.conflicts, unserved: edited.unserved, unchanged };
}

/**
 * Writes the export: services/ (with the crisis lines' confirmed record, which lives there)
 * swapped in whole as an import is, so a kill leaves the old folder or the new; each topic
 * file written beside itself and renamed over it.
 */
export function applyFilesExport(root: string, plan: FilesExport): void {
  if (plan.conflicts.length || plan.unserved.length) throw new Error('The published changes conflict with the files: nothing was written.');
  const services = plan.writes.filter((w) => w.file.startsWith('services/'));
  const others = plan.writes.filter((w) => !w.file.startsWith('services/'));
  if (others.some((w) => !/^topics\/[a-z0-9-]+\.json$/.test(w.file))) throw new Error('An export only writes services/ and topics/.');
  if (services.length) replaceServices(root, services, []);
  for (const w of others) {
    const path = join(root, w.file);
    writeFileSync(`${path}.export-tmp`, w.text);
    renameSync(`${path}.export-tmp`, path);
  }
}
