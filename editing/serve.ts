import type { Directory } from '../directory/load';
import { DirectoryError, formatProblem } from '../directory/problems';
import type { Finding } from '../maintain/checks';
import { loadDirectoryForServing } from '../maintain/serve';
import { overlayKey } from '../directory/overlay';
import type { EditOverlay, PublishedChanges, ServedRecord } from './published';
import { recordFile } from './records';

/** A published change the bot could not serve, because the directory with it would not pass its checks. */
export interface UnservedChange {
  record: string;
  proposal: string;
  problems: string[];
}

export interface EditedDirectory {
  directory: Directory;
  warnings: Finding[];
  overlay: EditOverlay;
  /** Published changes left out (each record's own problems), so that the rest still serve. */
  unserved: UnservedChange[];
}

/**
 * The directory as served: the files with the published changes over them, through the same
 * checks as the files alone (schema, loader, extra checks, crisis guard). If a published
 * change no longer passes (a newer release of the files clashes with it), that record alone
 * is served from the files and the problem reported; the other changes still serve. Only
 * when the files themselves fail does this throw, as it always has.
 */
export function loadEditedDirectory(root: string, published: PublishedChanges): EditedDirectory {
  const overlay = published.overlay(root);
  const files = new Map(overlay.files);
  const unserved: UnservedChange[] = [];
  const fileOf = (r: ServedRecord) => overlayKey(recordFile(r.ref));
  for (let round = 0; ; round++) {
    try {
      const { directory, warnings } = loadDirectoryForServing(root, files);
      return { directory, warnings, overlay: { ...overlay, files }, unserved };
    } catch (error) {
      if (!(error instanceof DirectoryError) || files.size === 0 || round > 3) throw error;
      const about = (r: ServedRecord) => error.problems.filter((p) => overlayKey(p.file) === fileOf(r) || p.record === r.ref.id);
      let blamed = [...overlay.records.values()].filter((r) => files.has(fileOf(r)) && about(r).length);
      // Nothing of ours named: serve the files alone, so the problem is seen to be theirs.
      if (!blamed.length) blamed = [...overlay.records.values()].filter((r) => files.has(fileOf(r)));
      for (const r of blamed) {
        files.delete(fileOf(r));
        unserved.push({ record: r.key, proposal: r.latest.id, problems: (about(r).length ? about(r) : error.problems).map(formatProblem) });
      }
      if (![...overlay.records.values()].some((r) => files.has(fileOf(r)))) files.clear();
    }
  }
}
