import assert from 'node:assert/strict';
import { cardText, submitActions } from './support/cards';
import { FakeConnector } from './support/fake-connector';
import { activity, cards, exchange, type Json, post, type RunningBot, startBot } from './support/protocol';

describe('the bot over the Bot Framework protocol (restify + CloudAdapter, expectReplies)', () => {
  let running: RunningBot;
  before(async () => {
    running = await startBot();
  });
  after(async () => running.stop());

  it('answers "smoking" with one topic card with a summary and a real service', async () => {
    const replies = await exchange(running.url, { text: 'smoking' });
    const [answer, ...rest] = cards(replies);
    assert.equal(rest.length, 0);
    assert.match(answer.summary, /Smoking/);
    const text = cardText(answer.card);
    assert.match(text, /Ask:/);
    assert.match(text, /Assist:/);
    assert.match(text, /Act:/);
    assert.match(text, /tel:\+?\d+/);
  });

  it('in a normal Teams exchange, sends a typing indicator first, then the card, to the connector', async () => {
    const connector = await new FakeConnector().start();
    try {
      const res = await post(running.url, activity({ text: 'smoking', serviceUrl: connector.url, deliveryMode: undefined }));
      assert.equal(res.status, 200);
      assert.deepEqual(connector.delivered().map((a) => a.type), ['typing', 'message']);
      assert.match(connector.delivered()[1].summary, /Smoking/);
    } finally {
      await connector.stop();
    }
  });

  it('remembers a Place set in words and uses it for the next question', async () => {
    const who = { user: 'place-setter' };
    const set = cards(await exchange(running.url, { text: "I'm in Chesterfield" }, who));
    assert.match(set[0].summary, /Chesterfield/);
    const next = cards(await exchange(running.url, { text: 'debt' }, who));
    assert.match(cardText(next[0].card), /Services for Chesterfield/);
  });

  it('uses a Place named in the query for that answer only', async () => {
    const who = { user: 'one-off-place' };
    const once = cards(await exchange(running.url, { text: 'smoking ilkeston' }, who));
    assert.match(cardText(once[0].card), /Services for Erewash/);
    const after = cards(await exchange(running.url, { text: 'smoking' }, who));
    assert.match(cardText(after[0].card), /Place not set/);
  });

  it('asks for the Place on the first topic card only', async () => {
    const who = { user: 'asked-once' };
    const first = cards(await exchange(running.url, { text: 'falls' }, who));
    // The Place picker's input (the card's other choice lists are the optional record inputs).
    assert.ok(JSON.stringify(first[0].card).includes('"id":"place"'));
    const second = cards(await exchange(running.url, { text: 'dementia' }, who));
    assert.ok(!JSON.stringify(second[0].card).includes('"id":"place"'));
  });

  it('answers a crisis phrasing with the crisis message first, on its own, then the suicide-prevention card', async () => {
    const replies = cards(await exchange(running.url, { text: 'he said he wants to end it all' }));
    assert.equal(replies.length, 2);
    const [crisis, topic] = replies;
    assert.match(crisis.summary, /^Crisis support comes first/);
    const text = cardText(crisis.card);
    for (const tel of ['tel:999', 'tel:+448000280077', 'tel:116123', 'tel:111']) assert.ok(text.includes(`(${tel})`), `${tel} is one tap`);
    assert.match(text, /SHOUT to \[85258\]\(sms:85258/);
    assert.match(text, /Are you thinking about suicide/);
    assert.ok(text.indexOf('tel:999') < text.indexOf('tel:+448000280077'), '999 comes first');
    assert.match(topic.summary, /Suicide prevention/);
    assert.ok(!cardText(topic.card).includes('tel:999'), 'the topic card does not repeat the crisis lines');
  });

  it('does not ask a new member of staff for their Place under a crisis message, but on their next topic card', async () => {
    const who = { user: 'new-in-crisis' };
    const crisis = cards(await exchange(running.url, { text: 'he has been cutting himself' }, who));
    assert.equal(crisis.length, 2);
    // No Place picker under the crisis message (the topic card after it may carry the optional record inputs).
    assert.ok(!JSON.stringify(crisis[0].card).includes('Input.ChoiceSet'), 'the crisis message itself asks nothing');
    assert.ok(!JSON.stringify(crisis.map((c) => c.card)).includes('"id":"place"'));
    const [next] = cards(await exchange(running.url, { text: 'smoking' }, who));
    assert.ok(JSON.stringify(next.card).includes('"id":"place"'));
  });

  it('in a normal Teams exchange, sends the crisis message as its own activity before the topic card', async () => {
    const connector = await new FakeConnector().start();
    try {
      await post(running.url, activity({ text: 'she wants to end it all', serviceUrl: connector.url, deliveryMode: undefined }, { user: 'crisis-connector' }));
      const delivered = connector.delivered();
      assert.deepEqual(delivered.map((a) => a.type), ['typing', 'message', 'message']);
      assert.match(delivered[1].summary, /^Crisis support comes first/);
      assert.equal(delivered[1].attachments.length, 1);
      assert.match(delivered[2].summary, /Suicide prevention/);
    } finally {
      await connector.stop();
    }
  });

  it('no service without a phone, text, email or website leads a topic card or appears on the crisis message', async () => {
    const who = { user: 'chesterfield-nurse' };
    await exchange(running.url, { text: "I'm in Chesterfield" }, who);
    for (const text of ['keeps falling over', 'cold house', 'she wants to end it all', 'lonely', 'dementia']) {
      for (const reply of cards(await exchange(running.url, { text }, who))) {
        const blocks = cardText(reply.card).split(/\n(?=\*\*[^*]+\*\*  ·)/).slice(1);
        for (const block of blocks) assert.match(block.split('\n').slice(0, 3).join(' '), /\]\((tel|sms|mailto|https):/, `${text}: ${block.split('\n')[0]} has a contact route`);
        if (/Crisis support/.test(reply.summary)) assert.doesNotMatch(cardText(reply.card), /not yet confirmed|How to reach it/);
      }
    }
  });

  it('every reply that is not a confident topic answer offers a way on and the crisis lines', async () => {
    const who = { user: 'lost' };
    const expired = { action: 'walk', topic: 'smoking', step: 99, version: 'old' };
    const replies = [
      ...cards(await exchange(running.url, { text: 'qwzx flibber' }, who)),
      ...cards(await exchange(running.url, { text: 'blood' }, who)),
      ...cards(await exchange(running.url, { text: 'help' }, who)),
      ...cards(await exchange(running.url, { text: 'topics' }, who)),
      ...cards(await exchange(running.url, { text: 'thanks' }, who)),
      ...cards(await exchange(running.url, { value: { action: 'nonsense' } }, who)),
      ...cards(await exchange(running.url, { value: expired }, who)),
    ];
    assert.equal(replies.length, 7);
    for (const { card, summary } of replies) {
      assert.ok(submitActions(card).length >= 1, `${summary}: has a button`);
      const text = cardText(card);
      if (/walkthrough has changed/i.test(summary)) continue; // a stale trainer button offers a fresh start
      for (const tel of ['tel:999', 'tel:+448000280077', 'tel:116123']) assert.ok(text.includes(`(${tel})`), `${summary}: crisis footer has ${tel}`);
    }
    const [noMatch] = cards(await exchange(running.url, { text: 'qwzx flibber' }, who));
    assert.doesNotMatch(cardText(noMatch.card), /Did you mean/);
    assert.ok(JSON.stringify(noMatch.card).includes('Input.ChoiceSet'), 'the topic chooser');
    assert.ok(submitActions(noMatch.card).some((a) => a.data.action === 'ask'), 'example questions');
  });

  it('acts on a card button click (a message with value and no text)', async () => {
    const who = { user: 'clicker' };
    const topic = cards(await exchange(running.url, { text: 'carers' }, who));
    const guide = submitActions(topic[0].card).find((a) => a.title === 'Conversation guide');
    assert.ok(guide, 'the topic card has a Conversation guide button');
    const replies = cards(await exchange(running.url, { text: undefined, value: guide.data }, who));
    assert.match(replies[0].summary, /Conversation guide: Adult and young carers|Conversation guide/);
  });

  it('saves a Place chosen from the picker (the drop-down value arrives in value)', async () => {
    const who = { user: 'picker' };
    const picker = cards(await exchange(running.url, { text: 'change place' }, who));
    const save = submitActions(picker[0].card).find((a) => a.title === 'Save my Place');
    assert.ok(save);
    const saved = cards(await exchange(running.url, { value: { ...save.data, place: 'high-peak' } }, who));
    assert.match(saved[0].summary, /High Peak/);
    const next = cards(await exchange(running.url, { text: 'cold house' }, who));
    assert.match(cardText(next[0].card), /Services for High Peak/);
  });

  it('welcomes once when added to a conversation (conversationUpdate, then installationUpdate)', async () => {
    const conv = { conversation: 'a:new-install', user: 'installer' };
    const added = await exchange(running.url, { type: 'conversationUpdate', text: undefined, membersAdded: [{ id: '28:mecc-bot' }] }, conv);
    const welcome = cards(added);
    assert.equal(welcome.length, 1);
    assert.match(cardText(welcome[0].card), /do not type names, NHS numbers/);
    const install = await exchange(running.url, { type: 'installationUpdate', action: 'add', text: undefined }, conv);
    assert.equal(cards(install).length, 0, 'no second welcome');
  });

  it('welcomes once even when both install events arrive at the same moment', async () => {
    const conv = { conversation: 'a:simultaneous-install', user: 'installer-2' };
    const [added, installed] = await Promise.all([
      exchange(running.url, { type: 'conversationUpdate', text: undefined, membersAdded: [{ id: '28:mecc-bot' }] }, conv),
      exchange(running.url, { type: 'installationUpdate', action: 'add', text: undefined }, conv),
    ]);
    assert.equal(cards(added).length + cards(installed).length, 1);
  });

  it('buttons other than "Save my Place" are not blocked by the required Place picker', async () => {
    const [first] = cards(await exchange(running.url, { text: 'smoking' }, { user: 'fresh-user' }));
    const json = JSON.stringify(first.card);
    assert.ok(json.includes('Input.ChoiceSet'), 'this card asks for the Place');
    for (const action of submitActions(first.card)) {
      const expected = action.title === 'Save my Place' ? 'auto' : 'none';
      assert.equal((action as { associatedInputs?: string }).associatedInputs ?? findAssociated(first.card, action.title), expected, action.title);
    }
  });

  it('strips the @mention in a group chat before matching', async () => {
    const replies = cards(
      await exchange(
        running.url,
        {
          text: '<at>MECC</at> lonely',
          entities: [{ type: 'mention', mentioned: { id: '28:mecc-bot', name: 'MECC' }, text: '<at>MECC</at>' }],
        },
        { conversation: '19:group-chat-1', conversationType: 'groupChat', user: 'group-user' },
      ),
    );
    assert.match(replies[0].summary, /loneliness/i);
  });

  it('"topics" offers every topic in a drop-down; the chosen one is answered', async () => {
    const [list] = cards(await exchange(running.url, { text: 'topics' }));
    assert.match(list.summary, /All 26 topics/);
    const show = submitActions(list.card).find((a) => a.title === 'Show this topic');
    assert.ok(show);
    const [answer] = cards(await exchange(running.url, { value: { ...show.data, topic: 'gambling' } }));
    assert.match(answer.summary, /Problem gambling/);
  });

  it('reports health with the directory version and counts', async () => {
    const res = await fetch(`${running.url}/healthz`);
    assert.equal(res.status, 200);
    const body = (await res.json()) as Record<string, unknown>;
    assert.equal(body.status, 'ok');
    assert.equal(body.topics, 26);
    assert.ok(Number(body.services) > 40);
    assert.match(String(body.directoryVersion), /^[0-9a-f]{12}$/);
  });

  it('never logs what was typed', async () => {
    await exchange(running.url, { text: 'smoking Mrs Canary Testname 943 476 5919 DE1 2AB' });
    const all = running.logs.lines.join('\n');
    assert.ok(!/Canary|Testname|943 476 5919|DE1 2AB/i.test(all), 'no message text in logs');
    assert.ok(running.logs.lines.some((l) => JSON.parse(l).outcome === 'topic'));
  });

  it('refuses a body that is not an activity with a 400 saying why', async () => {
    const res = await post(running.url, { hello: 'world' });
    assert.equal(res.status, 400);
    assert.match(String(res.json?.error), /not a Bot Framework activity/);
  });

  it('answers a person described with the cohort card, and its buttons work over the protocol', async () => {
    const who = { user: 'cohort-clinician' };
    await exchange(running.url, { text: "I'm in Chesterfield" }, who);
    const [card, ...rest] = cards(await exchange(running.url, { text: '75 year old man' }, who));
    assert.equal(rest.length, 0);
    assert.match(card.summary, /^Worth raising: aged 75 · man/);
    const buttons = submitActions(card.card);
    const warmth = buttons.find((b) => b.data.topic === 'affordable-warmth')!;
    const [topic] = cards(await exchange(running.url, { value: warmth.data }, who));
    assert.match(topic.summary, /Affordable warmth/);
    assert.match(cardText(topic.card), /For: aged 75 · man/);
    const [brief] = cards(await exchange(running.url, { value: buttons.find((b) => b.data.action === 'clinicBrief')!.data }, who));
    assert.match(brief.summary, /^Clinic brief: aged 75 · man/);
    assert.match(cardText(brief.card), /Services for Chesterfield/);
  });

  it('gives a clinic brief in a channel when @mentioned', async () => {
    const replies = cards(await exchange(running.url, {
      text: '<at>MECC</at> Clinic today: over 75s',
      entities: [{ type: 'mention', mentioned: { id: '28:mecc-bot', name: 'MECC' }, text: '<at>MECC</at>' }],
      channelData: { tenant: { id: 'tenant-1' }, team: { id: '19:team' }, channel: { id: '19:channel' } },
    }, { conversation: '19:channel;messageid=1', conversationType: 'channel' }));
    assert.equal(replies.length, 1);
    assert.match(replies[0].summary, /^Clinic brief: 75 and over/);
  });

  it('leads with crisis support for a crisis phrasing about a person in a cohort', async () => {
    const replies = cards(await exchange(running.url, { text: '82 year old lady, said she wants to end it all' }));
    assert.equal(replies.length, 2);
    assert.match(replies[0].summary, /^Crisis support comes first/);
  });

  it('builds activities the way Teams does', () => {
    const a = activity({ text: 'x' });
    assert.equal(a.channelId, 'msteams');
  });
});

function findAssociated(card: Json, title: string): string | undefined {
  let found: string | undefined;
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== 'object') return;
    const el = n as Json;
    if (el.type === 'Action.Submit' && el.title === title) found = el.associatedInputs;
    Object.values(el).forEach(walk);
  };
  walk(card);
  return found;
}
