import type { z } from 'zod';

/** One thing wrong with the directory data, phrased for a maintainer, not a developer. */
export interface Problem {
  file: string;
  record?: string;
  field?: string;
  message: string;
}

export function formatProblem(p: Problem): string {
  const where = [p.file, p.record ? `record '${p.record}'` : undefined, p.field ? `field '${p.field}'` : undefined]
    .filter(Boolean)
    .join(': ');
  return `${where}: ${p.message}`;
}

export class DirectoryError extends Error {
  constructor(readonly problems: Problem[], readonly version?: string) {
    super(
      `The directory data has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n` +
        problems.map((p) => `  - ${formatProblem(p)}`).join('\n'),
    );
    this.name = 'DirectoryError';
  }
}

function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)), '');
}

/** Turns zod issues into maintainer-facing problems (zod's defaults speak to developers). */
export function problemsFromZod(file: string, record: string | undefined, error: z.ZodError, pathPrefix = ''): Problem[] {
  return error.issues.map((issue) => {
    const field = [pathPrefix, fieldPath(issue.path)].filter(Boolean).join('.') || undefined;
    let message = issue.message;
    if (issue.code === 'invalid_type' && /received undefined/.test(message)) message = 'is missing';
    else if (issue.code === 'invalid_type') message = `has the wrong kind of value (${message.replace(/^Invalid input: /, '')})`;
    else if (issue.code === 'unrecognized_keys') message = `has unknown field(s) ${issue.keys.map((k) => `'${k}'`).join(', ')}: check the spelling against directory-data/README.md`;
    return { file, record, field, message };
  });
}
