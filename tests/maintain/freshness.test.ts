import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { loadDirectory } from '../../directory/load';
import { addMonths } from '../../maintain/dates';
import { contactEvidence, crisisLinesToConfirm, endOfPageDate, knownChanges, staleContacts } from '../../maintain/freshness';
import { buildReport, renderReportText } from '../../maintain/report';
import { validateDirectory } from '../../maintain/validate';
import { DataCopy, realDirectory } from '../support/directory';
import { lines, run, TODAY, validateAfter } from './support';

const service = (sources: unknown[], contact: Record<string, string> = { phone: '01234 567890' }) => ({ id: 'x', name: 'X', contact, sources });
const byRule = (rule: string, file: string, change: (d: DataCopy) => void, today = TODAY) =>
  lines(validateAfter(change, today).filter((p) => p.rule === rule && p.file === file));

describe('directory freshness rules', () => {
  it('reads a page date as the last day of the period it names', () => {
    assert.equal(endOfPageDate('2021'), '2021-12-31');
    assert.equal(endOfPageDate('2024-02'), '2024-02-29');
    assert.equal(endOfPageDate('2021-01-14'), '2021-01-14');
    assert.equal(endOfPageDate('Jan 2021'), undefined);
  });

  it('takes the newest source that supports each detail; an undated page counts from the day it was checked', () => {
    const [phone] = contactEvidence(service([
      { url: 'https://old', checked: '2026-12-01', pageDate: '2019', supports: ['phone'] },
      { url: 'https://other', checked: '2026-12-01', pageDate: '2025-06', supports: ['website'] },
      { url: 'https://newer', checked: '2026-12-01', pageDate: '2022-03-05', supports: ['phone'] },
    ]));
    assert.deepEqual(phone.newest, { date: '2022-03-05', undated: false, url: 'https://newer' });
    const [undated] = contactEvidence(service([{ url: 'https://u', checked: '2026-11-22', supports: ['phone'] }]));
    assert.deepEqual(undated.newest, { date: '2026-11-22', undated: true, url: 'https://u' });
  });

  it('a contact detail whose newest source is older than 24 months is stale; one within 24 months is not', () => {
    const at = (pageDate: string) => staleContacts([service([{ url: 'https://p', checked: TODAY, pageDate, supports: ['phone'] }])], '2026-12-01');
    assert.equal(at('2024-11-30').length, 1);
    assert.equal(at('2024-12-01').length, 0);
    assert.equal(at('2024').length, 0, "'2024' may mean 31 December 2024: not certainly older than 24 months");
    assert.equal(at('2023').length, 1);
    // A retired service is never offered, so its old numbers are not worth a warning.
    assert.equal(staleContacts([{ ...service([{ url: 'https://p', checked: TODAY, pageDate: '2010', supports: ['phone'] }]), retired: { date: TODAY, reason: 'r' } }], TODAY).length, 0);
  });

  it('validate warns about a stale contact detail, and the warning goes once a current page is added', () => {
    const stale = (d: DataCopy) => d.edit('services/stepchange.json', (s) => {
      s.sources = s.sources.map((x: { supports: string[] }) => ({ ...x, supports: x.supports.filter((f) => f !== 'phone') }));
      s.sources.push({ url: 'https://old.example.org', checked: TODAY, pageDate: '2019-05', supports: ['phone'] });
    });
    assert.deepEqual(byRule('stale-contact', 'services/stepchange.json', stale), [
      "services/stepchange.json: record 'stepchange': field 'contact.phone': '0800 138 1111': its newest source is from 2019-05-31 (https://old.example.org), " +
        "more than 24 months ago: find a current page that shows it (the provider's own, newest first) and add it as a source, or remove the detail",
    ]);
    assert.deepEqual(byRule('stale-contact', 'services/stepchange.json', (d) => {
      stale(d);
      d.edit('services/stepchange.json', (s) => s.sources.push({ url: 'https://new.example.org', checked: TODAY, pageDate: '2026-10', supports: ['phone'] }));
    }), []);
  });

  it('every contact detail in the real data whose newest source is older than 24 months has a warning', () => {
    const v = validateDirectory(join(__dirname, '..', '..', 'directory-data'), { today: TODAY });
    const warned = new Set(v.warnings.filter((w) => w.rule === 'stale-contact').map((w) => `${w.record} ${w.field}`));
    const limit = addMonths(TODAY, -24);
    const old = realDirectory().services.flatMap(contactEvidence).filter((c) => c.newest && c.newest.date < limit);
    assert.ok(old.length > 0);
    for (const c of old) assert.ok(warned.has(`${c.id} contact.${c.field}`), `${c.id} ${c.field}`);
    assert.equal(warned.size, old.length);
  });

  it('a crisis line whose newest source is older than 12 months needs confirming, and heads the report', () => {
    const lines12 = (pageDate: string) => crisisLinesToConfirm([service([{ url: 'https://c', checked: TODAY, pageDate, supports: ['phone'] }], { phone: '116 123' })], '2026-12-01');
    assert.equal(lines12('2025-11-30').length, 1);
    assert.equal(lines12('2025-12-01').length, 0);

    const data = new DataCopy();
    try {
      // Samaritans' number shown only by a page from 2024: it must head the report.
      data.edit('services/samaritans.json', (s) => {
        s.sources = s.sources.map((x: { supports: string[] }) => ({ ...x, supports: x.supports.filter((f) => f !== 'phone') }));
        s.sources.push({ url: 'https://www.samaritans.org/old', checked: TODAY, pageDate: '2024-06-01', supports: ['phone'] });
      });
      const report = buildReport(loadDirectory(data.root), { today: TODAY });
      assert.ok(report.crisisToConfirm.some((c) => c.id === 'samaritans' && c.value === '116 123' && c.newest === '2024-06-01'));
      const text = renderReportText(report);
      const firstSection = text.split('\n\n')[1];
      assert.match(firstSection, /^CRISIS LINES TO CONFIRM \(newest source older than 12 months\): \d+ details/);
      assert.match(firstSection, /2024-06-01\s+samaritans\s+phone\s+116 123/);
      assert.ok(validateDirectory(data.root, { today: TODAY }).warnings.some((w) => w.rule === 'crisis-unconfirmed' && w.record === 'samaritans'));
      const csv = parse(run('report', '--data', data.root, '--today', TODAY, '--csv', '--only', 'crisis-confirm').out) as string[][];
      assert.deepEqual(csv[0], ['id', 'name', 'field', 'value', 'newest_source', 'source_url']);
      assert.ok(csv.some((r) => r[0] === 'samaritans' && r[4] === '2024-06-01'));
    } finally {
      data.remove();
    }
  });

  it('the real Derbyshire helpline heads the report until a maintainer confirms it (its newest source is from 2021)', () => {
    const report = buildReport(realDirectory(), { today: TODAY });
    assert.ok(report.crisisToConfirm.some((c) => c.id === 'derbyshire-mh-helpline' && c.value === '0800 028 0077'));
    // The number itself is unchanged: crisis numbers are protected.
    assert.equal(realDirectory().service('derbyshire-mh-helpline')!.contact.phone, '0800 028 0077');
  });

  it('a known change date is flagged once it is reached, not before', () => {
    const s = { id: 'x', name: 'X', knownChange: { date: '2026-03-31', what: "the fund's last day" } };
    assert.deepEqual(knownChanges([s], '2026-03-30').map((k) => k.passed), [false]);
    assert.deepEqual(knownChanges([s], '2026-03-31').map((k) => k.passed), [true]);
    const change = (d: DataCopy) => d.edit('services/llbd.json', (x) => (x.knownChange = { date: '2026-06-30', what: 'the stop smoking contract ends' }));
    assert.deepEqual(byRule('known-change-passed', 'services/llbd.json', change, '2026-06-29'), []);
    assert.deepEqual(byRule('known-change-passed', 'services/llbd.json', change, '2026-07-01'), [
      "services/llbd.json: record 'llbd': field 'knownChange.date': '2026-06-30' has passed (the stop smoking contract ends): " +
        'check the provider or commissioner, then update the record, retire it, or move the date',
    ]);
    const data = new DataCopy();
    try {
      change(data);
      assert.match(run('report', '--data', data.root, '--today', '2026-07-01').out, /2026-06-30\s+PASSED\s+llbd\s+the stop smoking contract ends/);
      assert.match(run('report', '--data', data.root, '--today', '2026-06-01').out, /2026-06-30\s+to come\s+llbd/);
    } finally {
      data.remove();
    }
  });

  it('each national-only cell needs a recorded reason, and a reason for a filled cell is flagged', () => {
    assert.deepEqual(lines(validateAfter(() => undefined).filter((p) => p.rule === 'coverage-gap')), []);
    const noReason = lines(validateAfter((d) => d.edit('coverage-gaps.json', (g) => (g.gaps = g.gaps.filter((x: { topic: string }) => x.topic !== 'diabetes')))).filter((p) => p.rule === 'coverage-gap'));
    assert.deepEqual(noReason, [
      "coverage-gaps.json: record 'diabetes/derby-city': staff in 'derby-city' get only national services for 'diabetes': add a local service from a current source, or record why there is none",
    ]);
    const filled = lines(validateAfter((d) => d.edit('coverage-gaps.json', (g) => g.gaps.push({ topic: 'smoking', places: ['erewash'], reason: 'no longer true', checked: TODAY }))).filter((p) => p.rule === 'coverage-gap'));
    assert.deepEqual(filled, [
      "coverage-gaps.json: record 'smoking/erewash': a reason is recorded for 'smoking' in 'erewash', but a local service now covers it: remove 'erewash' from that entry",
    ]);
  });

  it('the report shows every gap with its reason, and at most the recorded gaps', () => {
    const report = buildReport(realDirectory(), { today: TODAY });
    const gaps = report.coverage.filter((c) => c.nationalOnly);
    assert.ok(gaps.every((g) => g.reason && g.reason.length > 30), gaps.filter((g) => !g.reason).map((g) => `${g.topic}/${g.place}`).join(', '));
    assert.match(renderReportText(report), /6\. Why each gap has no local service: 0 without a recorded reason/);
  });

  it('rejects a page date that is not YYYY, YYYY-MM or YYYY-MM-DD', () => {
    const problems = lines(validateAfter((d) => d.edit('services/llbd.json', (s) => (s.sources[0].pageDate = 'Spring 2025'))));
    assert.ok(problems.some((p) => /services\/llbd\.json: record 'llbd': field 'sources\[0\]\.pageDate': must be the page's own date written YYYY, YYYY-MM or YYYY-MM-DD/.test(p)), problems.join('\n'));
  });

  it('the spreadsheet carries page dates, access routes, known changes and retirements both ways', () => {
    const data = new DataCopy();
    try {
      const csv = `${data.root}/services.csv`;
      assert.equal(run('export', '--csv', csv, '--data', data.root).code, 0);
      const r = run('import', '--csv', csv, '--data', data.root, '--today', TODAY);
      assert.equal(r.code, 0, r.out);
      assert.match(r.out, /^No changes/);
      const rows = parse(readFileSync(csv, 'utf8'), { bom: true }) as string[][];
      const col = (k: string) => rows[0].findIndex((h) => h.startsWith(k));
      const row = rows.find((x) => x[0] === 'talking-mental-health-derbyshire')!;
      assert.match(row[col('retired')], /^2026-12-01 \| Derbyshire Healthcare NHS FT stopped .* \| nhs-talking-therapies-derbyshire$/);
      assert.match(rows.find((x) => x[0] === 'safe-haven-derby')![col('access')], / \| derbyshire-mh-helpline$/);
      assert.match(rows.find((x) => x[0] === 'nhs-talking-therapies-derbyshire')![col('knownChange')], /^2028-06-30 \| /);
    } finally {
      data.remove();
    }
  });
});
