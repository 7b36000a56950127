/**
 * The citizen take-away in a real browser (headless Chromium): the card's QR code, drawn by the
 * official Adaptive Cards renderer, decodes to the page's address; the public page the bot
 * serves shows the chosen services and nothing staff-only, has no axe-core violations (WCAG 2.2
 * A and AA rules) at 360 px and at desktop width, in large print too, works without
 * JavaScript, prints on A4 and A5, and reflects nothing from a tampered address. Screenshots go
 * to tests/artifacts/takeaway-*.png.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { cards, exchange, type Json, type RunningBot, startBot } from '../support/protocol';
import { submitActions } from '../support/cards';
import { decodeQrPng } from '../support/qr';
import { realDirectory } from '../support/directory';

const ROOT = join(__dirname, '..', '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = join(ROOT, 'tests', 'artifacts');
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const RENDERER = readFileSync(require.resolve('adaptivecards/dist/adaptivecards.min.js'), 'utf8');
const PAGE_SCRIPT = readFileSync(join(ROOT, 'cli', 'render-cards.page.js'), 'utf8');
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const LAUNCH = { executablePath: CHROMIUM, headless: true, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] };

interface Given {
  card: Json;
  pageUrl: string;
  services: string[];
}

describe('the citizen take-away in a browser (headless Chromium)', function () {
  this.timeout(120_000);
  const directory = realDirectory();
  let running: RunningBot;
  let browser: Browser;
  const given: Record<string, Given> = {};

  /** Asks the bot about a topic as a member of staff and presses "Give to the person". */
  async function give(text: string, user: string): Promise<Given> {
    await exchange(running.url, { text: "I'm in Erewash" }, { user });
    const replies = cards(await exchange(running.url, { text }, { user }));
    const press = submitActions(replies[replies.length - 1].card).find((a) => a.title === 'Give to the person');
    assert.ok(press, `${text}: "Give to the person" on the topic card`);
    const [card] = cards(await exchange(running.url, { value: press.data }, { user }));
    const pageUrl = (card.card.actions as Json[]).find((a) => a.title === 'Open the page to print')!.url as string;
    return { card: card.card, pageUrl, services: press.data.services };
  }

  async function axe(page: Page): Promise<string[]> {
    // The page's own policy allows no script at all; axe is added by the test browser (bypassCSP).
    await page.addScriptTag({ content: AXE });
    const result = await page.evaluate(async (tags) => (window as unknown as { axe: { run(o: unknown): Promise<{ violations: { id: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe.run({ runOnly: { type: 'tag', values: tags } }), WCAG);
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  }

  before(async () => {
    assert.ok(existsSync(CHROMIUM), `${CHROMIUM} not found: install it with "apt-get update && apt-get install -y chromium" (or set CHROMIUM_PATH)`);
    mkdirSync(ARTIFACTS, { recursive: true });
    running = await startBot({ env: { PUBLIC_PAGE_RATE_LIMIT_PER_MINUTE: '100000', STORAGE: 'memory' } });
    browser = await chromium.launch(LAUNCH);
    given.smoking = await give('smoking', 'giver-smoking');
    given.mood = await give('feeling low and anxious', 'giver-mood');
  });
  after(async () => {
    await browser?.close();
    await running?.stop();
  });

  it('the QR code on the card, as a phone\'s camera would see it drawn, opens the page\'s address', async () => {
    const page = await browser.newPage({ viewport: { width: 420, height: 900 }, deviceScaleFactor: 1 });
    try {
      await page.setContent(`<!doctype html><html><body style="margin:0;padding:16px;background:#fff"><div id="card" style="width:366px"></div><script>${RENDERER}</script><script>${PAGE_SCRIPT}</script></body></html>`);
      await page.evaluate((json) => (window as unknown as { renderCard(j: unknown): void }).renderCard(json), given.smoking.card);
      const card = page.locator('#card');
      await card.screenshot({ path: join(ARTIFACTS, 'takeaway-card.png') });
      const qr = page.locator(`#card img[alt^="QR code"]`);
      const decoded = decodeQrPng(await qr.screenshot());
      assert.equal(decoded, given.smoking.pageUrl);
      assert.ok(decoded!.startsWith(`${running.url}/take-away?t=smoking&p=erewash&s=`), decoded!);
    } finally {
      await page.close();
    }
  });

  for (const viewport of [{ name: 'phone', width: 360, height: 780, isMobile: true }, { name: 'desktop', width: 1280, height: 900, isMobile: false }]) {
    it(`at ${viewport.width} px: the chosen services and nothing staff-only; no axe violations, in standard and large print`, async () => {
      const context = await browser.newContext({ viewport, isMobile: viewport.isMobile, hasTouch: viewport.isMobile, bypassCSP: true });
      try {
        const page = await context.newPage();
        for (const [which, g] of Object.entries(given)) {
          for (const large of [false, true]) {
            const res = await page.goto(`${g.pageUrl}${large ? '&large=1' : ''}`);
            assert.equal(res?.status(), 200);
            assert.deepEqual((await context.cookies()).map((c) => c.name), [], 'no cookies');
            const text = await page.locator('body').innerText();
            for (const id of g.services) assert.ok(text.includes(directory.service(id)!.name), `${which}: ${id} on the page`);
            assert.doesNotMatch(text, /\b(Ask|Assist|Act):|Conversation guide|What did you do|Report a problem/);
            for (const s of directory.services.filter((x) => g.services.includes(x.id))) if (s.notes) assert.ok(!text.includes(s.notes), `${s.id}: its staff notes stay off the page`);
            const wide = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
            assert.ok(wide <= 0, `${which}${large ? ' large' : ''}: nothing wider than the screen (${wide} px over)`);
            assert.deepEqual(await axe(page), [], `${which}${large ? ' large print' : ''} at ${viewport.width} px`);
            await page.screenshot({ path: join(ARTIFACTS, `takeaway-${which}-${viewport.name}${large ? '-large' : ''}.png`), fullPage: true });
          }
        }
      } finally {
        await context.close();
      }
    });
  }

  it('for low mood the crisis lines come first on the page, 999 among them', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(given.mood.pageUrl);
      const headings = await page.locator('h2').allInnerTexts();
      assert.equal(headings[0], 'If you need help now');
      assert.ok(await page.locator('.crisis a[href="tel:999"]').count());
    } finally {
      await page.close();
    }
  });

  it('works without JavaScript, and its policy lets no script run', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      const res = await page.goto(given.smoking.pageUrl);
      assert.match(res!.headers()['content-security-policy'], /default-src 'none'/);
      assert.ok(await page.locator('h1').isVisible());
      assert.ok(await page.locator('a[href^="tel:"]').first().isVisible(), 'tap-to-call links without script');
    } finally {
      await context.close();
    }
  });

  it('prints on A4 and A5 (print stylesheet), standard and large print', async () => {
    const page = await browser.newPage();
    try {
      for (const large of [false, true]) {
        await page.goto(`${given.mood.pageUrl}${large ? '&large=1' : ''}`);
        await page.emulateMedia({ media: 'print' });
        assert.equal(await page.locator('.tools').isVisible(), false, 'the large-print link is not printed');
        const base = await page.evaluate(() => getComputedStyle(document.documentElement).fontSize);
        assert.equal(base, large ? '21.3333px' : '14.6667px', 'print sizes in points: 11 pt, large print 16 pt');
        for (const format of ['A4', 'A5'] as const) {
          // Paper width less the 12 mm margins, at 96 px to the inch: nothing may be cut off.
          const mm = format === 'A4' ? 210 : 148;
          await page.setViewportSize({ width: Math.floor(((mm - 24) / 25.4) * 96), height: 900 });
          const over = await page.evaluate(() => [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1).length);
          assert.equal(over, 0, `${format}${large ? ' large' : ''}: nothing runs past the margin`);
          const pdf = await page.pdf({ format, preferCSSPageSize: true, printBackground: false });
          const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
          assert.ok(pdf.subarray(0, 5).toString() === '%PDF-' && pages >= 1 && pages <= (large ? 6 : 4), `${format}${large ? ' large' : ''}: ${pages} page(s)`);
          await page.screenshot({ path: join(ARTIFACTS, `takeaway-print-${format}${large ? '-large' : ''}.png`), fullPage: true });
        }
        await page.emulateMedia({ media: 'screen' });
      }
    } finally {
      await page.close();
    }
  });

  it('a tampered or script-carrying address gets the plain "not found" page: nothing reflected, nothing run', async () => {
    const page = await browser.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    try {
      const base = `${running.url}/take-away`;
      for (const query of [
        't=%3Cscript%3Ealert(1)%3C%2Fscript%3E&p=all&s=',
        't=smoking&p=erewash&s=llbd%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(2)%3E',
        't=smoking&p=erewash&s=no-such-service',
        't=smoking&p=erewash&s=&name=Jane%20Smith',
        `${new URL(given.smoking.pageUrl).search.slice(1)}&large=%22%3E%3Csvg%20onload%3Dalert(3)%3E`,
      ]) {
        const res = await page.goto(`${base}?${query}`);
        assert.equal(res?.status(), 404, query);
        const html = await page.content();
        assert.match(await page.locator('h1').innerText(), /Page not found/);
        assert.doesNotMatch(html, /alert\(|onerror|onload|Jane|<img|<svg/i, query);
        assert.equal(await page.locator('script, img, svg, iframe').count(), 0);
      }
      assert.deepEqual(dialogs, [], 'no script ran');
    } finally {
      await page.close();
    }
  });

  it('its words read at a level a general audience can manage (text-readability, on what the page shows)', async () => {
    const { default: readability } = await import('text-readability');
    const page = await browser.newPage();
    try {
      let prose = '';
      for (const g of Object.values(given)) {
        await page.goto(g.pageUrl);
        // Sentences only: the paragraphs (intro, what each service does, how to start), not names or numbers.
        prose += ` ${(await page.locator('main p, header p').allInnerTexts()).join(' ')}`;
      }
      const ease = readability.fleschReadingEase(prose);
      const grade = readability.fleschKincaidGrade(prose);
      process.stdout.write(`      (the two pages' sentences: Flesch reading ease ${ease}, Flesch-Kincaid grade ${grade})\n`);
      assert.ok(ease >= 60, `Flesch reading ease ${ease}: 60 and above is plain English`);
      assert.ok(grade <= 9, `Flesch-Kincaid grade ${grade}`);
    } finally {
      await page.close();
    }
  });
});
