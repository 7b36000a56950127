import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { Conversation, NO_PREFERENCES } from '../chat/respond';
import type { Json } from '../cards/elements';
import { defaultDataDir, loadDirectory } from '../directory/load';
import { Signposter } from '../search/answer';

/**
 * Renders example cards to PNG with the official Adaptive Cards renderer in headless
 * Chromium, at a Teams-like width, for the README and for looking at cards by eye.
 *   npm run render-cards    (needs Debian's chromium: apt-get install -y chromium)
 */
const OUT = join(__dirname, '..', 'docs', 'images');

async function examples(): Promise<[string, Json][]> {
  const directory = loadDirectory(defaultDataDir());
  const conversation = new Conversation(new Signposter(directory));
  const first = async (incoming: Parameters<Conversation['respond']>[0], place: string | null = null) =>
    (await conversation.respond(incoming, { ...NO_PREFERENCES, place: place as never, askedForPlace: true })).messages[0].card;
  const script = directory.walkthroughs.get('smoking')!;
  return [
    ['topic-smoking-chesterfield', await first({ kind: 'text', text: 'smoking' }, 'chesterfield')],
    ['crisis', await first({ kind: 'text', text: 'he said he wants to end it all' })],
    ['welcome', await first({ kind: 'text', text: 'help' })],
    ['guide-smoking', await first({ kind: 'action', value: { action: 'guide', topic: 'smoking' } })],
    ['did-you-mean', await first({ kind: 'text', text: 'blood' })],
    ['topics', await first({ kind: 'text', text: 'topics' })],
    ['trainer-step', await first({ kind: 'action', value: { action: 'walk', topic: 'smoking', step: 2, version: script.contentVersion } })],
    ['trainer-practice', await first({ kind: 'action', value: { action: 'practiceAnswer', topic: 'smoking', scenario: 1, choice: 1, version: script.contentVersion } })],
  ];
}

/** Plain browser JavaScript, kept out of TypeScript so nothing is compiled into it. */
const PAGE_SCRIPT = readFileSync(join(__dirname, 'render-cards.page.js'), 'utf8');

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const renderer = readFileSync(require.resolve('adaptivecards/dist/adaptivecards.min.js'), 'utf8');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 620, height: 800 }, deviceScaleFactor: 1 });
    for (const [name, card] of await examples()) {
      await page.setContent(`<!doctype html><html><head><style>
        body { margin: 0; padding: 16px; background: #f5f5f5; font-family: 'Segoe UI', system-ui, sans-serif; }
        #card { background: #fff; border-radius: 4px; box-shadow: 0 1px 2px rgba(0,0,0,.15); width: 588px; }
        .ac-pushButton { border: 1px solid #c8c6c4; background: #fff; border-radius: 4px; padding: 4px 10px; margin: 2px; font-weight: 600; }
      </style></head><body><div id="card"></div><script>${renderer}</script><script>${PAGE_SCRIPT}</script></body></html>`);
      await page.evaluate(`renderCard(${JSON.stringify(card)})`);
      const box = await page.locator('#card').boundingBox();
      await page.setViewportSize({ width: 620, height: Math.ceil((box?.height ?? 800) + 32) });
      await page.locator('#card').screenshot({ path: join(OUT, `${name}.png`) });
      process.stdout.write(`docs/images/${name}.png\n`);
    }
  } finally {
    await browser.close();
  }
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).message}\n`);
  process.exit(1);
});
