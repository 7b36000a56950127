import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { todayIso } from '../maintain/dates';
import { validateDirectory } from '../maintain/validate';
import { cardText } from './support/cards';
import { DataCopy } from './support/directory';
import { ALEX, as, button, formSubmission, inputsOf, MAINTAINER_IDS, SAM, STAFF } from './support/editing';
import { type BotProcess, spawnBot, tempDir, waitFor } from './support/process';
import type { Json, RunningBot } from './support/protocol';

const CLI = join(__dirname, '..', 'cli', 'directory.ts');

/** `npm run directory -- ...args` in its own process, with the bot's store settings. */
function directoryCli(args: string[], env: Record<string, string>): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => resolve({ code: code ?? -1, out, err }));
  });
}

/** A bot process seen through the protocol helpers (they need only its url). */
const asBot = (p: BotProcess) => ({ url: p.url }) as RunningBot;

async function health(p: BotProcess): Promise<Json> {
  return (await fetch(`${p.url}/healthz`)).json() as Promise<Json>;
}

async function servedPhone(p: BotProcess): Promise<string | undefined> {
  const [card] = await as(asBot(p), STAFF).click({ action: 'moreServices', topic: 'smoking', place: 'chesterfield' });
  return /Live Life Better Derbyshire \(LLBD\)[\s\S]*?\[(01629 \d{6})\]/.exec(cardText(card.card))?.[1];
}

/** Proposes a change to llbd as Alex and has Sam approve it: the published review card. */
async function publish(p: BotProcess, changes: Json): Promise<Json> {
  const [form] = await as(asBot(p), ALEX).say('edit llbd');
  const [review] = await as(asBot(p), ALEX).click(formSubmission(form.card, changes));
  assert.match(review.summary, /to review/, cardText(review.card));
  const [published] = await as(asBot(p), SAM).click(button(review.card, 'Approve'));
  return published.card;
}

