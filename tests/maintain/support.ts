import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { formatProblem } from '../../directory/problems';
import { main } from '../../cli/directory';
import { validateDirectory, type ValidationProblem } from '../../maintain/validate';
import { DataCopy } from '../support/directory';

/** The date the real data was reviewed: tests pass it as --today so that they do not age. */
export const TODAY = '2026-12-02';

export interface Run {
  code: number;
  out: string;
  err: string;
}

/** Runs `npm run directory -- ...args` in-process (no child process), capturing its output. */
export function run(...args: string[]): Run {
  let out = '';
  let err = '';
  const code = main(args, { out: (t) => (out += t), err: (t) => (err += t), isTTY: false });
  return { code, out, err };
}

/** Validates a copy of the real data after one change, then throws the copy away. */
export function validateAfter(change: (d: DataCopy) => void, today = TODAY): ValidationProblem[] {
  const data = new DataCopy();
  try {
    change(data);
    return validateDirectory(data.root, { today }).problems;
  } finally {
    data.remove();
  }
}

export const lines = (problems: ValidationProblem[]) => problems.map(formatProblem);

/** Every file under a folder with its text, to prove that nothing on disk changed. */
export function snapshot(root: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.set(relative(root, path), readFileSync(path, 'utf8'));
    }
  };
  walk(root);
  return files;
}
