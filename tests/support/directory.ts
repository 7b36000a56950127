import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tempDir } from './process';
import { join } from 'node:path';
import { defaultDataDir, type Directory, loadDirectory } from '../../directory/load';
import { Signposter } from '../../search/answer';

let cached: Directory | undefined;
let cachedSignposter: Signposter | undefined;

/** The real directory, loaded once for the whole test run. */
export function realDirectory(): Directory {
  cached ??= loadDirectory(defaultDataDir());
  return cached;
}

export function realSignposter(): Signposter {
  cachedSignposter ??= new Signposter(realDirectory());
  return cachedSignposter;
}

/** A throw-away copy of the real data folder, for tests that break or change files. */
export class DataCopy {
  readonly root = tempDir('mecc-data-');

  constructor() {
    cpSync(defaultDataDir(), this.root, { recursive: true });
  }

  read(file: string): any {
    return JSON.parse(readFileSync(join(this.root, file), 'utf8'));
  }

  write(file: string, value: unknown): void {
    writeFileSync(join(this.root, file), typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  }

  edit(file: string, change: (json: any) => void): void {
    const json = this.read(file);
    change(json);
    this.write(file, json);
  }

  remove(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}
