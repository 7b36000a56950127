import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { Conversation, NO_PREFERENCES } from '../chat/respond';
import type { Json } from '../cards/elements';
import { defaultDataDir, loadDirectory } from '../directory/load';
import { Signposter } from '../search/answer';
import { MemoryStorage } from 'botbuilder';
import { editStorage } from '../bot/storage/edit-storage';
import { EditDesk, type EditTurn } from '../editing/desk';
import { formValues } from '../editing/form';
import { PublishedChanges } from '../editing/published';
import { EditingService } from '../editing/service';
import { EditStore } from '../editing/store';
import { digestCard } from '../cards/digest';
import { buildDigest } from '../editing/digest';

/**
 * Renders example cards to PNG with the official Adaptive Cards renderer in headless
 * Chromium, for the README and for looking at cards by eye:
 *   npm run render-cards                      docs/images/, at a Teams desktop chat width
 *   npm run render-cards -- --out DIR         every example card, desktop width
 *   npm run render-cards -- --phone DIR       every example card at a phone's width (366 px card in a 390 px screen)
 * (needs Debian's chromium: apt-get install -y chromium)
 */
const args = process.argv.slice(2);
const phoneDir = args[0] === '--phone' ? args[1] : undefined;
const outDir = args[0] === '--out' ? args[1] : phoneDir;
const OUT = outDir ?? join(__dirname, '..', 'docs', 'images');
/** The README shows these; --out and --phone render every card. */
const README = new Set(['cohort-75-man', 'clinic-brief-75-plus', 'edit-form-problems', 'review-card', 'topic-smoking-chesterfield', 'topic-falls-chesterfield', 'crisis', 'crisis-topic', 'welcome', 'guide-smoking', 'did-you-mean', 'no-match', 'topics', 'trainer-step', 'trainer-practice-question', 'trainer-practice']);
/** Card width: a Teams desktop chat column, or a phone screen less Teams mobile's margins. */
const CARD_WIDTH = phoneDir ? 366 : 588;

async function examples(): Promise<[string, Json][]> {
  const directory = loadDirectory(defaultDataDir());
  const conversation = new Conversation(new Signposter(directory));
  const reply = async (incoming: Parameters<Conversation['respond']>[0], place: string | null = null, askedForPlace = true) =>
    (await conversation.respond(incoming, { ...NO_PREFERENCES, place: place as never, askedForPlace })).messages.map((m) => m.card);
  const first = async (incoming: Parameters<Conversation['respond']>[0], place: string | null = null) => (await reply(incoming, place))[0];
  const script = directory.walkthroughs.get('smoking')!;
  const [crisis, crisisTopic] = await reply({ kind: 'text', text: 'she said she wants to end it all' }, 'chesterfield');
  return [
    ...(await editingExamples(directory)),
    ['topic-smoking-chesterfield', await first({ kind: 'text', text: 'smoking' }, 'chesterfield')],
    ['topic-falls-chesterfield', await first({ kind: 'text', text: 'keeps falling over' }, 'chesterfield')],
    ['topic-warmth-chesterfield', await first({ kind: 'text', text: 'cold house' }, 'chesterfield')],
    ['topic-smoking-first-time', (await reply({ kind: 'text', text: 'smoking' }, null, false))[0]],
    ['crisis', crisis],
    ['crisis-topic', crisisTopic],
    ['welcome', await first({ kind: 'text', text: 'help' })],
    ['guide-smoking', await first({ kind: 'action', value: { action: 'guide', topic: 'smoking' } })],
    ['more-services-falls', await first({ kind: 'action', value: { action: 'moreServices', topic: 'falls-frailty', place: 'chesterfield' } })],
    ['did-you-mean', await first({ kind: 'text', text: 'blood' })],
    ['no-match', await first({ kind: 'text', text: 'qwzx flibber' })],
    ['topics', await first({ kind: 'text', text: 'topics' })],
    ['place', await first({ kind: 'text', text: 'set my place' })],
    ['trainer-step', await first({ kind: 'action', value: { action: 'walk', topic: 'smoking', step: 2, version: script.contentVersion } })],
    ['trainer-practice-question', await first({ kind: 'action', value: { action: 'practice', topic: 'smoking', scenario: 1, version: script.contentVersion } })],
    ['cohort-75-man', await first({ kind: 'text', text: '75 year old man' }, 'chesterfield')],
    ['topic-flu-for-75-man', await first({ kind: 'text', text: '75 year old man, here for his flu jab' }, 'chesterfield')],
    ['topic-smoking-for-40', await first({ kind: 'text', text: '40 year old smoker, asking about lung checks' }, 'chesterfield')],
    ['clinic-brief-75-plus', await first({ kind: 'text', text: 'Clinic today: over 75s' }, 'chesterfield')],
    ['trainer-practice', await first({ kind: 'action', value: { action: 'practiceAnswer', topic: 'smoking', scenario: 1, choice: 1, version: script.contentVersion } })],
  ];
}

