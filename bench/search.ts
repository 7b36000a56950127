/** Runs bench/search-worker.ts in a fresh process (with --expose-gc) per directory. */
import { fork } from 'node:child_process';
import { join } from 'node:path';
import type { WorkerOptions, WorkerResult } from './search-worker';

/** Resolves once the worker has reported and exited (so a --cpu-prof profile is on disk). */
export function runSearchWorker(options: WorkerOptions, nodeFlags: string[] = []): Promise<WorkerResult> {
  return new Promise((resolve, reject) => {
    const child = fork(join(__dirname, 'search-worker.ts'), [JSON.stringify(options)], {
      execArgv: ['--expose-gc', ...nodeFlags, '--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let reply: { ok: boolean; result?: WorkerResult; error?: string } | undefined;
    child.on('message', (m: typeof reply) => {
      reply = m;
    });
    child.on('exit', (code) => {
      if (reply?.ok) resolve(reply.result!);
      else if (reply) reject(new Error(`search benchmark (${options.label}) failed: ${reply.error}`));
      else reject(new Error(`search benchmark (${options.label}) exited with code ${code} before reporting`));
    });
  });
}
