/**
 * Browser end-to-end test (`npm run test:e2e`): the built bot (node dist/bot/index.js) and
 * the Microsoft 365 Agents Playground on free loopback ports, driven by Debian's headless
 * Chromium through playwright-core, the way a member of staff would use Teams: type a
 * topic, read the card, click a card button, type a crisis phrasing.
 *
 * Needs /usr/bin/chromium (`apt-get install -y chromium`) or CHROMIUM_PATH. Screenshots go
 * to tests/artifacts/ (git-ignored), including one of the page when a test fails.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { ensureBuilt, ROOT, type Started, startBot, startPlayground } from '../../cli/playground';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = join(ROOT, 'tests', 'artifacts');
/** About the width of a Teams desktop window with the chat list open. */
const VIEWPORT = { width: 1280, height: 900 };
const REPLY_TIMEOUT = 20_000;

describe('the bot in a Teams-like client (Agents Playground + headless Chromium)', function () {
  this.timeout(60_000);
  let bot: Started | undefined;
  let playground: Started | undefined;
  let context: BrowserContext | undefined;
  let page: Page;
  let userDataDir: string | undefined;
  const timings: string[] = [];

  const cards = () => page.locator('.ac-adaptiveCard');
  const composer = () => page.locator('[contenteditable="true"][role="textbox"]').first();

  /** Waits for the number of rendered cards to go above `before`, then lets the reply settle. */
  async function nextCard(before: number): Promise<Locator> {
    await page.waitForFunction((n) => document.querySelectorAll('.ac-adaptiveCard').length > n, before, { timeout: REPLY_TIMEOUT });
    await page.waitForTimeout(300);
    return cards().last();
  }

  /**
   * Clicks a button on a card and returns the reply card. If no reply comes, says whether the
   * card's own input validation blocked the click (new text such as an input's error message
   * appeared on the clicked card), which is what a member of staff would see.
   */
  async function click(card: Locator, button: string): Promise<Locator> {
    const before = await cards().count();
    const textBefore = new Set((await card.innerText()).split('\n').map((l) => l.trim()));
    await card.getByRole('button', { name: button }).click();
    try {
      return await nextCard(before);
    } catch (e) {
      const appeared = (await card.innerText()).split('\n').map((l) => l.trim()).filter((l) => l && !textBefore.has(l));
      if (appeared.length) {
        throw new Error(
          `Clicking "${button}" sent nothing: the card's input validation blocked it and showed "${appeared.join(' / ')}". ` +
            'An Action.Submit validates every input in the card unless it has associatedInputs: "none"; ' +
            'buttons that do not need the card\'s inputs should say so.',
        );
      }
      throw e;
    }
  }

  /** Opens a card's "..." overflow menu and returns the menu the renderer pops up. */
  async function openOverflow(card: Locator): Promise<Locator> {
    await card.getByRole('button', { name: /^(\.\.\.|…|More options)$/ }).last().click();
    const menu = page.locator('[role="menu"], .ac-ctrl-overlay').last();
    await menu.waitFor({ state: 'visible', timeout: 5000 });
    return menu;
  }

  async function send(text: string): Promise<Locator> {
    const before = await cards().count();
    await composer().click();
    await page.keyboard.type(text);
    await page.keyboard.press('Enter');
    return nextCard(before);
  }

  /**
   * Saves the whole card (the chat pane scrolls, so the window is made tall enough for it)
   * and the window as a member of staff would see it.
   */
  async function screenshot(card: Locator, name: string): Promise<void> {
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, `${name}-window.png`) });
    const height = await card.evaluate((el) => el.getBoundingClientRect().height);
    await page.setViewportSize({ width: VIEWPORT.width, height: Math.min(8000, Math.ceil(height) + 400) });
    await card.scrollIntoViewIfNeeded();
    await page.waitForTimeout(200);
    await card.screenshot({ path: join(ARTIFACTS, `${name}-card.png`) });
    await page.setViewportSize(VIEWPORT);
  }

  /** Text blocks in a card that render empty or are cut off (clipped with no wrap). */
  async function badText(card: Locator): Promise<string[]> {
    return card.locator('.ac-textBlock').evaluateAll((els) =>
      els.flatMap((el) => {
        const e = el as HTMLElement;
        const problems: string[] = [];
        if (!e.innerText.trim()) problems.push(`empty text block: ${e.outerHTML.slice(0, 120)}`);
        if (e.scrollWidth > e.clientWidth + 1) problems.push(`text wider than the card: "${e.innerText.slice(0, 60)}"`);
        return problems;
      }),
    );
  }

  /** If the run is interrupted (Ctrl-C, CI timeout), the bot and the Playground still go. */
  const killNow = () => {
    for (const s of [bot, playground]) {
      if (s?.child.pid && s.child.exitCode === null && s.child.signalCode === null) {
        try {
          process.kill(-s.child.pid, 'SIGKILL');
        } catch {
          /* already gone */
        }
      }
    }
  };
  const interrupted = () => {
    killNow();
    try {
      if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
    } catch {
      /* the browser may still be closing; it is only a temporary folder */
    }
    process.exit(130);
  };

  before(async function () {
    this.timeout(180_000);
    process.once('exit', killNow);
    process.once('SIGINT', interrupted);
    process.once('SIGTERM', interrupted);
    assert.ok(existsSync(CHROMIUM), `${CHROMIUM} not found: install it with "apt-get update && apt-get install -y chromium" (or set CHROMIUM_PATH)`);
    mkdirSync(ARTIFACTS, { recursive: true });
    let t = Date.now();
    const built = ensureBuilt();
    timings.push(`build ${built ? `${((Date.now() - t) / 1000).toFixed(1)} s` : 'up to date'}`);
    t = Date.now();
    bot = await startBot({ env: { WATCH_DIRECTORY: 'false', LOG_LEVEL: 'info', STORAGE: 'memory' } });
    timings.push(`bot ${Date.now() - t} ms`);
    t = Date.now();
    playground = await startPlayground(`${bot.url}/api/messages`);
    timings.push(`playground ${Date.now() - t} ms`);
    t = Date.now();
    userDataDir = mkdtempSync(join(tmpdir(), 'mecc-e2e-chromium-'));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: VIEWPORT,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`http://127.0.0.1:${playground.port}/`, { waitUntil: 'domcontentloaded' });
    await composer().waitFor({ timeout: 30_000 });
    // The welcome card arrives on install: let it land first, or on a busy machine it comes
    // after "smoking" is typed and is taken for the answer.
    await page.waitForFunction(() => document.querySelectorAll('.ac-adaptiveCard').length >= 1, undefined, { timeout: REPLY_TIMEOUT }).catch(() => undefined);
    await page.waitForTimeout(500);
    timings.push(`browser and page ${Date.now() - t} ms`);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && page) {
      const name = (this.currentTest.title || 'test').replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
      await page.screenshot({ path: join(ARTIFACTS, `failed-${name}.png`) }).catch(() => undefined);
      process.stdout.write(`\n--- bot output (last 3000 characters) ---\n${bot?.output().slice(-3000) ?? ''}\n`);
    }
  });

  after(async function () {
    this.timeout(30_000);
    await context?.close().catch(() => undefined);
    await Promise.all([playground?.stop(), bot?.stop()]);
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
    process.off('exit', killNow);
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
    if (timings.length) process.stdout.write(`    start-up: ${timings.join(', ')}\n`);
  });

  it('answers "smoking" with the topic card, listing real services with tap-to-call numbers', async () => {
    const t = Date.now();
    const card = await send('smoking');
    timings.push(`first answer ${Date.now() - t} ms`);
    const heading = card.locator('.ac-textBlock').first();
    assert.match(await heading.innerText(), /Smoking and vaping/);
    const tel = card.locator('a[href^="tel:"]');
    assert.ok((await tel.count()) >= 1, 'at least one tel: link');
    await tel.first().waitFor({ state: 'visible' });
    assert.match((await tel.first().getAttribute('href')) ?? '', /^tel:\+?\d{3,}/);
    const text = await card.innerText();
    assert.match(text, /NHS Smokefree|Live Life Better Derbyshire|Livewell Derby/, 'names a known stop smoking service');
    assert.ok(await card.getByRole('button', { name: 'Give to the person' }).isVisible(), 'has a visible "Give to the person" button');
    assert.equal(await card.getByRole('button', { name: 'Report a problem' }).count(), 0, 'no full-size report button under each service');
    assert.deepEqual(await badText(card), []);
    await screenshot(card, 'e2e-1-smoking');
    // The "..." overflow menu holds what is one tap away.
    const menu = await openOverflow(card);
    for (const item of ['Conversation guide', 'Change Place', 'Practise this conversation']) assert.ok(await menu.getByText(item, { exact: true }).isVisible(), `the "..." menu offers "${item}"`);
    assert.ok(await menu.getByText(/^Report a problem: /).first().isVisible(), 'the "..." menu offers reporting a problem with a service shown');
    await page.screenshot({ path: join(ARTIFACTS, 'e2e-1-smoking-overflow-window.png') });
    await page.keyboard.press('Escape');
  });

  it('acts on a card button in the "..." menu: "Change Place" answers with "Choose your Place"', async () => {
    const topicCard = cards().last();
    const before = await cards().count();
    const menu = await openOverflow(topicCard);
    await menu.getByText('Change Place', { exact: true }).click();
    const card = await nextCard(before);
    assert.match(await card.innerText(), /Choose your Place/);
    assert.deepEqual(await badText(card), []);
    await screenshot(card, 'e2e-2-change-place');
  });

  it('puts crisis support first for "he wants to end it all": its own message, with 999 visible, then the topic card', async () => {
    const before = await cards().count();
    await send('he wants to end it all');
    await page.waitForFunction((n) => document.querySelectorAll('.ac-adaptiveCard').length >= n + 2, before, { timeout: REPLY_TIMEOUT });
    await page.waitForTimeout(300);
    const crisis = cards().nth(before);
    const heading = crisis.locator('.ac-textBlock').first();
    assert.match(await heading.innerText(), /crisis/i, 'the first message is the crisis message');
    const emergency = crisis.locator('a[href^="tel:999"]').first();
    assert.ok(await emergency.isVisible(), '999 is visible, as a tel: link');
    assert.match(await crisis.innerText(), /SHOUT to 85258/, 'the text line can be read and copied');
    assert.match(await cards().nth(before + 1).innerText(), /Suicide prevention/);
    assert.deepEqual(await badText(crisis), []);
    await screenshot(crisis, 'e2e-3-crisis');
  });
  it('saves a Place chosen from the drop-down, and the next answer is for that Place', async () => {
    const picker = await send('set my Place');
    assert.match(await picker.innerText(), /Choose your Place/);
    await picker.getByRole('combobox').first().click();
    await page.getByRole('option', { name: 'Chesterfield', exact: true }).click();
    const saved = await click(picker, 'Save my Place');
    assert.match(await saved.innerText(), /Place set: Chesterfield/);
    const card = await send('smoking');
    assert.match(await card.innerText(), /Chesterfield/);
    assert.doesNotMatch(await card.innerText(), /Place not set/);
    await screenshot(card, 'e2e-4-smoking-chesterfield');
  });
});
