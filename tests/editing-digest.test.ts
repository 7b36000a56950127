import assert from 'node:assert/strict';
import { MemoryStorage } from 'botbuilder';
import { listable } from '../bot/storage/listable';
import { buildDigest, digestIsQuiet } from '../editing/digest';
import { currentSlot, parseSchedule } from '../editing/schedule';
import { digestCard } from '../cards/digest';
import { loadDirectory } from '../directory/load';
import { todayIso } from '../maintain/dates';
import { ReportStore } from '../reports/store';
import { cardProblems, cardText } from './support/cards';
import { DataCopy, realDirectory } from './support/directory';
import { ALEX, as, button, formSubmission, inputsOf, MAINTAINER_IDS, maintainersChannel, postedCards, SAM } from './support/editing';
import { waitFor } from './support/process';
import { type Json, startBot } from './support/protocol';

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000);

describe('the weekly digest for the maintainers', function () {
  this.timeout(30_000);

  describe('when it is due', () => {
    const monday9 = parseSchedule('monday 09:00')!;
    it('reads the schedule as a weekday and a UK time, or off', () => {
      assert.deepEqual(monday9, { day: 1, minutes: 540 });
      assert.equal(parseSchedule('off'), undefined);
      assert.deepEqual(parseSchedule('Friday 16:30'), { day: 5, minutes: 990 });
    });
    it('each week has one slot: the latest Monday 09:00 UK time, in GMT and in BST', () => {
      assert.equal(currentSlot(monday9, new Date('2026-11-30T08:59:00Z')), '2026-11-23', 'a minute before (GMT)');
      assert.equal(currentSlot(monday9, new Date('2026-11-30T09:00:00Z')), '2026-11-30');
      assert.equal(currentSlot(monday9, new Date('2026-12-03T15:00:00Z')), '2026-11-30', 'missed while down: still this week\'s');
      assert.equal(currentSlot(monday9, new Date('2026-06-01T07:59:00Z')), '2026-05-25', '08:59 BST');
      assert.equal(currentSlot(monday9, new Date('2026-06-01T08:00:00Z')), '2026-06-01', '09:00 BST');
    });
  });

  describe('what it lists', () => {
    it('records past their review date, open staff reports older than 7 days, services with no contact route, and Place and topic gaps', () => {
      const data = new DataCopy();
      try {
        data.edit('services/walk-derbyshire.json', (s) => {
          delete s.access;
        });
        const d = loadDirectory(data.root);
        const before = (days: number) => new Date(Date.parse('2027-12-02T12:00:00Z') - days * 86_400_000).toISOString();
        const report = (id: string, days: number) => ({ id, serviceId: 'llbd', reason: 'wrong-phone' as const, createdAt: before(days), reporter: 'x', status: 'open' as const });
        const digest = buildDigest(d, { today: '2027-12-02', reports: [report('r8', 8), report('r6', 6), { ...report('r30', 30), status: 'resolved' as const }], waiting: [], conflicts: [] });
        assert.ok(digest.stale.some((s) => s.id === 'llbd'), 'reviewed 2026-11-22, due 2027-11-22');
        assert.deepEqual(digest.oldReports.map((r) => r.report.id), ['r8'], 'open and older than 7 days only');
        assert.deepEqual(digest.missingContact.map((m) => m.id), ['walk-derbyshire']);
        assert.ok(digest.gaps.length > 0 && digest.gaps.every((g) => g.nationalOnly));
        const card = digestCard(d, digest);
        assert.deepEqual(cardProblems(card.card, card.summary), []);
        const text = cardText(card.card);
        for (const heading of [/\*\*Past their review date\*\* \(\d+\)/, /\*\*Staff reports open more than 7 days\*\* \(1\)/, /\*\*Services with no contact route\*\* \(1\)/, /\*\*Place and topic gaps: national services only[^*]*\*\* \(\d+\)/]) assert.match(text, heading);
        for (const b of ['Mark reviewed', 'Edit this service', 'Mark resolved', 'Add a service']) assert.ok(button(card.card, b), b);
        assert.ok(JSON.stringify(card.card).length < 40_000, 'within Teams\' card size');
      } finally {
        data.remove();
      }
    });
    it('says so when nothing needs attention', () => {
      // A fixed day: on today's date the test would start failing when a record falls due for review.
      const d = buildDigest(realDirectory(), { today: '2026-12-02', reports: [], waiting: [], conflicts: [] });
      assert.equal(digestIsQuiet(d), true);
      assert.match(cardText(digestCard(realDirectory(), d).card), /Nothing needs attention this week/);
    });
  });

  describe('in Teams', () => {
    it('"directory digest" shows it now; "Mark reviewed" asks for the source checked and, once approved, sets the reviewed date', async () => {
      const data = new DataCopy();
      data.edit('services/llbd.json', (s) => {
        s.reviewed = '2025-06-01';
      });
      const storage = new MemoryStorage();
      const bot = await startBot({ storage, directory: loadDirectory(data.root), env: { MAINTAINER_IDS, DIRECTORY_DATA: data.root } });
      try {
        await new ReportStore(listable(storage), () => daysAgo(9)).add({ serviceId: 'llbd', reason: 'wrong-phone', reporter: 'aad-staff' });
        const [digest] = await as(bot, ALEX).say('directory digest');
        const text = cardText(digest.card);
        assert.match(text, /Live Life Better Derbyshire \(LLBD\) · reviewed 2025-06-01/);
        assert.match(text, /Wrong phone number: Live Life Better Derbyshire \(LLBD\) · 9 days ago/);
        const [form] = await as(bot, ALEX).click(button(digest.card, 'Mark reviewed'));
        assert.match(form.summary, /Mark reviewed: Live Life Better Derbyshire/);
        const inputs = inputsOf(form.card);
        assert.equal(inputs.sourceChecked.value, todayIso());
        assert.match(inputs.sourceUrl.value ?? '', /^https:\/\//, 'the newest source, to check again');
        assert.equal(inputs.phone, undefined, 'a review changes no field');
        const [noSource] = await as(bot, ALEX).click(formSubmission(form.card, { sourceUrl: '' }));
        assert.match(cardText(noSource.card), /a review needs the page you checked/);
        const [review] = await as(bot, ALEX).click(formSubmission(form.card));
        assert.match(review.summary, /Reviewed to review/);
        await as(bot, SAM).click(button(review.card, 'Approve'));
        const llbd = bot.bot.directory().service('llbd')!;
        assert.equal(llbd.reviewed, todayIso());
        assert.ok(llbd.sources.some((s) => s.url === inputs.sourceUrl.value && s.checked === todayIso()));
        const [after] = await as(bot, ALEX).say('digest');
        assert.doesNotMatch(cardText(after.card), /reviewed 2025-06-01/);
      } finally {
        await bot.stop();
        data.remove();
      }
    });

    it('is posted to the maintainers\' channel on schedule, once a week, by one instance of two', async () => {
      const storage = new MemoryStorage();
      const now = new Date();
      const weekday = now.toLocaleDateString('en-GB', { weekday: 'long', timeZone: 'Europe/London' }).toLowerCase();
      const env = { MAINTAINER_IDS, DIGEST_SCHEDULE: `${weekday} 00:00` };
      const [a, b] = await Promise.all([startBot({ storage, env, digestCheckMs: 100 }), startBot({ storage, env, digestCheckMs: 100 })]);
      const channel = await maintainersChannel(a, ALEX);
      try {
        const digest = await waitFor(async () => postedCards(channel).find((c: Json) => /Directory digest/.test(cardText(c))), 5000);
        assert.ok(digest, 'the digest is posted');
        await new Promise((r) => setTimeout(r, 1000));
        assert.equal(postedCards(channel).filter((c: Json) => /Directory digest/.test(cardText(c))).length, 1, 'once, though two instances look every 100 ms');
      } finally {
        await Promise.all([a.stop(), b.stop(), channel.stop()]);
      }
    });
  });
});
