import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { MemoryStorage } from 'botbuilder';
import { LevelStorage } from '../bot/storage/level-storage';
import { listable } from '../bot/storage/listable';
import { isNhsNumber, looksIdentifying, maskIdentifiers, mightIdentifyPatient } from '../reports/report';
import { ReportStore } from '../reports/store';
import { cardProblems, cardText, submitActions } from './support/cards';
import { FakeConnector } from './support/fake-connector';
import { cards, exchange, type Json, type RunningBot, startBot } from './support/protocol';
import { spawnBot, tempDir } from './support/process';

const CANARY_NHS = '943 476 5919';
const MAINTAINER = '33333333-3333-3333-3333-333333333333';
const asMaintainer = { from: { id: '29:maintainer', name: 'Maintainer', aadObjectId: MAINTAINER } };

describe('staff reports of wrong details', () => {
  describe('identifiers are masked before a comment is stored', () => {
    it('recognises NHS numbers by their check digit', () => {
      assert.equal(isNhsNumber('9434765919'), true);
      assert.equal(isNhsNumber('9434765918'), false);
      assert.equal(isNhsNumber('1234567890'), false, 'a check digit of 10 is never valid');
    });
    it('masks NHS numbers and full postcodes', () => {
      const masked = maskIdentifiers(`pt ${CANARY_NHS} at DE1 2AB said it rings out`);
      assert.equal(masked, 'pt [NHS number removed] at [postcode removed] said it rings out');
      assert.equal(looksIdentifying('lives in s40 1xy'), true);
      assert.equal(looksIdentifying('the helpline rings out at night'), false);
    });
    for (const [form, text] of [
      ['non-breaking spaces', '943\u00a0476\u00a05919'],
      ['dots', '943.476.5919'],
      ['five and five', '94347 65919'],
      ['full-width digits', '\uff19\uff14\uff13\uff14\uff17\uff16\uff15\uff19\uff11\uff19'],
      ['hyphens', '943-476-5919'],
    ]) {
      it(`masks an NHS number written with ${form}`, () => assert.equal(maskIdentifiers(`pt ${text} says`), 'pt [NHS number removed] says'));
    }
    it('masks a title followed by a name: "Mrs Smith", "Mr J Patel", "Dr. Khan"', () => {
      assert.equal(maskIdentifiers('Mrs Smith said so'), '[name removed] said so');
      assert.equal(maskIdentifiers('spoke to Mr J Patel today'), 'spoke to [name removed] today');
      assert.equal(maskIdentifiers('Dr. Khan referred her'), '[name removed] referred her');
      assert.equal(maskIdentifiers('mrs jones'), '[name removed]');
    });
    it('masks dates of birth, UK phone numbers, emails and street addresses', () => {
      assert.equal(maskIdentifiers('dob 03/04/1956 or 3 April 1956'), 'dob [date removed] or [date removed]');
      assert.equal(maskIdentifiers('call her on 07700 900123 or +44 1332 123456'), 'call her on [phone number removed] or [phone number removed]');
      assert.equal(maskIdentifiers('email jo.bloggs@example.com'), 'email [email removed]');
      assert.equal(maskIdentifiers('lives at 12 Acacia Avenue'), 'lives at [address removed]');
    });
    it('leaves the national short numbers and ordinary words alone', () => {
      assert.equal(maskIdentifiers('Samaritans 116 123 and 999 and 111 are fine; it closed in 2025'), 'Samaritans 116 123 and 999 and 111 are fine; it closed in 2025');
    });
    it('the chat reminder uses the same detector: every form above prompts it, a postcode alone does not', () => {
      for (const t of ['pt 94347 65919', 'Mrs Smith needs help', 'dob 03/04/1956', 'ring 07700 900123', 'jo@example.com', '943\u00a0476\u00a05919']) assert.equal(mightIdentifyPatient(t), true, t);
      assert.equal(mightIdentifyPatient('debt advice DE1 2AB'), false);
    });
  });

  describe('from the chat', () => {
    let running: RunningBot;
    let connector: Server;
    let connectorUrl: string;
    const posted: Json[] = [];
    before(async () => {
      running = await startBot({ storage: new LevelStorage(tempDir('mecc-state-')), env: { MAINTAINER_IDS: MAINTAINER } });
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
      const set = cards(await exchange(running.url, { text: 'maintainers: use this channel', serviceUrl: connectorUrl, ...asMaintainer }, channel));
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
      const [refused] = cards(await exchange(running.url, { value: resolve.data, serviceUrl: connectorUrl }, { user: 'not-a-maintainer' }));
      assert.match(cardText(refused.card), /Only the directory maintainers can close staff reports/);
      assert.equal((await running.bot.reports.get(report.id))?.status, 'open', 'someone else cannot close it');
      await exchange(running.url, { value: resolve.data, serviceUrl: connectorUrl, replyToId: 'posted-1', ...asMaintainer }, channel);
      assert.equal((await running.bot.reports.get(report.id))?.status, 'resolved');
    });

    it('someone who is not a maintainer cannot take the reports to their own chat: refused kindly, logged and counted', async () => {
      const before = posted.length;
      const lines = running.logs.lines.length;
      const [refused] = cards(await exchange(running.url, { text: 'maintainers: use this channel', serviceUrl: connectorUrl }, { user: 'nosy' }));
      assert.match(cardText(refused.card), /Only the directory maintainers can choose where staff reports are posted/);
      await exchange(running.url, { value: { action: 'report', service: 'samaritans', reason: 'other', comment: 'secret comment' } }, { user: 'reporter-2' });
      assert.equal(posted.length, before + 1, 'the report still goes to the maintainers\' channel');
      assert.notEqual(posted.at(-1)!.conversation?.id, 'a:personal-nosy', 'not to the nosy chat');
      const refusal = running.logs.lines.slice(lines).map((l) => JSON.parse(l)).find((l) => l.event === 'maintainer-refused');
      assert.equal(refusal?.action, 'set-channel');
      assert.equal(refusal?.user, 'aad-nosy');
      const metrics = (await (await fetch(`${running.url}/metrics`)).json()) as Record<string, number>;
      assert.equal(metrics['refused.maintainer.set-channel'], 1);
    });

    it('refuses a report about a service that does not exist, kindly', async () => {
      const [reply] = cards(await exchange(running.url, { value: { action: 'report', service: 'no-such-service', reason: 'closed' } }));
      assert.match(cardText(reply.card), /expired/);
    });
  });

  describe('maintainers by team membership (MAINTAINER_TEAM_ID)', () => {
    it('a member of the configured team may set the channel; someone Teams says is not a member may not', async () => {
      const connector = await new FakeConnector().start();
      const running = await startBot({ env: { MAINTAINER_TEAM_ID: '19:maintainers-team@thread.tacv2' } });
      try {
        const [ok] = cards(await exchange(running.url, { text: 'maintainers: use this channel', serviceUrl: connector.url }, { user: 'team-member', conversation: '19:c@thread.tacv2', conversationType: 'channel' }));
        assert.match(ok.summary, /channel set/);
        assert.ok(connector.received.some((r) => r.method === 'GET' && r.url.includes('/members/')), 'Teams was asked about membership');
        connector.script = [404];
        const [no] = cards(await exchange(running.url, { text: 'maintainers: use this channel', serviceUrl: connector.url }, { user: 'outsider' }));
        assert.match(cardText(no.card), /Only the directory maintainers/);
      } finally {
        await running.stop();
        await connector.stop();
      }
    });

    it('with no maintainers configured, nobody can set the channel', async () => {
      const running = await startBot();
      try {
        const [no] = cards(await exchange(running.url, { text: 'maintainers: use this channel' }, { user: 'anyone' }));
        assert.match(cardText(no.card), /Only the directory maintainers/);
      } finally {
        await running.stop();
      }
    });
  });

  describe('many reports at once', () => {
    it('32 staff reporting at the same moment, 300 reports: every one thanked and stored', async function () {
      this.timeout(60_000);
      const running = await startBot({ storage: new LevelStorage(tempDir('mecc-burst-')) });
      try {
        const thanked: boolean[] = [];
        let next = 0;
        await Promise.all(Array.from({ length: 32 }, async (_, worker) => {
          while (next < 300) {
            next++;
            const [reply] = cards(await exchange(running.url, { value: { action: 'report', service: 'llbd', reason: 'other' } }, { user: `burst-${worker}` }));
            thanked.push(/Thank you/.test(reply.summary));
          }
        }));
        assert.equal(thanked.filter((t) => !t).length, 0, 'no "Sorry, something went wrong"');
        assert.equal((await running.bot.reports.list()).length, thanked.length);
      } finally {
        await running.stop();
      }
    });

    it('adding a report writes the same, one small record, with 100 or 100,000 already stored', async function () {
      this.timeout(60_000);
      const memory = new MemoryStorage();
      let bytes = 0;
      const counting = listable(memory);
      const write = counting.write.bind(counting);
      counting.write = async (changes) => {
        bytes += JSON.stringify(changes).length;
        return write(changes);
      };
      const store = new ReportStore(counting);
      const costAt = async (stored: number) => {
        const fill: Record<string, unknown> = {};
        for (let i = (await counting.keys('reports/')).length; i < stored; i++) fill[`reports/${i.toString(16).padStart(12, '0')}`] = { report: { id: String(i), serviceId: 'llbd', reason: 'other', createdAt: '2026-01-01T00:00:00Z', reporter: 'x', status: 'open' } };
        await write(fill);
        bytes = 0;
        await store.add({ serviceId: 'llbd', reason: 'other', reporter: 'aad-x' });
        return bytes;
      };
      const small = await costAt(100);
      const large = await costAt(100_000);
      assert.ok(small < 400, `${small} bytes`);
      assert.ok(Math.abs(large - small) <= 4, `${small} bytes at 100 stored, ${large} at 100,000`);
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

    it('the report store is readable by the service\'s user only (folders 0700, files 0600)', async () => {
      const state = tempDir('mecc-modes-');
      const bot = await spawnBot({ STATE_DIR: state, STORAGE: 'disk' });
      try {
        await exchange(bot.url, { value: { action: 'report', service: 'llbd', reason: 'other', comment: 'x' } }, { user: 'modes' });
      } finally {
        await bot.stop();
      }
      for (const folder of [join(state, 'reports'), join(state, 'state')]) {
        assert.equal(statSync(folder).mode & 0o777, 0o700, folder);
        for (const f of readdirSync(folder)) assert.equal(statSync(join(folder, f)).mode & 0o077, 0, `${folder}/${f} is readable by others`);
      }
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
