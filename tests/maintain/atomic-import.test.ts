import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, watch, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { writeSyntheticDirectory, type SyntheticDirectory } from '../../bench/synthetic';
import { CSV_COLUMNS } from '../../maintain/csv';
import { tempDir } from '../support/process';
import { run, TODAY } from './support';

const CLI = join(__dirname, '..', '..', 'cli', 'directory.ts');
const description = CSV_COLUMNS.findIndex((c) => c.key === 'description');

/** Every service's description, by file: old and new imports differ in every one. */
function descriptions(root: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of readdirSync(join(root, 'services')).filter((n) => n.endsWith('.json'))) out.set(f, JSON.parse(readFileSync(join(root, 'services', f), 'utf8')).description);
  return out;
}

/**
 * Runs `import --csv` in its own process and kills it with SIGKILL the moment `when` sees the
 * named entry appear in the data folder (or after `afterMs`).
 */
function importKilled(root: string, csv: string, trigger: { entry?: string; afterMs?: number }): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'import', '--csv', csv, '--data', root, '--today', TODAY], { stdio: 'ignore' });
    const kill = () => child.kill('SIGKILL');
    const watcher = trigger.entry ? watch(root, (_e, name) => name === trigger.entry && kill()) : undefined;
    const timer = trigger.afterMs !== undefined ? setTimeout(kill, trigger.afterMs) : undefined;
    child.on('exit', () => {
      watcher?.close();
      clearTimeout(timer);
      resolve();
    });
  });
}

describe('an import killed with kill -9 leaves the old data or the new, never a mix', function () {
  this.timeout(120_000);
  let data: SyntheticDirectory;
  let csv: string;
  let original: Map<string, string>;
  before(() => {
    data = writeSyntheticDirectory(1500);
    csv = join(tempDir('mecc-atomic-'), 'services.csv');
    assert.equal(run('export', '--csv', csv, '--data', data.root).code, 0);
    const rows: string[][] = parse(readFileSync(csv, 'utf8'), { bom: true });
    for (const r of rows.slice(1)) r[description] = `${r[description]} Updated.`;
    writeFileSync(csv, `\uFEFF${stringify(rows, { quoted: true, record_delimiter: 'windows' })}`);
    original = descriptions(data.root);
  });
  after(() => data.remove());

  const check = () => {
    // validate finishes or undoes the interrupted swap, then the data must be whole and valid.
    const v = run('validate', '--data', data.root, '--today', TODAY);
    assert.equal(v.code, 0, v.out.slice(0, 2000));
    const now = descriptions(data.root);
    assert.deepEqual([...now.keys()].sort(), [...original.keys()].sort(), 'the same services, none lost or half-written');
    const updated = [...now].filter(([f, d]) => d !== original.get(f)).length;
    assert.ok(updated === 0 || updated === now.size, `${updated} of ${now.size} updated: a mix`);
    return updated === 0 ? 'old' : 'new';
  };

  for (const [when, trigger] of [
    ['while the new services are being written', { entry: '.import-staging' }],
    ['the moment the new services are complete', { entry: '.import-ready' }],
    ['as the old services are moved aside', { entry: '.import-old' }],
    ['at a random moment', { afterMs: 500 + Math.floor(Math.random() * 3000) }],
  ] as const) {
    it(`killed ${when}`, async () => {
      await importKilled(data.root, csv, trigger);
      const state = check();
      if (state === 'new') {
        // Start again from the old data for the next case.
        original = descriptions(data.root);
        const rows: string[][] = parse(readFileSync(csv, 'utf8'), { bom: true });
        for (const r of rows.slice(1)) r[description] = `${r[description]} Again.`;
        writeFileSync(csv, `\uFEFF${stringify(rows, { quoted: true, record_delimiter: 'windows' })}`);
      }
    });
  }

  it('an import left to finish applies every change', async () => {
    const r = run('import', '--csv', csv, '--data', data.root, '--today', TODAY);
    assert.equal(r.code, 0, r.out.slice(0, 500));
    assert.equal(check(), 'new');
    assert.deepEqual(readdirSync(data.root).filter((n) => n.startsWith('.import')), [], 'no staging folder left behind');
  });
});
