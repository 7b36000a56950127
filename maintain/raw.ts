import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

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
function readRaw(root: string, file: string): RawFile | undefined {
  try {
    const text = readFileSync(join(root, file), 'utf8');
    return { file, value: JSON.parse(text), text };
  } catch {
    return undefined;
  }
}

function folder(root: string, name: string): RawFile[] {
  let names: string[];
  try {
    names = readdirSync(join(root, name)).filter((f) => f.endsWith('.json')).sort();
  } catch {
    return [];
  }
  return names.map((f) => readRaw(root, join(name, f))).filter((f): f is RawFile => f !== undefined);
}

export function readRawServices(root: string): RawFile[] {
  return folder(root, 'services');
}

export function readRawDirectory(root: string): RawDirectory {
  return {
    services: readRawServices(root),
    topics: folder(root, 'topics'),
    crisis: readRaw(root, 'crisis.json'),
    places: ['places.json', 'towns.json', 'gp-practices.json', 'vaccination-sites.json']
      .map((f) => readRaw(root, join('places', f)))
      .filter((f): f is RawFile => f !== undefined),
  };
}
