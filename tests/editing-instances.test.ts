import assert from 'node:assert/strict';
import { todayIso } from '../maintain/dates';
import { type Azurite, startAzurite } from './support/azurite';
import { cardText } from './support/cards';
import { ALEX, as, button, formSubmission, JO, MAINTAINER_IDS, SAM, STAFF } from './support/editing';
import { type BotProcess, spawnBot, tempDir, waitFor } from './support/process';
import type { Json, RunningBot } from './support/protocol';

const asBot = (p: BotProcess) => ({ url: p.url }) as RunningBot;

/** What staff are told about LLBD on one instance: its phone and hours, from the "More services" card. */
async function llbdOn(p: BotProcess): Promise<{ phone?: string; name?: string }> {
  const [card] = await as(asBot(p), STAFF).click({ action: 'moreServices', topic: 'smoking', place: 'chesterfield' });
  // LLBD's block: its name line (whatever the name now is), its description, its phone.
  const lines = cardText(card.card).split('\n');
  const at = lines.findIndex((l) => /Free healthy lifestyle service for county residents/.test(l));
  const name = /^\*\*(.+)\*\* {2}·/.exec(lines[at - 1] ?? '')?.[1];
  const phone = /\[(01629 \d{6})\]/.exec(lines[at + 1] ?? '')?.[1];
  return { name, phone };
}

async function editForm(p: BotProcess, who = ALEX): Promise<Json> {
  const [form] = await as(asBot(p), who).say('edit llbd');
  assert.match(form.summary, /Edit: Live Life Better Derbyshire/);
  return form.card;
}

const source = (n: number) => ({ sourceUrl: `https://www.example.org/llbd-${n}`, sourceChecked: todayIso() });

describe('every instance serves a published change (two bot processes on one Azurite)', function () {
  this.timeout(120_000);
  let azurite: Azurite;
  let a: BotProcess;
  let b: BotProcess;
  before(async () => {
    azurite = await startAzurite();
    const env = { STORAGE: 'azure-blobs', AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString, AZURE_STORAGE_CONTAINER: 'mecc-edits', MAINTAINER_IDS, RATE_LIMIT_PER_MINUTE: '100000', CARD_RATE_LIMIT_PER_MINUTE: '100000', // Several instances share one recording key (issue 13).
      ACTIVITY_SECRET: 'editing-instances-test-secret-0123456789abcdef' };
    [a, b] = await Promise.all([spawnBot(env), spawnBot(env)]);
  });
  after(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await azurite?.stop();
  });

  it('a change approved on instance A is served by instance B within 10 seconds', async () => {
    assert.equal((await llbdOn(b)).phone, '01629 538200');
    const form = await editForm(a);
    const [review] = await as(asBot(a), ALEX).click(formSubmission(form, { phone: '01629 538211', ...source(1) }));
    const [published] = await as(asBot(a), SAM).click(button(review.card, 'Approve'));
    const at = Date.now();
    assert.match(cardText(published.card), /Published by Sam Second/);
    assert.equal((await llbdOn(a)).phone, '01629 538211', 'A serves it at once');
    let servedByB = 0;
    for (;;) {
      if ((await llbdOn(b)).phone === '01629 538211') {
        servedByB = Date.now() - at;
        break;
      }
      assert.ok(Date.now() - at < 10_000, 'B serves it within 10 s');
      await new Promise((r) => setTimeout(r, 50));
    }
    process.stdout.write(`      (instance B served the published change ${servedByB} ms after it was approved on A; EDITS_POLL_SECONDS=2)\n`);
    assert.ok(servedByB < 10_000);
    // The review card, history and proposals are shared too.
    const [history] = await as(asBot(b), JO).say('history llbd');
    assert.match(cardText(history.card), /Published by Sam Second/);
  });

  it('two maintainers editing one record at once (on different instances) changing different fields: both are kept', async () => {
    const [formA, formB] = await Promise.all([editForm(a, ALEX), editForm(b, SAM)]);
    const [reviewA] = await as(asBot(a), ALEX).click(formSubmission(formA, { phone: '01629 538212', ...source(2) }));
    const [reviewB] = await as(asBot(b), SAM).click(formSubmission(formB, { name: 'Live Life Better Derbyshire (LLBD, concurrent test)' }));
    // Approved at the same moment, one through each instance.
    const [doneA, doneB] = await Promise.all([
      as(asBot(b), JO).click(button(reviewA.card, 'Approve')),
      as(asBot(a), JO).click(button(reviewB.card, 'Approve')),
    ]);
    assert.match(cardText(doneA[0].card), /Published by Jo Third/);
    assert.match(cardText(doneB[0].card), /Published by Jo Third/);
    assert.match(cardText(doneA[0].card) + cardText(doneB[0].card), /merged with a change made meanwhile to other fields/);
    for (const p of [a, b]) {
      const seen = await waitForServed(p, (s) => s.phone === '01629 538212' && s.name === 'Live Life Better Derbyshire (LLBD, concurrent test)');
      assert.ok(seen, 'both changes served, on both instances');
    }
  });

  it('two maintainers changing the same field at once: the second is told of the conflict, and the first stands', async () => {
    const [formA, formB] = await Promise.all([editForm(a, ALEX), editForm(b, SAM)]);
    const [reviewA] = await as(asBot(a), ALEX).click(formSubmission(formA, { phone: '01629 538213', ...source(3) }));
    const [reviewB] = await as(asBot(b), SAM).click(formSubmission(formB, { phone: '01629 538214', ...source(4) }));
    const [first] = await as(asBot(a), JO).click(button(reviewA.card, 'Approve'));
    assert.match(cardText(first.card), /Published by Jo Third/);
    const [second] = await as(asBot(b), JO).click(button(reviewB.card, 'Approve'));
    assert.match(cardText(second.card), /Not published: the record was changed meanwhile in the same field \(Phone\)/);
    assert.ok(button(second.card, 'Open the form again'));
    assert.ok(await waitForServed(b, (s) => s.phone === '01629 538213'));
    // A form opened before the first was published, and sent after it, is told too (and keeps what was typed).
    const stale = await editForm(a, ALEX);
    await publishOn(b, SAM, JO, { phone: '01629 538215', ...source(5) });
    await waitForServed(a, (s) => s.phone === '01629 538215');
    const [told] = await as(asBot(a), ALEX).click(formSubmission(stale, { phone: '01629 538216', ...source(6) }));
    assert.match(cardText(told.card), /published a change to Phone while you were editing, so nothing was proposed/);
    assert.match(JSON.stringify(told.card), /01629 538216/, 'what was typed is kept');
  });
});

