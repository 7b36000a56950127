import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Being written: incomplete until renamed to READY. */
const STAGING = '.import-staging';
/** Complete: the next services/, waiting to be swapped in. */
const READY = '.import-ready';
/** The services/ being replaced, removed once the swap is done. */
const OLD = '.import-old';

/**
 * Finishes or discards an import that was interrupted (kill -9, power cut), so that the data
 * folder holds either the old services or the new ones, never a mix. A READY folder is
 * complete, so it is swapped in; a STAGING one is not, so it is thrown away. Safe to run at any
 * time, and by every reader: it does nothing when no import was interrupted.
 */
export function recoverInterruptedImport(root: string): void {
  const at = (name: string) => join(root, name);
  if (existsSync(at(READY))) {
    if (existsSync(at('services'))) {
      rmSync(at(OLD), { recursive: true, force: true });
      renameSync(at('services'), at(OLD));
    }
    renameSync(at(READY), at('services'));
  }
  rmSync(at(STAGING), { recursive: true, force: true });
  rmSync(at(OLD), { recursive: true, force: true });
}

/**
 * Replaces services/ as a whole: the new folder is written beside it (unchanged files copied,
 * changed ones written, removed ones left out), marked complete by one rename, then swapped in.
 */
export function replaceServices(root: string, writes: { file: string; text: string }[], deletes: string[], tick?: () => void): void {
  recoverInterruptedImport(root);
  const staging = join(root, STAGING);
  const services = join(root, 'services');
  mkdirSync(staging);
  const replaced = new Set([...writes.map((w) => w.file), ...deletes].map((f) => f.replace(/^services[\\/]/, '')));
  for (const name of existsSync(services) ? readdirSync(services) : []) {
    if (!replaced.has(name)) copyFileSync(join(services, name), join(staging, name));
  }
  for (const w of writes) {
    writeFileSync(join(staging, w.file.replace(/^services[\\/]/, '')), w.text);
    tick?.();
  }
  renameSync(staging, join(root, READY));
  recoverInterruptedImport(root);
}
