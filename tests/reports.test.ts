import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { LevelStorage } from '../bot/storage/level-storage';
import { isNhsNumber, looksIdentifying, maskIdentifiers } from '../reports/report';
import { ReportStore } from '../reports/store';
import { cardProblems, cardText, submitActions } from './support/cards';
import { cards, exchange, type Json, type RunningBot, startBot } from './support/protocol';
import { spawnBot, tempDir } from './support/process';

const CANARY_NHS = '943 476 5919';

describe('staff reports of wrong details', () => {
  describe('identifiers are masked before a comment is stored', () => {
    it('recognises NHS numbers by their check digit', () => {
      assert.equal(isNhsNumber('9434765919'), true);
      assert.equal(isNhsNumber('9434765918'), false);
      assert.equal(isNhsNumber('1234567890'), false, 'a check digit of 10 is never valid');
    });
    it('masks NHS numbers and full postcodes, and leaves phone numbers alone', () => {
      const masked = maskIdentifiers(`pt ${CANARY_NHS} at DE1 2AB said the number 01629 538200 is wrong`);
      assert.equal(masked, 'pt [NHS number removed] at [postcode removed] said the number 01629 538200 is wrong');
      assert.equal(looksIdentifying('lives in s40 1xy'), true);
      assert.equal(looksIdentifying('the number 01629 538200 is wrong'), false);
    });
  });

  describe('from the chat', () => {
    let running: RunningBot;
    let connector: Server;
    let connectorUrl: string;
    const posted: Json[] = [];
    before(async () => {
      running = await startBot({ storage: new LevelStorage(tempDir('mecc-state-')) });
      connector = createServer((req, res) => {
        let body = '';
        req.on('data', (c) => (body += c));
        req.on('end', () => {
          if (req.method === 'POST') posted.push(JSON.parse(body));
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ id: `posted-${posted.length}` }));
        });
      });
      await new Promise<void>((r) => connector.listen(0, '127.0.0.1', r));
      connectorUrl = `http://127.0.0.1:${(connector.address() as AddressInfo).port}/`;
    });
    after(async () => {
      await running.stop();
      connector.close();
    });

    it('every service on a topic card has "Report a problem" in its "..." menu, which opens a short form with a privacy reminder', async () => {
      const [topic] = cards(await exchange(running.url, { text: 'smoking' }));
      const secondary = (topic.card.actions as { mode?: string; title: string; data: Json }[]).filter((a) => a.mode === 'secondary');
      const reportButtons = secondary.filter((a) => a.title.startsWith('Report a problem: '));
      const shown = cardText(topic.card).match(/^\*\*[^*]+\*\*  ·/gm) ?? [];
      assert.equal(reportButtons.length, shown.length, 'one report entry per service shown');
      assert.ok(reportButtons.length >= 2);
      const [form] = cards(await exchange(running.url, { value: reportButtons[0].data }));
      assert.deepEqual(cardProblems(form.card, form.summary), []);
      const text = cardText(form.card);
      assert.match(text, /Do not include patient details/);
      for (const reason of ['Wrong phone number', 'Wrong website', 'Service closed', 'Not for this Place']) assert.ok(JSON.stringify(form.card).includes(reason), reason);
    });

    it('stores the report, masked, thanks the reporter, and posts it to the maintainers channel with "Mark resolved"', async () => {
      const channel = { conversation: '19:maintainers@thread.tacv2', conversationType: 'channel' as const, user: 'maintainer' };
      const set = cards(await exchange(running.url, { text: 'maintainers: use this channel', serviceUrl: connectorUrl }, channel));
      assert.match(set[0].summary, /channel set/);

      const [thanks] = cards(await exchange(running.url, { value: { action: 'report', service: 'llbd', reason: 'wrong-phone', comment: `pt ${CANARY_NHS} DE22 1AB says it rings out` } }, { user: 'reporter-1' }));
      assert.match(thanks.summary, /Thank you/);

      const open = await running.bot.reports.list({ status: 'open' });
      const report = open.find((r) => r.serviceId === 'llbd');
      assert.ok(report);
      assert.equal(report.reason, 'wrong-phone');
      assert.equal(report.comment, 'pt [NHS number removed] [postcode removed] says it rings out');
      assert.equal(report.reporter, 'aad-reporter-1');

      assert.equal(posted.length, 1);
      const card = posted[0].attachments[0].content;
      assert.match(cardText(card), /Wrong phone number/);
      assert.ok(!JSON.stringify(posted[0]).includes('943'), 'the NHS number never leaves masked');
      const resolve = submitActions(card).find((a) => a.title === 'Mark resolved');
      assert.ok(resolve);
      await exchange(running.url, { value: resolve.data, serviceUrl: connectorUrl, replyToId: 'posted-1' }, channel);
      assert.equal((await running.bot.reports.get(report.id))?.status, 'resolved');
    });

    it('refuses a report about a service that does not exist, kindly', async () => {
      const [reply] = cards(await exchange(running.url, { value: { action: 'report', service: 'no-such-service', reason: 'closed' } }));
      assert.match(cardText(reply.card), /expired/);
    });
  });

  describe('durability', () => {
    it('a report survives kill -9 of the process right after the thank-you', async () => {
      const state = tempDir('mecc-kill-');
      const bot = await spawnBot({ STATE_DIR: state, STORAGE: 'disk' });
      try {
        const [thanks] = cards(await exchange(bot.url, { value: { action: 'report', service: 'samaritans', reason: 'closed' } }, { user: 'kill-test' }));
        assert.match(thanks.summary, /Thank you/);
      } finally {
        await bot.stop('SIGKILL');
      }
      const store = new ReportStore(new LevelStorage(join(state, 'reports'), { holdOpen: false }));
      const reports = await store.list();
      assert.equal(reports.length, 1);
      assert.equal(reports[0].serviceId, 'samaritans');
    });

    it('reports and a user\'s Place survive a restart', async () => {
      const state = tempDir('mecc-restart-');
      let bot = await spawnBot({ STATE_DIR: state, STORAGE: 'disk' });
      await exchange(bot.url, { text: 'set place erewash' }, { user: 'restarter' });
      await exchange(bot.url, { value: { action: 'report', service: 'llbd', reason: 'other', comment: 'moved' } }, { user: 'restarter' });
      await bot.stop();
      bot = await spawnBot({ STATE_DIR: state, STORAGE: 'disk' });
      try {
        const [answer] = cards(await exchange(bot.url, { text: 'smoking' }, { user: 'restarter' }));
        assert.match(cardText(answer.card), /Services for Erewash/);
        const store = new ReportStore(new LevelStorage(join(state, 'reports'), { holdOpen: false }));
        assert.equal((await store.list()).length, 1);
      } finally {
        await bot.stop();
      }
    });
  });
});