async function publishOn(p: BotProcess, proposer: typeof ALEX, approver: typeof ALEX, changes: Json): Promise<void> {
  const form = await editForm(p, proposer);
  const [review] = await as(asBot(p), proposer).click(formSubmission(form, changes));
  const [done] = await as(asBot(p), approver).click(button(review.card, 'Approve'));
  assert.match(cardText(done.card), /Published by/);
}

async function waitForServed(p: BotProcess, ok: (s: { phone?: string; name?: string }) => boolean): Promise<boolean> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (ok(await llbdOn(p))) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

describe('a kill -9 while publishing leaves the old version served or the new, never a mix', function () {
  this.timeout(180_000);

  // Publishing writes the approval, then the head that names the change, then marks it
  // published, logging each step. The bot is killed the moment the step named is logged
  // (EDITS_PUBLISH_PAUSE_MS holds each step open, so the kill lands before the next write), or
  // at a random moment. The change touches two fields, which must move together.
  for (const [when, trigger] of [
    ['after the approval is written, before the head', { step: 'approved' }],
    ['after the head is written, before it is marked published', { step: 'head' }],
    ['at a random moment', { afterMs: Math.floor(Math.random() * 1500) }],
  ] as const) {
    it(`killed ${when}`, async () => {
      const env = { STORAGE: 'disk', STATE_DIR: tempDir('mecc-kill-'), MAINTAINER_IDS, EDITS_PUBLISH_PAUSE_MS: '600', RATE_LIMIT_PER_MINUTE: '100000', CARD_RATE_LIMIT_PER_MINUTE: '100000' };
      let bot = await spawnBot(env);
      try {
        const form = await editForm(bot);
        const [review] = await as(asBot(bot), ALEX).click(formSubmission(form, { name: 'LLBD after the kill test', phone: '01629 538219', ...source(9) }));
        const from = bot.output().length;
        const approving = as(asBot(bot), SAM).click(button(review.card, 'Approve')).catch(() => undefined);
        if ('step' in trigger) {
          const logged = await waitFor(async () => (bot.output().slice(from).includes(`"step":"${trigger.step}"`) ? true : undefined), 20_000);
          assert.ok(logged, `the '${trigger.step}' step was reached`);
        } else await new Promise((r) => setTimeout(r, trigger.afterMs));
        await bot.stop('SIGKILL');
        await approving;
        bot = await spawnBot(env);
        const served = await llbdOn(bot);
        const old = served.phone === '01629 538200' && /^Live Life Better Derbyshire \(LLBD\)$/.test(served.name ?? '');
        const fresh = served.phone === '01629 538219' && served.name === 'LLBD after the kill test';
        assert.ok(old || fresh, `old or new, never a mix: ${JSON.stringify(served)}`);
        // The approval, once written, is finished at start-up: in the end the change is published, whole.
        const finished = await waitForServed(bot, (s) => s.phone === '01629 538219' && s.name === 'LLBD after the kill test');
        const [history] = await as(asBot(bot), JO).say('history llbd');
        const text = cardText(history.card);
        if (finished) assert.match(text, /Published by Sam Second/);
        else assert.match(text, /Waiting for another maintainer/, 'killed before the approval was written: the change still waits, unpublished');
        process.stdout.write(`      (served on restart: ${old ? 'old' : 'new'}; after recovery: ${finished ? 'published' : 'still waiting'})\n`);
      } finally {
        await bot.stop('SIGKILL');
      }
    });
  }
});
