/** Runs bench/search-worker.ts in a fresh process (with --expose-gc) per directory. */
import { fork } from 'node:child_process';
import { join } from 'node:path';
import type { WorkerOptions, WorkerResult } from './search-worker';

export function runSearchWorker(options: WorkerOptions, nodeFlags: string[] = []): Promise<WorkerResult> {
  return new Promise((resolve, reject) => {
    const child = fork(join(__dirname, 'search-worker.ts'), [JSON.stringify(options)], {
      execArgv: ['--expose-gc', ...nodeFlags, '--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let settled = false;
    child.on('message', (m: { ok: boolean; result?: WorkerResult; error?: string }) => {
      settled = true;
      if (m.ok) resolve(m.result!);
      else reject(new Error(`search benchmark (${options.label}) failed: ${m.error}`));
    });
    child.on('exit', (code) => {
      if (!settled) reject(new Error(`search benchmark (${options.label}) exited with code ${code} before reporting`));
    });
  });
}
