/**
 * What a member of staff sees the moment a reply arrives, measured in the Agents Playground
 * at a Teams desktop window (1280x900) and a phone (390x844): the chat scrolls to the newest
 * message, so a tall card pushes its own top off screen. For the crisis answer the 999 line
 * must be on screen on arrival; for topic answers the Ask / Assist / Act prompt must be, and
 * a topic card at desktop width must be at most 700 px tall.
 *
 * Each viewport gets a fresh bot (a new member of staff, no Place yet), so the first topic
 * card is the one that also asks for the Place. The figures are printed as a table and
 * written to tests/artifacts/first-screen.json; screenshots of each reply as it arrived go to
 * tests/artifacts/first-<viewport>-<name>-window.png and the whole cards to *-card.png.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { ensureBuilt, ROOT, type Started, startBot, startPlayground } from '../../cli/playground';
import { PhoneChat } from './phone-chat';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = join(ROOT, 'tests', 'artifacts');
const REPLY_TIMEOUT = 20_000;
/** The issue's target for a topic card with its default services, at Playground desktop width. */
const MAX_TOPIC_CARD_PX = 700;

const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 900, isMobile: false },
  // The Playground has no phone layout: the phone is a Teams-mobile-shaped chat (phone-chat.ts).
  { name: 'phone', width: 390, height: 844, isMobile: true },
] as const;

interface Case {
  name: string;
  text: string;
  /** How many cards the reply holds. */
  cards: number;
  /** What must be on screen on arrival, found in one of the reply's cards. */
  mustSee: 'crisis-999' | 'prompt';
}

/** Three topic answers (the falls and warmth cards led with unreachable services before) and the crisis answer. */
const CASES: (Case | { name: string; setPlace: string })[] = [
  // A new member of staff whose first message is a crisis: no Place, never asked for it here.
  { name: 'crisis-first', text: 'he has been cutting himself', cards: 2, mustSee: 'crisis-999' },
  { name: 'smoking-first', text: 'smoking', cards: 1, mustSee: 'prompt' },
  { name: 'place', setPlace: "I'm in Chesterfield" },
  { name: 'falls', text: 'keeps falling over', cards: 1, mustSee: 'prompt' },
  { name: 'warmth', text: 'cold house', cards: 1, mustSee: 'prompt' },
  { name: 'crisis', text: 'she said she wants to end it all', cards: 2, mustSee: 'crisis-999' },
];

interface Measure {
  viewport: string;
  name: string;
  cardHeights: number[];
  /** What had to be seen, and whether it was fully inside the visible chat area on arrival. */
  mustSee: string;
  onScreen: boolean;
  /** Where it was, relative to the top of the visible chat area (negative: above it). */
  offsetPx: number;
  visibleChatPx: number;
  /** Topic answers: whether the card's title was on screen too. */
  titleOnScreen?: boolean;
}