/**
 * The maintainers' edit form (with the problems a typo brings) and the review card, made by the
 * real desk over an in-memory store. The change shown is labelled as an example: no real
 * detail is invented.
 */
async function editingExamples(directory: ReturnType<typeof loadDirectory>): Promise<[string, Json][]> {
  const store = new EditStore(editStorage(new MemoryStorage()));
  const editing = new EditingService({ root: defaultDataDir(), store, published: new PublishedChanges(store), selfApproval: false }, { loaded: () => undefined, failed: () => undefined });
  editing.load();
  const desk = new EditDesk({ editing, directory: () => directory });
  const turn: EditTurn = { actor: { name: 'Alex Maintainer', ref: 'example' }, where: 'maintainers', isMaintainer: async () => true, mayEdit: async () => true, today: '2026-12-02' };
  const [form] = (await desk.respond({ kind: 'text', text: 'edit llbd' }, turn)).messages;
  const submit = (changes: Record<string, string>) => {
    const data = ((form.card.actions as Json[])[0].data as Json);
    return desk.respond({ kind: 'action', value: { ...data, ...formValues('service', editing.served({ kind: 'service', id: 'llbd' })), ...changes } }, turn);
  };
  const [problems] = (await submit({ phone: '01629 53820', website: 'http://llbd.example.org', sourceChecked: '2026-12-02' })).messages;
  const [review] = (await submit({ hours: 'Example: Monday to Friday, 9am to 5pm', sourceUrl: 'https://www.example.org/llbd', sourceChecked: '2026-12-02', sourceSupports: 'hours' })).messages;
  const [topicForm] = (await desk.respond({ kind: 'text', text: 'edit topic smoking' }, turn)).messages;
  const [addForm] = (await desk.respond({ kind: 'text', text: 'add a service' }, turn)).messages;
  const [retireForm] = (await desk.respond({ kind: 'text', text: 'retire llbd' }, turn)).messages;
  // A year on, so that the digest has records past their review date to show.
  const digest = digestCard(directory, buildDigest(directory, { today: '2027-12-02', reports: [], waiting: [], conflicts: [] }));
  return [['edit-form', form.card], ['edit-form-problems', problems.card], ['review-card', review.card], ['edit-topic-form', topicForm.card], ['add-form', addForm.card], ['retire-form', retireForm.card], ['digest', digest.card]];
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
    const page = await browser.newPage({ viewport: { width: CARD_WIDTH + 32, height: 800 }, deviceScaleFactor: 1 });
    for (const [name, card] of (await examples()).filter(([n]) => outDir || README.has(n))) {
      await page.setContent(`<!doctype html><html><head><style>
        body { margin: 0; padding: 16px; background: #f5f5f5; font-family: 'Segoe UI', system-ui, sans-serif; }
        #card { background: #fff; border-radius: 4px; box-shadow: 0 1px 2px rgba(0,0,0,.15); width: ${CARD_WIDTH}px; }
        .ac-actionSet { flex-wrap: wrap; row-gap: 6px; }
        .ac-pushButton { border: 1px solid #c8c6c4; background: #fff; border-radius: 4px; padding: 4px 10px; margin: 2px; font-weight: 600; }
      </style></head><body><div id="card"></div><script>${renderer}</script><script>${PAGE_SCRIPT}</script></body></html>`);
      await page.evaluate(`renderCard(${JSON.stringify(card)})`);
      const box = await page.locator('#card').boundingBox();
      await page.setViewportSize({ width: CARD_WIDTH + 32, height: Math.ceil((box?.height ?? 800) + 32) });
      await page.locator('#card').screenshot({ path: join(OUT, `${name}.png`) });
      process.stdout.write(`${join(OUT, `${name}.png`)}  ${Math.round(box?.height ?? 0)} px\n`);
    }
  } finally {
    await browser.close();
  }
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).message}\n`);
  process.exit(1);
});
