import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { CSV_COLUMNS } from '../../maintain/csv';
import { loadDirectoryForServing } from '../../maintain/serve';
import { DataCopy } from '../support/directory';
import { tempDir } from '../support/process';
import { run, snapshot, TODAY } from './support';

const col = (key: string) => CSV_COLUMNS.findIndex((c) => c.key === key);
const LATER = '2026-12-02';

describe('crisis lines are protected from casual change', () => {
  let data: DataCopy;
  let csv: string;
  let rows: string[][];
  const row = (id: string) => rows.find((r) => r[0] === id)!;
  const save = () => writeFileSync(csv, `\uFEFF${stringify(rows, { quoted: true, record_delimiter: 'windows' })}`);

  beforeEach(() => {
    data = new DataCopy();
    csv = join(tempDir('mecc-crisis-'), 'services.csv');
    assert.equal(run('export', '--csv', csv, '--data', data.root).code, 0);
    rows = parse(readFileSync(csv, 'utf8'), { bom: true });
  });
  afterEach(() => data.remove());

  it('an import that sets 999 to 111, empties Samaritans and changes one digit of the helpline is refused, naming each change', () => {
    row('emergency-999')[col('phone')] = '111';
    row('samaritans')[col('phone')] = '';
    row('derbyshire-mh-helpline')[col('phone')] = '0800 028 0078';
    save();
    const before = snapshot(data.root);
    const r = run('import', '--csv', csv, '--data', data.root, '--today', TODAY);
    assert.equal(r.code, 1, r.out);
    assert.match(r.out, /crisis line 'emergency-999' contact\.phone: "999" -> "111": crisis lines are protected/);
    assert.match(r.out, /crisis line 'samaritans' contact\.phone: "116 123" -> \(none\)/);
    assert.match(r.out, /crisis line 'derbyshire-mh-helpline' contact\.phone: "0800 028 0077" -> "0800 028 0078"/);
    assert.deepEqual(snapshot(data.root), before, 'nothing written');
  });

  it('--confirm-crisis-change alone is not enough: the change needs a source checked after the confirmed one', () => {
    const helpline = row('derbyshire-mh-helpline');
    helpline[col('phone')] = '0800 028 0078';
    // Only the sources as old as the confirmed record: the real data has newer ones.
    helpline[col('sources')] = helpline[col('sources')].split('\n').filter((l) => l.split(' | ')[1] <= '2026-11-22').join('\n');
    save();
    const r = run('import', '--csv', csv, '--data', data.root, '--today', TODAY, '--confirm-crisis-change');
    assert.equal(r.code, 1, r.out);
    assert.match(r.out, /needs a source checked after 2026-11-22 whose 'supports' lists 'phone'/);
  });

  it('with --confirm-crisis-change and a newer source the change goes in, printed old -> new, and stays valid', () => {
    const helpline = row('derbyshire-mh-helpline');
    helpline[col('phone')] = '0800 028 0078';
    helpline[col('sources')] += `\nhttps://www.derbyshirehealthcareft.nhs.uk/ | ${LATER} | undated | phone | Number changed (test).`;
    save();
    const r = run('import', '--csv', csv, '--data', data.root, '--today', LATER, '--confirm-crisis-change');
    assert.equal(r.code, 0, r.out);
    assert.match(r.out, /changed: derbyshire-mh-helpline \(contact\.phone, sources\)\n\s+contact\.phone: "0800 028 0077" -> "0800 028 0078"/);
    assert.equal(run('validate', '--data', data.root, '--today', LATER).code, 0);
    assert.equal(loadDirectoryForServing(data.root).directory.service('derbyshire-mh-helpline')?.contact.phone, '0800 028 0078');
  });

  it('a hand edit of a crisis line fails validate and is never served, until confirmed with a newer source', () => {
    data.edit('services/emergency-999.json', (s) => (s.contact.phone = '111'));
    const v = run('validate', '--data', data.root, '--today', TODAY);
    assert.equal(v.code, 1);
    assert.match(v.out, /crisis line 'emergency-999' contact\.phone: "999" -> "111"/);
    assert.throws(() => loadDirectoryForServing(data.root), /crisis lines are protected/);
    assert.match(run('validate', '--data', data.root, '--today', TODAY, '--confirm-crisis-change').out, /Not confirmed/);
    data.edit('services/emergency-999.json', (s) => s.sources.push({ url: 'https://www.nhs.uk/', checked: LATER, published: 'undated', supports: ['phone'], note: 'test' }));
    const confirmed = run('validate', '--data', data.root, '--today', LATER, '--confirm-crisis-change');
    assert.match(confirmed.out, /Confirmed 1 change to crisis lines:\n\s+crisis line 'emergency-999' contact\.phone: "999" -> "111"/);
  });

  it('every import prints each changed field old -> new, not just its name', () => {
    row('llbd')[col('phone')] = '01629 538201';
    save();
    const r = run('import', '--csv', csv, '--data', data.root, '--today', TODAY);
    assert.equal(r.code, 0, r.out);
    assert.match(r.out, /contact\.phone: "01629 538200" -> "01629 538201"/);
  });
});
