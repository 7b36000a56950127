import { DirectoryError } from '../directory/problems';
import { loadDirectory, type Directory } from '../directory/load';

/** Command-line tools stop with the maintainer-facing problem list, not a stack trace. */
export function loadDirectoryOrExit(dir?: string): Directory {
  try {
    return loadDirectory(dir);
  } catch (e) {
    if (e instanceof DirectoryError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
}
