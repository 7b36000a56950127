import { type Directory, loadDirectory } from '../directory/load';
import type { DataOverlay } from '../directory/overlay';
import { DirectoryError } from '../directory/problems';
import { checkDirectory, type Finding } from './checks';
import { todayIso } from './dates';
import { crisisProblems } from './crisis-guard';

/**
 * The directory as the bot serves it: the schema, then the maintainers' extra checks
 * (phone formats, shared numbers, https, sources, future dates). Errors refuse the data,
 * at start-up or on a live edit; warnings are returned for the log.
 */
export function loadDirectoryForServing(root: string, overlay?: DataOverlay): { directory: Directory; warnings: Finding[] } {
  const directory = loadDirectory(root, { overlay });
  // A crisis line changed behind the maintainers' back (an edit, a copy) is never served.
  const crisis: Finding[] = crisisProblems(root, overlay).map((p) => ({ ...p, rule: 'crisis-change', severity: 'error' }));
  const findings = [...checkDirectory(directory, { today: todayIso() }), ...crisis];
  const errors = findings.filter((f) => f.severity === 'error');
  if (errors.length) throw new DirectoryError(errors, directory.version);
  return { directory, warnings: findings.filter((f) => f.severity === 'warning') };
}
