import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { PassThrough } from 'node:stream';
import { progressFor } from '../../cli/directory';
import { CSV_COLUMNS, csvColumnFor, decodeCsv, guardCell, parseServicesCsv, servicesToCsv, sourceToLine, unguardCell } from '../../maintain/csv';
import { planImport } from '../../maintain/import';
import { DataCopy } from '../support/directory';
import { tempDir } from '../support/process';
import { run, snapshot, TODAY } from './support';

const col = (key: string) => CSV_COLUMNS.findIndex((c) => c.key === key);

/** A spreadsheet as Excel would hand it back: rows of cells (header first). */
function readRows(file: string): string[][] {
  return parse(readFileSync(file, 'utf8'), { bom: true });
}

function writeRows(file: string, rows: string[][], bom = true): void {
  writeFileSync(file, (bom ? '\uFEFF' : '') + stringify(rows, { quoted: true, record_delimiter: 'windows' }));
}

function rowOf(rows: string[][], id: string): string[] {
  const row = rows.find((r) => r[0] === id);
  assert.ok(row, `no row for ${id}`);
  return row;
}

describe('directory export --csv / import --csv', () => {
  let data: DataCopy;
  let csv: string;

  beforeEach(() => {
    data = new DataCopy();
    csv = join(tempDir('mecc-csv-'), 'services.csv');
    const r = run('export', '--csv', csv, '--data', data.root);
    assert.equal(r.code, 0, r.err);
  });
  afterEach(() => data.remove());

  it('writes UTF-8 with a BOM, every field quoted, one row per service, formats named in the header', () => {
    const bytes = readFileSync(csv);
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    assert.ok(text.startsWith('"id","name","provider","description","topics (topic ids separated by ; main topic first)"'), text.slice(0, 200));
    assert.match(text, /"sources \(one per line: url \| checked YYYY-MM-DD \| published \| supports separated by , \| note\)"/);
    const rows = readRows(csv);
    assert.equal(rows.length - 1, data.read('crisis.json') && snapshotServices(data).length);
    const llbd = rowOf(rows, 'llbd');
    assert.equal(llbd[col('topics')], 'smoking; healthy-weight');
    assert.equal(llbd[col('phone')], '01629 538200');
    const sources = llbd[col('sources')].split('\n');
    assert.equal(sources.length, 6);
    assert.equal(sources[1], 'https://content.govdelivery.com/accounts/UKDCC/bulletins/3954808 | 2026-11-22 | c. April 2024 (DCC e-bulletin) | description, cost | LLBD offers a free 12-week stop smoking service. | 2024-04');
    // Every field is quoted, empty ones too: no bare commas between fields.
    assert.ok(!/,,/.test(text));
  });

  it('export then import with no edits changes nothing', () => {
    const before = snapshot(data.root);
    const r = run('import', '--csv', csv, '--data', data.root, '--today', TODAY);
    assert.equal(r.code, 0, r.out);
    assert.match(r.out, /^No changes: the directory already matches \(\d+ services unchanged\)/);
    assert.deepEqual(snapshot(data.root), before);
  });

  it('an edited cell changes that field only, written in the same format', () => {
    const rows = readRows(csv);
    rowOf(rows, 'llbd')[col('phone')] = '01629 538201';
    rowOf(rows, 'samaritans')[col('topics')] = 'suicide-prevention;mental-wellbeing';
    rowOf(rows, 'samaritans')[col('reviewed')] = '02/12/2026'; // as Excel may save a date
    writeRows(csv, rows);
    const oldLlbd = data.read('services/llbd.json');
    const oldSamaritans = data.read('services/samaritans.json');

    const r = run('import', '--csv', csv, '--data', data.root, '--today', '2026-12-02');
    assert.equal(r.code, 0, r.out);
    assert.match(r.out, /^Changed 2 services: 0 added, 2 changed, 0 removed \(\d+ unchanged\)\./);
    assert.match(r.out, /changed: llbd \(contact\.phone\)/);
    assert.match(r.out, /changed: samaritans \(topics, reviewed\)/);

    assert.deepEqual(data.read('services/llbd.json'), { ...oldLlbd, contact: { phone: '01629 538201' } });
    assert.deepEqual(data.read('services/samaritans.json'), { ...oldSamaritans, topics: ['suicide-prevention', 'mental-wellbeing'], reviewed: '2026-12-02' });
    const text = readFileSync(join(data.root, 'services/llbd.json'), 'utf8');
    assert.equal(text, `${JSON.stringify({ ...oldLlbd, contact: { phone: '01629 538201' } }, null, 2)}\n`);
  });

  it('a new row adds a service and a deleted row removes one', () => {
    const rows = readRows(csv).filter((r) => r[0] !== 'walk-derbyshire');
    const copy = [...rowOf(rows, 'silver-line')];
    copy[col('id')] = 'silver-line-copy';
    copy[col('name')] = 'A second befriending line';
    copy[col('phone')] = '0800 470 8091';
    rows.push(copy);
    writeRows(csv, rows);
    const r = run('import', '--csv', csv, '--data', data.root, '--today', TODAY);
    assert.equal(r.code, 0, r.out);
    assert.match(r.out, /^Changed 2 services: 1 added, 0 changed, 1 removed/);
    assert.match(r.out, /added: {3}silver-line-copy/);
    assert.match(r.out, /removed: walk-derbyshire/);
    assert.equal(data.read('services/silver-line-copy.json').name, 'A second befriending line');
    assert.ok(!existsSync(join(data.root, 'services/walk-derbyshire.json')));
  });

  it('bad rows reject the whole import, listing every one by row and column, and change nothing on disk', () => {
    const rows = readRows(csv);
    const numbers = new Map(rows.map((r, i) => [r[0], i + 1]));
    const rowNumber = (id: string) => numbers.get(id)!;
    rowOf(rows, 'llbd')[col('phone')] = '01629 53820';
    rowOf(rows, 'samaritans')[col('topics')] = 'suicide-prevention; lonliness';
    rowOf(rows, 'frank')[col('sources')] = 'https://www.talktofrank.com | 2026-11-22 | phone';
    rowOf(rows, 'brook')[col('website')] = 'http://www.brook.org.uk';
    rowOf(rows, 'stepchange')[col('reviewed')] = 'last week';
    rowOf(rows, 'silver-line')[col('id')] = 'samaritans';
    rowOf(rows, 'shelter')[col('phone')] = '0800 138 1111'; // StepChange's number, and no source for it
    rowOf(rows, 'walk-derbyshire')[col('id')] = 'Walk Derbyshire';
    writeRows(csv, rows);
    const before = snapshot(data.root);

    const r = run('import', '--csv', csv, '--data', data.root, '--today', TODAY);
    assert.equal(r.code, 1);
    assert.match(r.out, /has \d+ problems; nothing was changed/);
    const expected = [
      `row ${rowNumber('llbd')}, column 'phone' (service 'llbd'): '01629 53820' has 10 digits; UK numbers have 11`,
      `row ${rowNumber('samaritans')}, column 'topics' (service 'samaritans'): 'lonliness' is not a topic id: did you mean 'loneliness'?`,
      `row ${rowNumber('frank')}, column 'sources' (service 'frank'): line 1 has 3 parts separated by '|'`,
      `row ${rowNumber('brook')}, column 'website' (service 'brook'): 'http://www.brook.org.uk' is not https`,
      `row ${rowNumber('stepchange')}, column 'reviewed' (service 'stepchange'): must be a date written YYYY-MM-DD`,
      `row ${rowNumber('silver-line')}, column 'id' (service 'samaritans'): 'samaritans' is also the id of row ${rowNumber('samaritans')}: ids must be unique`,
      `row ${rowNumber('shelter')}, column 'phone' (service 'shelter'): '0800 138 1111' is also the phone number of 'stepchange'`,
      `row ${rowNumber('stepchange')}, column 'phone' (service 'stepchange'): '0800 138 1111' is also the phone number of 'shelter'`,
      `row ${rowNumber('shelter')}, column 'phone' (service 'shelter'): has no source`,
      `row ${rowNumber('walk-derbyshire')}, column 'id': 'Walk Derbyshire' must be lower-case words joined by hyphens (it is also the file name)`,
    ];
    // A row whose id cannot be read is not taken as the removal of a service (no knock-on problems).
    assert.doesNotMatch(r.out, /after the import/);
    for (const line of expected) assert.ok(r.out.includes(`  - ${line}`), `missing: ${line}\n---\n${r.out}`);
    // Listed in row order.
    const listed = [...r.out.matchAll(/^ {2}- row (\d+),/gm)].map((m) => Number(m[1]));
    assert.deepEqual(listed, [...listed].sort((a, b) => a - b));
    assert.deepEqual(snapshot(data.root), before);
  });

  it('removing a service that the crisis block names is refused', () => {
    writeRows(csv, readRows(csv).filter((r) => r[0] !== 'samaritans'));
    const before = snapshot(data.root);
    const r = run('import', '--csv', csv, '--data', data.root, '--today', TODAY);
    assert.equal(r.code, 1);
    assert.match(r.out, /crisis\.json: record 'crisis': field 'lines\[2\]': names service 'samaritans', which has no file in services\/ \(after the import\)/);
    assert.deepEqual(snapshot(data.root), before);
  });

  it('a missing column gives only that problem, not knock-on ones about crisis lines or topics', () => {
    writeRows(csv, readRows(csv).map((r) => r.filter((_, i) => i !== col('phone'))));
    const r = run('import', '--csv', csv, '--data', data.root, '--today', TODAY);
    assert.equal(r.code, 1);
    assert.match(r.out, /has 1 problem; nothing was changed:\n  - row 1: column 'phone' is missing/);
    assert.doesNotMatch(r.out, /crisis|after the import/);
  });

  it('a missing or unknown column is named; --dry-run writes nothing', () => {
    const rows = readRows(csv).map((r) => r.filter((_, i) => i !== col('hours')));
    rows[0][0] = 'identifier';
    writeRows(csv, rows);
    const r = run('import', '--csv', csv, '--data', data.root);
    assert.equal(r.code, 1);
    assert.match(r.out, /row 1: column 'identifier' is not one of the directory's columns/);
    assert.match(r.out, /row 1: column 'hours' is missing/);

    const edited = join(tempDir('mecc-csv-'), 'dry.csv');
    run('export', '--csv', edited, '--data', data.root);
    const rows2 = readRows(edited);
    rowOf(rows2, 'llbd')[col('cost')] = 'Free of charge';
    writeRows(edited, rows2);
    const before = snapshot(data.root);
    const dry = run('import', '--csv', edited, '--data', data.root, '--dry-run', '--today', TODAY);
    assert.equal(dry.code, 0, dry.out);
    assert.match(dry.out, /Would change 1 service[\s\S]*changed: llbd \(cost\)[\s\S]*Nothing was written \(--dry-run\)/);
    assert.deepEqual(snapshot(data.root), before);
  });

  it('survives what Excel does: formula-like cells, reordered columns, blank rows, Windows-1252, no BOM', () => {
    assert.equal(guardCell('=SUM(A1)'), "'=SUM(A1)");
    assert.equal(unguardCell(guardCell('=SUM(A1)')), '=SUM(A1)');
    assert.equal(unguardCell(guardCell("'=already quoted")), "'=already quoted");
    assert.equal(unguardCell("'plain apostrophe"), "'plain apostrophe");
    assert.equal(sourceToLine({ url: 'https://x.org', checked: '2026-11-22', supports: ['phone'], note: 'a | b\nc' }), 'https://x.org | 2026-11-22 |  | phone | a \\| b\\nc');

    const service = data.read('services/llbd.json');
    service.description = '-12 weeks of support = free';
    service.sources[0].note = 'pipes | and \\ backslashes\nand lines';
    const text = servicesToCsv([service]);
    assert.match(text, /"'-12 weeks of support = free"/);
    const rows: string[][] = parse(text, { bom: true });
    // Reverse the columns and add a blank row: the import goes by header names and skips it.
    writeRows(csv, [...rows.map((r) => [...r].reverse()), rows[0].map(() => '')], false);
    const parsed = parseServicesCsv(decodeCsv(readFileSync(csv)).text);
    assert.deepEqual(parsed.fileProblems, []);
    assert.equal(parsed.candidates.length, 1);
    assert.deepEqual(parsed.candidates[0].problems, []);
    assert.deepEqual(parsed.candidates[0].service, service);

    const latin = Buffer.from([0x22, 0x63, 0x61, 0x66, 0xe9, 0x22]); // "café" in Windows-1252
    assert.deepEqual(decodeCsv(latin), { text: '"café"', encoding: 'windows-1252' });
  });
});

describe('import progress', () => {
  it('draws a bar only on a terminal and only for large files', () => {
    const tty = { out: () => {}, err: () => {}, isTTY: true };
    assert.equal(progressFor({ ...tty, isTTY: false }, 5000), undefined);
    assert.equal(progressFor(tty, 10), undefined);
    const stream = Object.assign(new PassThrough(), { isTTY: true, columns: 80 });
    let drawn = '';
    stream.on('data', (d) => (drawn += d));
    const bar = progressFor(tty, 5000, stream)!;
    bar.start(3, 'Checking');
    bar.tick();
    bar.tick();
    bar.tick();
    bar.stop();
    assert.match(drawn, /Checking/);
  });

  it('the import reports its progress through every service', () => {
    const data = new DataCopy();
    try {
      const csv = join(tempDir('mecc-csv-'), 'p.csv');
      run('export', '--csv', csv, '--data', data.root);
      const { candidates } = parseServicesCsv(readFileSync(csv, 'utf8'));
      const calls: string[] = [];
      const plan = planImport(data.root, candidates, {
        today: TODAY, columnFor: csvColumnFor,
        progress: { start: (n, label) => calls.push(`${label} ${n}`), tick: () => calls.push('tick'), stop: () => calls.push('stop') },
      });
      assert.deepEqual(plan.problems, []);
      assert.deepEqual(calls, [`Checking ${candidates.length}`, ...candidates.map(() => 'tick'), 'stop']);
    } finally {
      data.remove();
    }
  });
});

function snapshotServices(data: DataCopy): string[] {
  return [...snapshot(data.root).keys()].filter((f) => f.startsWith('services') && f.endsWith('.json'));
}
