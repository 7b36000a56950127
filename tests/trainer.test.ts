import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cardProblems, cardText, submitActions } from './support/cards';
import { realDirectory } from './support/directory';
import { cards, exchange, type Json, type RunningBot, startBot } from './support/protocol';

function button(card: Json, title: string): Json {
  const found = submitActions(card).find((a) => a.title === title);
  assert.ok(found, `button "${title}" on "${cardText(card).slice(0, 60)}"`);
  return found.data;
}

describe('trainer mode', () => {
  let running: RunningBot;
  before(async () => {
    running = await startBot();
  });
  after(async () => running.stop());

  const click = async (data: Json, who = { user: 'trainer' }) => {
    const replies = cards(await exchange(running.url, { value: data }, who));
    assert.equal(replies.length, 1);
    assert.deepEqual(cardProblems(replies[0].card, replies[0].summary), []);
    return replies[0].card;
  };

  for (const topic of realDirectory().topics) {
    it(`walks through ${topic.id} by clicking the card buttons: Next to the end, Back, Start again`, async () => {
      // Suicide prevention answers with the crisis message first: the topic card is the last.
      const topicCard = cards(await exchange(running.url, { value: { action: 'topic', topic: topic.id } }, { user: 'trainer' })).at(-1)!;
      let card = await click(button(topicCard.card, 'Practise this conversation'));
      const total = realDirectory().walkthroughs.get(topic.id)!.steps.length;
      assert.match(cardText(card), new RegExp(`Step 1 of ${total}`));
      for (let step = 2; step <= total; step++) {
        card = await click(button(card, 'Next'));
        assert.match(cardText(card), new RegExp(`Step ${step} of ${total}`));
      }
      assert.ok(!submitActions(card).some((a) => a.title === 'Next'), 'no Next on the last step');
      card = await click(button(card, 'Back'));
      assert.match(cardText(card), new RegExp(`Step ${total - 1} of ${total}`));
      card = await click(button(card, 'Start again'));
      assert.match(cardText(card), new RegExp(`Step 1 of ${total}`));
    });
  }

  it('starts from typed commands: "train smoking", "practise affordable warmth", "demo suicide prevention"', async () => {
    for (const [text, title] of [['train smoking', 'Smoking'], ['practise affordable warmth', 'Affordable warmth'], ['demo suicide prevention', 'Suicide prevention']]) {
      const [reply] = cards(await exchange(running.url, { text }));
      assert.match(reply.summary, new RegExp(`Trainer mode: ${title}.*step 1`, 'i'), text);
    }
  });

  it('"train" with no topic offers every topic in a drop-down, and the choice starts at step 1', async () => {
    const [chooser] = cards(await exchange(running.url, { text: 'train' }));
    assert.match(chooser.summary, /choose a topic/);
    const start = button(chooser.card, 'Start the walkthrough');
    const card = await click({ ...start, topic: 'dementia' });
    assert.match(cardText(card), /Trainer mode · Dementia support/);
    assert.match(cardText(card), /Step 1 of/);
    const later = await click({ ...start, topic: 'dementia', step: 3 });
    assert.match(cardText(later), /changed/, 'only step 1 may be started without a content version');
  });

  it('suicide prevention starts from the crisis block', async () => {
    const [reply] = cards(await exchange(running.url, { text: 'demo suicide prevention' }));
    const text = cardText(reply.card);
    assert.match(text, /Step 1 of/);
    assert.ok(text.includes('[999](tel:999)') && text.includes('116 123') && text.includes('85258'));
  });

  it('the signpost step shows real services for the chosen Place', async () => {
    const script = realDirectory().walkthroughs.get('smoking')!;
    const step = script.steps.findIndex((s) => s.stage === 'signpost') + 1;
    const card = await click({ action: 'walk', topic: 'smoking', step, version: script.contentVersion, place: 'derby-city' });
    assert.match(cardText(card), /Services to offer in Derby City/);
    assert.match(cardText(card), /tel:/);
  });

  it('answers tampered or stale button data with a kind message and a way back to the start', async () => {
    const version = realDirectory().walkthroughs.get('smoking')!.contentVersion;
    const bad: Json[] = [
      { action: 'walk', topic: 'nonsense', step: 1, version },
      { action: 'walk', topic: 'smoking', step: 0, version },
      { action: 'walk', topic: 'smoking', step: 99, version },
      { action: 'walk', topic: 'smoking', step: 2, version: '0-oldcontent' },
      { action: 'walk', topic: 'smoking', step: '2', version },
      { action: 'practiceAnswer', topic: 'smoking', scenario: 1, choice: 7, version },
      { action: 'practice', topic: 'smoking', scenario: 42, version },
    ];
    for (const value of bad) {
      const card = await click(value);
      const titles = submitActions(card).map((a) => a.title);
      assert.ok(titles.includes('Start again') || titles.includes('Browse topics'), JSON.stringify(value));
      assert.match(cardText(card), /changed|out of date|expired/);
    }
  });

  it('continues a walkthrough after a restart: the state is in the buttons', async () => {
    const first = await startBot();
    const [step1] = cards(await exchange(first.url, { text: 'train alcohol' }));
    const next = button(step1.card, 'Next');
    await first.stop();
    const second = await startBot();
    try {
      const [step2] = cards(await exchange(second.url, { value: next }));
      assert.match(cardText(step2.card), /Step 2 of/);
    } finally {
      await second.stop();
    }
  });

  it('practice mode marks the pull reply right and the others wrong, saying why', async () => {
    const script = realDirectory().walkthroughs.get('loneliness')!;
    const scenario = script.practice[0];
    const pull = scenario.replies.findIndex((r) => r.pull) + 1;
    const wrong = pull === 1 ? 2 : 1;
    const question = await click({ action: 'practice', topic: 'loneliness', scenario: 1, version: script.contentVersion });
    assert.ok(cardText(question).includes(scenario.citizen));
    // The replies are a choice list (Teams cuts button titles to one line); the chosen value
    // arrives beside the "Check my answer" button's data, as a string.
    const list = findElement(question, (e) => e.type === 'Input.ChoiceSet')!;
    assert.equal(list.wrap, true);
    assert.deepEqual((list.choices as { title: string }[]).map((c) => c.title.replace(/^[ABC]\. /, '')), scenario.replies.map((r) => r.text), 'each reply in full, once');
    assert.ok(!cardText(question).split('\n').some((l) => scenario.replies.some((r) => l.includes(r.text))), 'the replies are not repeated as text');
    const check = submitActions(question).find((a) => a.title === 'Check my answer')!;
    const right = await click({ ...check.data, [String(list.id)]: String(pull) });
    assert.match(cardText(right), /Yes: .* is the pull reply/);
    assert.ok(cardText(right).includes(scenario.replies[pull - 1].why));
    const notQuite = await click({ ...check.data, [String(list.id)]: String(wrong) });
    assert.match(cardText(notQuite), /Not quite: [ABC] is the pull reply/);
  });

  it('has enough practice scenarios: three for the nine most used topics, one for every other', () => {
    const busiest = ['smoking', 'alcohol-drugs', 'mental-wellbeing', 'suicide-prevention', 'healthy-weight', 'physical-activity', 'affordable-warmth', 'money-advice', 'loneliness'];
    for (const t of realDirectory().topics) {
      const n = realDirectory().walkthroughs.get(t.id)!.practice.length;
      assert.ok(n >= (busiest.includes(t.id) ? 3 : 1), `${t.id} has ${n}`);
    }
  });

  describe('in a group chat', () => {
    let connector: Server;
    let connectorUrl: string;
    const updates: { url: string; body: Json }[] = [];
    before(async () => {
      connector = createServer((req, res) => {
        let body = '';
        req.on('data', (c) => (body += c));
        req.on('end', () => {
          if (req.method === 'PUT') updates.push({ url: req.url ?? '', body: JSON.parse(body) });
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ id: 'updated' }));
        });
      });
      await new Promise<void>((r) => connector.listen(0, '127.0.0.1', r));
      connectorUrl = `http://127.0.0.1:${(connector.address() as AddressInfo).port}/`;
    });
    after(() => connector.close());

    it('updates the clicked card in place instead of posting a new one', async () => {
      const version = realDirectory().walkthroughs.get('smoking')!.contentVersion;
      const replies = await exchange(
        running.url,
        { serviceUrl: connectorUrl, replyToId: 'card-123', value: { action: 'walk', topic: 'smoking', step: 2, version } },
        { conversation: '19:meeting-chat', conversationType: 'groupChat', user: 'attendee' },
      );
      assert.equal(cards(replies).length, 0, 'no new card posted');
      assert.equal(updates.length, 1);
      assert.match(updates[0].url, /\/v3\/conversations\/19%3Ameeting-chat\/activities\/card-123$/);
      assert.match(JSON.stringify(updates[0].body), /Step 2 of/);
    });
  });
});

function findElement(card: Json, match: (e: Json) => boolean): Json | undefined {
  let found: Json | undefined;
  const walk = (n: unknown): void => {
    if (found || !n || typeof n !== 'object') return;
    if (Array.isArray(n)) return n.forEach(walk);
    if (match(n as Json)) found = n as Json;
    else Object.values(n as Json).forEach(walk);
  };
  walk(card);
  return found;
}