describe('the first screen of each reply, desktop and phone (Agents Playground + headless Chromium)', function () {
  this.timeout(240_000);
  const results: Measure[] = [];

  for (const viewport of VIEWPORTS) {
    describe(`at ${viewport.width}x${viewport.height} (${viewport.name})`, () => {
      let bot: Started | undefined;
      let playground: Started | undefined;
      let context: BrowserContext | undefined;
      let page: Page;
      let userDataDir: string | undefined;

      const cards = () => page.locator('.ac-adaptiveCard');
      const composer = () => page.locator('[contenteditable="true"][role="textbox"]').first();

      let phone: PhoneChat | undefined;

      /** Types a message and waits for `count` new cards, then for the chat to stop moving. */
      async function send(text: string, count: number): Promise<Locator[]> {
        if (phone) return phone.send(text);
        const before = await cards().count();
        await composer().click();
        await page.keyboard.type(text);
        await page.keyboard.press('Enter');
        await page.waitForFunction((n) => document.querySelectorAll('.ac-adaptiveCard').length >= n, before + 1, { timeout: REPLY_TIMEOUT });
        // A reply of several messages arrives one by one: wait until no more come.
        const settle = Date.now() + REPLY_TIMEOUT;
        for (let seen = await cards().count(); Date.now() < settle; ) {
          await page.waitForTimeout(seen - before >= count ? 700 : 300);
          const now = await cards().count();
          if (now === seen && now - before >= count) break;
          seen = now;
        }
        // The client scrolls to the newest message, possibly smoothly: wait until nothing moves.
        await page.waitForTimeout(400);
        let last = '';
        for (let i = 0; i < 20; i++) {
          const now = await page.evaluate(() => [...document.querySelectorAll('*')].filter((e) => e.scrollTop > 0).map((e) => e.scrollTop).join(','));
          if (now === last) break;
          last = now;
          await page.waitForTimeout(150);
        }
        const all = await cards().count();
        return Array.from({ length: all - before }, (_, i) => cards().nth(before + i));
      }

      /** Where `target` sits against the visible part of the chat pane (its scrolling ancestor, clipped to the window). */
      async function placeOnScreen(target: Locator): Promise<{ onScreen: boolean; offsetPx: number; visibleChatPx: number }> {
        return target.evaluate((el) => {
          let pane: HTMLElement | null = el.parentElement;
          while (pane && !(pane.scrollHeight > pane.clientHeight + 1 && /auto|scroll/.test(getComputedStyle(pane).overflowY))) pane = pane.parentElement;
          const paneRect = pane ? pane.getBoundingClientRect() : { top: 0, bottom: window.innerHeight };
          const top = Math.max(0, paneRect.top);
          const bottom = Math.min(window.innerHeight, paneRect.bottom);
          const r = el.getBoundingClientRect();
          return { onScreen: r.top >= top - 1 && r.bottom <= bottom + 1 && r.height > 0, offsetPx: Math.round(r.top - top), visibleChatPx: Math.round(bottom - top) };
        });
      }

      async function saveWhole(card: Locator, file: string): Promise<void> {
        const height = await card.evaluate((el) => el.getBoundingClientRect().height);
        await page.setViewportSize({ width: viewport.width, height: Math.min(8000, Math.ceil(height) + 400) });
        await card.scrollIntoViewIfNeeded();
        await page.waitForTimeout(200);
        await card.screenshot({ path: join(ARTIFACTS, file) });
        await page.setViewportSize({ width: viewport.width, height: viewport.height });
      }

      /** If the run is interrupted (Ctrl-C, CI timeout), the bot and the Playground still go. */
      const killNow = () => {
        for (const p of [bot, playground]) {
          if (p?.child.pid && p.child.exitCode === null && p.child.signalCode === null) {
            try {
              process.kill(-p.child.pid, 'SIGKILL');
            } catch {
              /* already gone */
            }
          }
        }
      };
      const interrupted = () => {
        killNow();
        process.exit(130);
      };

      before(async function () {
        this.timeout(180_000);
        process.once('exit', killNow);
        process.once('SIGINT', interrupted);
        process.once('SIGTERM', interrupted);
        assert.ok(existsSync(CHROMIUM), `${CHROMIUM} not found: install it with "apt-get update && apt-get install -y chromium" (or set CHROMIUM_PATH)`);
        mkdirSync(ARTIFACTS, { recursive: true });
        ensureBuilt();
        // Memory storage: a new member of staff every run, whatever an earlier run left in ./data.
        bot = await startBot({ env: { WATCH_DIRECTORY: 'false', LOG_LEVEL: 'warn', STORAGE: 'memory' } });
        if (!viewport.isMobile) playground = await startPlayground(`${bot.url}/api/messages`);
        userDataDir = mkdtempSync(join(tmpdir(), 'mecc-e2e-first-'));
        context = await chromium.launchPersistentContext(userDataDir, {
          executablePath: CHROMIUM,
          headless: true,
          viewport: { width: viewport.width, height: viewport.height },
          isMobile: viewport.isMobile,
          hasTouch: viewport.isMobile,
          deviceScaleFactor: 1,
          args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
        });
        page = context.pages()[0] ?? (await context.newPage());
        if (viewport.isMobile) {
          phone = new PhoneChat(page, bot.url);
          await phone.open();
          return;
        }
        await page.goto(`http://127.0.0.1:${playground!.port}/`, { waitUntil: 'domcontentloaded' });
        await composer().waitFor({ timeout: 30_000 });
        // The welcome card arrives on install; let it land before measuring anything.
        await page.waitForFunction(() => document.querySelectorAll('.ac-adaptiveCard').length >= 1, undefined, { timeout: REPLY_TIMEOUT }).catch(() => undefined);
        await page.waitForTimeout(500);
      });

      after(async function () {
        this.timeout(30_000);
        await context?.close().catch(() => undefined);
        await Promise.all([playground?.stop(), bot?.stop()]);
        if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
        process.off('exit', killNow);
        process.off('SIGINT', interrupted);
        process.off('SIGTERM', interrupted);
      });

      for (const c of CASES) {
        if ('setPlace' in c) {
          it(`sets the Place by typing "${c.setPlace}"`, async () => {
            const [card] = await send(c.setPlace, 1);
            assert.match(await card.innerText(), /Place set: Chesterfield/);
          });
          continue;
        }
        it(`"${c.text}": ${c.mustSee === 'crisis-999' ? 'the 999 line' : 'the Ask / Assist / Act prompt'} is on screen on arrival${c.mustSee === 'prompt' && viewport.name === 'desktop' ? `, card <= ${MAX_TOPIC_CARD_PX} px` : ''}`, async () => {
          const reply = await send(c.text, c.cards);
          await page.screenshot({ path: join(ARTIFACTS, `first-${viewport.name}-${c.name}-window.png`) });
          const heights = await Promise.all(reply.map((card) => card.evaluate((el) => Math.round(el.getBoundingClientRect().height))));
          const target = c.mustSee === 'crisis-999'
            ? reply[0].locator('a[href^="tel:999"]').first()
            : reply[reply.length - 1].getByText(/^Ask:/).first();
          assert.ok(await target.count(), `${c.mustSee} is in the reply`);
          const where = await placeOnScreen(target);
          // A topic card's title and Place line belong on the first screen too.
          const title = c.mustSee === 'prompt' ? await placeOnScreen(reply[reply.length - 1].locator('.ac-textBlock').first()) : undefined;
          results.push({ viewport: viewport.name, name: c.name, cardHeights: heights, mustSee: c.mustSee, ...where, titleOnScreen: title?.onScreen });
          for (const [i, card] of reply.entries()) await saveWhole(card, `first-${viewport.name}-${c.name}-${i + 1}-card.png`);
          assert.ok(where.onScreen, `${c.mustSee} should be on screen on arrival; it is ${where.offsetPx} px from the top of a ${where.visibleChatPx} px chat area (cards ${heights.join(' + ')} px)`);
          if (title) assert.ok(title.onScreen, `the topic title should be on screen on arrival; it is ${title.offsetPx} px from the top`);
          if (c.mustSee === 'prompt' && viewport.name === 'desktop') {
            assert.ok(heights[heights.length - 1] <= MAX_TOPIC_CARD_PX, `the topic card is ${heights[heights.length - 1]} px tall; the target is ${MAX_TOPIC_CARD_PX} px`);
          }
        });
      }
    });
  }

  after(() => {
    if (!results.length) return;
    writeFileSync(join(ARTIFACTS, 'first-screen.json'), `${JSON.stringify(results, null, 2)}\n`);
    const rows = results.map((r) => `    ${r.viewport.padEnd(8)} ${r.name.padEnd(14)} cards ${r.cardHeights.join(' + ').padEnd(12)} px  ${r.mustSee.padEnd(10)} ${r.onScreen ? 'on screen ' : 'OFF screen'} (${r.offsetPx} px from the top of ${r.visibleChatPx} px)${r.titleOnScreen === undefined ? '' : r.titleOnScreen ? ', title on screen' : ', title OFF screen'}`);
    process.stdout.write(`\n    first screen on arrival:\n${rows.join('\n')}\n`);
  });
});