describe('the files stay the starting point: history, export --files and a newer release', function () {
  this.timeout(90_000);
  let data: DataCopy;
  let env: Record<string, string>;
  let bot: BotProcess;
  before(async () => {
    data = new DataCopy();
    env = { STORAGE: 'disk', STATE_DIR: tempDir('mecc-edits-'), DIRECTORY_DATA: data.root, MAINTAINER_IDS, RATE_LIMIT_PER_MINUTE: '100000', CARD_RATE_LIMIT_PER_MINUTE: '100000' };
    bot = await spawnBot(env);
  });
  after(async () => {
    await bot?.stop();
    data.remove();
  });

  it('`npm run directory -- history llbd` shows who proposed and approved, when, before and after, and the source, while the bot runs', async () => {
    await publish(bot, { phone: '01629 538201', sourceUrl: 'https://www.example.org/llbd-contact', sourceChecked: todayIso() });
    const r = await directoryCli(['history', 'llbd'], env);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /1 change made from Teams to llbd, newest first:/);
    assert.match(r.out, /llbd {2}Live Life Better Derbyshire \(LLBD\)\n {2}edit · published \(#1\) by Sam Second \([0-9a-f]{16}\) on \d{4}-\d\d-\d\d \d\d:\d\d\n {2}proposed by Alex Maintainer \([0-9a-f]{16}\)/);
    assert.match(r.out, / {4}contact\.phone: "01629 538200" -> "01629 538201"/);
    assert.match(r.out, / {4}source: https:\/\/www\.example\.org\/llbd-contact checked \d{4}-\d\d-\d\d \(shows phone\)/);
    assert.ok(!r.out.includes(ALEX.id) && !r.out.includes(SAM.id), 'Entra ids are never stored: a hash stands for them');
    const all = await directoryCli(['history'], env);
    assert.match(all.out, /1 change made from Teams, newest first/);
    const json = JSON.parse((await directoryCli(['history', 'llbd', '--json'], env)).out);
    assert.equal(json[0].status, 'published');
    assert.equal((await directoryCli(['history', 'no-such-thing-at-all'], env)).code, 1);
  });

  it('a newer release changing other fields is merged with the published change: both are served', async () => {
    assert.equal(await servedPhone(bot), '01629 538201');
    data.edit('services/llbd.json', (s) => {
      s.cost = 'Free (release test)';
    });
    const version = (await health(bot)).directoryVersion;
    // The bot reloads the files (within about 2 s) and merges them with the published change.
    assert.ok(await waitFor(async () => ((await health(bot)).directoryVersion !== version ? true : undefined), 5000), 'the release was loaded');
    assert.equal(await servedPhone(bot), '01629 538201', 'the published phone is still served');
    const [card] = await as(asBot(bot), STAFF).click({ action: 'reportForm', service: 'llbd' });
    assert.ok(card, 'the service is still offered');
    const [form] = await as(asBot(bot), ALEX).say('edit llbd');
    assert.equal(inputsOf(form.card).cost.value, 'Free (release test)', 'and the release\'s cost with it');
    assert.equal(inputsOf(form.card).phone.value, '01629 538201');
    assert.deepEqual((await health(bot)).edits.conflicts, []);
  });

  it('`export --files` writes the published changes into the files, which then validate; exporting again writes nothing', async () => {
    const r = await directoryCli(['export', '--files', '--data', data.root], env);
    assert.equal(r.code, 0, r.out + r.err + JSON.stringify(data.read('services/llbd.json').contact));
    assert.match(r.out, /Wrote 1 file with the changes published from Teams/);
    assert.match(r.out, /services\/llbd\.json \(contact\.phone, sources\)/);
    const llbd = data.read('services/llbd.json');
    assert.equal(llbd.contact.phone, '01629 538201');
    assert.equal(llbd.cost, 'Free (release test)', 'the release\'s own change is kept');
    assert.deepEqual(validateDirectory(data.root, { today: todayIso() }).errors, []);
    const again = await directoryCli(['export', '--files', '--data', data.root], env);
    assert.match(again.out, /Nothing to write: the files already hold every published change/);
  });

  it('a newer release that changed the same field differently is reported as a conflict, never overwritten; a change in Teams settles it', async () => {
    await publish(bot, { phone: '01629 538203', sourceUrl: 'https://www.example.org/llbd-contact-2', sourceChecked: todayIso() });
    data.edit('services/llbd.json', (s) => {
      s.contact.phone = '01629 538204';
    });
    const conflicts = await waitFor(async () => {
      const c = (await health(bot)).edits.conflicts;
      return c.length ? c : undefined;
    }, 5000);
    assert.deepEqual(conflicts, [{ record: 'service:llbd', fields: ['contact.phone'] }]);
    assert.equal(await servedPhone(bot), '01629 538203', 'the approved change is served meanwhile');
    const r = await directoryCli(['export', '--files', '--data', data.root], env);
    assert.equal(r.code, 1);
    assert.match(r.out, /nothing was written/);
    assert.match(r.out, /services\/llbd\.json: field 'contact\.phone': the files now say "01629 538204", change #2 from Teams \(.*approved by Sam Second\) says "01629 538203"/);
    assert.equal(data.read('services/llbd.json').contact.phone, '01629 538204', 'the release is not overwritten');
    // In Teams the form says so, and the next change settles it.
    const [form] = await as(asBot(bot), ALEX).say('edit llbd');
    assert.match(cardText(form.card), /The files \(a newer release\) and the change published from Teams disagree on Phone/);
    await publish(bot, { phone: '01629 538204', sourceUrl: 'https://www.example.org/llbd-contact-3', sourceChecked: todayIso() });
    assert.deepEqual((await health(bot)).edits.conflicts, []);
    const settled = await directoryCli(['export', '--files', '--data', data.root], env);
    assert.equal(settled.code, 0, settled.out);
    assert.equal(data.read('services/llbd.json').contact.phone, '01629 538204');
  });
});
