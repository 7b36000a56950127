import { join } from 'node:path';
import { type DataOverlay, listDataFolder, readDataText } from '../directory/overlay';

/** One data file as it is on disk, parsed but not validated. `file` is relative to the data folder. */
export interface RawFile {
  file: string;
  value: unknown;
  /** The file's text, byte for byte (absent for data that did not come from a file). */
  text?: string;
}

/** The files the extra checks look at, read without stopping at the first problem. */
export interface RawDirectory {
  services: RawFile[];
  topics: RawFile[];
  crisis?: RawFile;
  /** places/places.json, towns.json, gp-practices.json, vaccination-sites.json */
  places: RawFile[];
}

/**
 * Reads a file that parses as JSON. A file that is missing or not valid JSON is skipped:
 * loadDirectory already reports those, with the reason.
 */
function readRaw(root: string, file: string, overlay?: DataOverlay): RawFile | undefined {
  try {
    const text = readDataText(root, file, overlay);
    return { file, value: JSON.parse(text), text };
  } catch {
    return undefined;
  }
}

function folder(root: string, name: string, overlay?: DataOverlay): RawFile[] {
  let names: string[];
  try {
    names = listDataFolder(root, name, overlay);
  } catch {
    return [];
  }
  return names.map((f) => readRaw(root, join(name, f), overlay)).filter((f): f is RawFile => f !== undefined);
}

export function readRawServices(root: string, overlay?: DataOverlay): RawFile[] {
  return folder(root, 'services', overlay);
}

/** The raw files, with an overlay's versions in place of (or beside) those on disk. */
export function readRawDirectory(root: string, overlay?: DataOverlay): RawDirectory {
  return {
    services: readRawServices(root, overlay),
    topics: folder(root, 'topics', overlay),
    crisis: readRaw(root, 'crisis.json', overlay),
    places: ['places.json', 'towns.json', 'gp-practices.json', 'vaccination-sites.json']
      .map((f) => readRaw(root, join('places', f), overlay))
      .filter((f): f is RawFile => f !== undefined),
  };
}
