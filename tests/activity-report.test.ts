import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MemoryStorage } from 'botbuilder';
import { loadConfig } from '../bot/config';
import { listable } from '../bot/storage/listable';
import { activityCommand } from '../cli/activity';
import type { ActivityEvent } from '../activity/record';
import { activityReport, conversationsFrom, suppress } from '../activity/report';
import { ActivityLog, type ActivityStorage } from '../activity/store';
import { realDirectory } from './support/directory';
import { tempDir } from './support/process';

let n = 0;
function tap(fields: Partial<ActivityEvent> = {}): ActivityEvent {
  n++;
  return { key: `${n.toString(16).padStart(8, '0')}-0000-4000-8000-000000000000`, topic: 'smoking', place: 'erewash', outcome: 'signposted', setting: null, ageBand: null, organisation: 'Derby City Council', staff: 'h1', at: '2026-11-10T10:00:00.000Z', ...fields };
}

describe('activity reports for MECC leads', () => {
  it('counts of 1 to 4 are "<5"; 0 and 5 and over are shown', () => {
    assert.deepEqual([0, 1, 4, 5, 12].map(suppress), [0, '<5', '<5', 5, 12]);
  });

  it('suppresses small cells in a grouped report, and the total when it is small', () => {
    const taps = [...Array.from({ length: 7 }, () => tap()), ...Array.from({ length: 3 }, () => tap({ topic: 'diabetes' }))];
    const report = activityReport(conversationsFrom(taps), { by: ['topic'] });
    assert.deepEqual(report.rows.map((r) => [r.values.topic, r.conversations]), [['diabetes', '<5'], ['smoking', 7]]);
    assert.equal(report.total, 10);
    assert.equal(activityReport(conversationsFrom(taps.slice(0, 2)), { by: [] }).total, '<5');
  });

  it('a corrected card is one conversation with its corrected outcome; a tap past the window does not change it', () => {
    const first = tap();
    const taps = [first, { ...first, outcome: 'referred' as const, at: '2026-11-10T10:05:00.000Z' }, { ...first, outcome: 'not-today' as const, at: '2026-11-10T11:00:00.000Z' }];
    const [c] = conversationsFrom(taps);
    assert.equal(conversationsFrom(taps).length, 1);
    assert.equal(c.outcome, 'signposted', 'the last tap is outside the window, so the first answer stands');
    assert.equal(conversationsFrom(taps.slice(0, 2))[0].outcome, 'referred');
  });

  it('groups by week, national intervention and organisation, within --from and --to', () => {
    const taps = [
      ...Array.from({ length: 5 }, () => tap({ topic: 'blood-pressure', at: '2026-11-03T09:00:00.000Z' })),
      ...Array.from({ length: 6 }, () => tap({ topic: 'housing', at: '2026-11-12T09:00:00.000Z' })),
      tap({ at: '2026-10-01T09:00:00.000Z' }),
    ];
    const report = activityReport(conversationsFrom(taps), { from: '2026-11-01', to: '2026-11-30', by: ['week', 'intervention', 'organisation'] });
    assert.deepEqual(report.rows.map((r) => [r.values.week, r.values.intervention, r.values.organisation, r.conversations]), [
      ['2026-11-02', '1', 'Derby City Council', 5],
      ['2026-11-09', 'none', 'Derby City Council', 6],
    ]);
  });

  describe('npm run activity', () => {
    const storage = () => listable(new MemoryStorage()) as ReturnType<typeof listable> & ActivityStorage;
    const run = async (args: string[], s: ActivityStorage, now = new Date('2026-12-01T12:00:00Z')) => {
      let out = '';
      let err = '';
      const code = await activityCommand(args, { out: (t) => (out += t), err: (t) => (err += t) }, { config: loadConfig({}), storage: s, directory: realDirectory(), now: () => now });
      return { code, out, err };
    };

    it('report --csv and --json suppress small numbers and name no member of staff', async () => {
      const s = storage();
      const log = new ActivityLog(s);
      for (let i = 0; i < 6; i++) await log.record(tap({ staff: 'staff-hash-aaaa' }));
      for (let i = 0; i < 2; i++) await log.record(tap({ topic: 'gambling', staff: 'staff-hash-bbbb' }));
      const csv = await run(['report', '--by', 'topic', '--csv'], s);
      assert.equal(csv.code, 0, csv.err);
      assert.match(csv.out, /Topic,Conversations/);
      assert.match(csv.out, /Smoking and vaping,6/);
      assert.match(csv.out, /Problem gambling,<5/);
      const json = await run(['report', '--by', 'topic,age band', '--json'], s);
      assert.match(json.out, /"conversations": "<5"/);
      for (const out of [csv.out, json.out]) assert.ok(!/staff-hash/.test(out), 'no staff hash in an export');
    });

    it('refuses a bad --by, date or format kindly', async () => {
      const s = storage();
      assert.match((await run(['report', '--by', 'name'], s)).err, /Cannot report by 'name': choose from week, month/);
      assert.match((await run(['report', '--from', '1 Nov'], s)).err, /--from must be a date like/);
      assert.equal((await run(['report', '--csv', '--json'], s)).code, 64);
      assert.equal((await run(['nonsense'], s)).code, 64);
    });

    it('retention is enforced: a conversation older than the retention period is deleted, not just hidden', async () => {
      const s = storage();
      const log = new ActivityLog(s);
      await log.record(tap({ at: '2024-11-30T10:00:00.000Z' }));
      await log.record(tap({ at: '2025-01-15T10:00:00.000Z' }));
      const report = await run(['report'], s);
      assert.match(report.out, /: <5/);
      const left = await new ActivityLog(s).taps();
      assert.deepEqual(left.map((t) => t.at), ['2025-01-15T10:00:00.000Z'], 'the default is 24 months');
    });

    it('chart writes an SVG (and a PNG) of conversations per week by topic and the outcome funnel', async function () {
      this.timeout(30_000);
      const s = storage();
      const log = new ActivityLog(s);
      for (let i = 0; i < 6; i++) await log.record(tap({ at: '2026-11-17T10:00:00.000Z' }));
      for (let i = 0; i < 2; i++) await log.record(tap({ topic: 'housing', outcome: 'referred', at: '2026-11-17T10:00:00.000Z' }));
      const dir = tempDir('mecc-chart-');
      const svgFile = join(dir, 'chart.svg');
      assert.equal((await run(['chart', '--out', svgFile], s)).code, 0);
      const svg = readFileSync(svgFile, 'utf8');
      assert.match(svg, /^<svg/);
      assert.match(svg, /Smoking and vaping/);
      assert.ok(!svg.includes('Housing and homelessness'), 'a week-topic count of 2 is not drawn');
      assert.match(svg, /&lt;5/, 'the referred count of 2 is labelled <5');
      const pngFile = join(dir, 'chart.png');
      assert.equal((await run(['chart', '--out', pngFile], s)).code, 0);
      assert.deepEqual([...readFileSync(pngFile).subarray(1, 4)], [0x50, 0x4e, 0x47]);
    });
  });
});
