import { DirectoryError } from '../directory/problems';
import { defaultDataDir, type Directory } from '../directory/load';
import { loadDirectoryForServing } from '../maintain/serve';

/**
 * The directory exactly as the bot would serve it (so `ask` never shows what the bot would
 * refuse, such as an unconfirmed change to a crisis line). Command-line tools stop with the
 * maintainer-facing problem list, not a stack trace.
 */
export function loadDirectoryOrExit(dir?: string): Directory {
  try {
    return loadDirectoryForServing(dir ?? defaultDataDir()).directory;
  } catch (e) {
    if (e instanceof DirectoryError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
}
