import { type Directory, loadDirectory } from '../directory/load';
import type { DataOverlay } from '../directory/overlay';
import { DirectoryError, formatProblem, type Problem } from '../directory/problems';
import { checkCoverageReasons, checkRaw, type Finding, RULES, type RuleId, type Severity } from './checks';
import { checkExamples } from './examples';
import { readRawDirectory } from './raw';
import { crisisProblems } from './crisis-guard';
import { recoverInterruptedImport } from './swap';

/** A problem from loadDirectory (`rule: 'schema'`) or from the extra checks. */
export interface ValidationProblem extends Problem {
  rule: RuleId | 'schema';
  severity: Severity;
}

export interface Validation {
  problems: ValidationProblem[];
  errors: ValidationProblem[];
  warnings: ValidationProblem[];
  /** The loaded directory, when loadDirectory accepted it. */
  directory?: Directory;
}

const key = (p: Problem) => `${p.file}\0${p.field ?? ''}`;

/**
 * Everything wrong with a data folder, all at once: loadDirectory's problems (schema and the
 * loader's own checks) and the extra checks of maintain/checks.ts, run over the raw files so
 * that they still run when loadDirectory stops. Where a check repeats the loader's (same file
 * and field), only the check's message is kept.
 */
export function validateDirectory(root: string, options: { today: string; overlay?: DataOverlay; examples?: boolean }): Validation {
  const { overlay } = options;
  // The bot validates a Teams edit over the files as they are, and never moves them.
  if (!overlay) recoverInterruptedImport(root);
  let directory: Directory | undefined;
  let loaderProblems: Problem[] = [];
  try {
    directory = loadDirectory(root, { overlay });
  } catch (e) {
    if (!(e instanceof DirectoryError)) throw e;
    loaderProblems = e.problems;
  }
  const extra: Finding[] = [
    ...checkRaw(readRawDirectory(root, overlay), options),
    ...(directory ? checkCoverageReasons(directory) : []),
    ...crisisProblems(root, overlay).map((p) => ({ ...p, rule: 'crisis-change' as const, severity: 'error' as const })),
  ];
  // Where a check repeats one of the loader's, its message is the more helpful (it quotes the
  // value and suggests a fix), so it replaces the loader's message for that file and field.
  const covered = new Set(extra.filter((f: Finding) => RULES[f.rule].alsoInLoader && f.severity === 'error').map(key));
  const problems: ValidationProblem[] = [
    ...loaderProblems.filter((p) => !covered.has(key(p))).map((p) => ({ ...p, rule: 'schema' as const, severity: 'error' as const })),
    ...extra,
    ...(directory && options.examples !== false ? checkExamples(directory) : []),
  ];
  // Each file's problems together, files in order (a stable sort keeps the loader's first).
  problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return {
    problems,
    errors: problems.filter((p) => p.severity === 'error'),
    warnings: problems.filter((p) => p.severity === 'warning'),
    directory,
  };
}

export { formatProblem };
