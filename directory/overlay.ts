import { readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';

/**
 * Data files that stand in for (or are added to) the files in the data folder, by their path
 * relative to it ('services/llbd.json'). Published edits from Teams are served this way: the
 * files stay the starting point and every check that reads them reads the edited version.
 */
export type DataOverlay = ReadonlyMap<string, string>;

/** 'services\\llbd.json' and 'services/llbd.json' are the same file. */
export function overlayKey(file: string): string {
  return file.split(sep).join('/');
}

/** A data file's text: from the overlay when it holds the file, else from disk (throws if missing). */
export function readDataText(root: string, file: string, overlay?: DataOverlay): string {
  const text = overlay?.get(overlayKey(file));
  return text ?? readFileSync(join(root, file), 'utf8');
}

/** The .json file names in a folder of the data folder, with the overlay's additions, sorted. Throws if the folder is missing and the overlay adds nothing. */
export function listDataFolder(root: string, folder: string, overlay?: DataOverlay): string[] {
  const prefix = `${overlayKey(folder)}/`;
  const added = [...(overlay?.keys() ?? [])].filter((k) => k.startsWith(prefix) && !k.slice(prefix.length).includes('/')).map((k) => k.slice(prefix.length));
  let onDisk: string[];
  try {
    onDisk = readdirSync(join(root, folder));
  } catch (error) {
    if (!added.length) throw error;
    onDisk = [];
  }
  return [...new Set([...onDisk, ...added])].filter((f) => f.endsWith('.json')).sort();
}
