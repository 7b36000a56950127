import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MemoryStorage } from 'botbuilder';
import { cardProblems, cardText } from './support/cards';
import { cards, exchange, type Json, type RunningBot, startBot } from './support/protocol';
import { conversationsFrom } from '../activity/report';
import { loadConfig } from '../bot/config';
import { listable } from '../bot/storage/listable';
import { activityCommand } from '../cli/activity';

/** The record buttons on a card, by outcome, with the data each sends back. */
function recordButtons(card: Json): Record<string, Json> {
  const found: Record<string, Json> = {};
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const el = node as Json;
    if (el.type === 'Action.Submit' && el.data?.action === 'recordConversation') found[el.data.outcome] = el.data;
    Object.values(el).forEach(walk);
  };
  walk(card);
  return found;
}

describe('recording a Quality Conversation in one tap (over the Bot Framework protocol)', () => {
  let running: RunningBot;
  const storage = new MemoryStorage();
  before(async () => {
    running = await startBot({ storage, env: { ACTIVITY_ORGANISATIONS: 'tenant-1=Derbyshire Community Health Services' } });
  });
  after(async () => running.stop());

  const topicCard = async (text: string, user: string) => {
    const replies = cards(await exchange(running.url, { text }, { user }));
    return replies[replies.length - 1];
  };
  const conversations = async () => conversationsFrom(await running.bot.activity!.taps());
  const mine = async (key: string) => (await conversations()).filter((c) => c.key === key);

  it('every topic card, and the card after the crisis message, offers the four outcomes and is a valid card', async () => {
    for (const [text, user] of [['smoking', 'rec-a'], ['he said he wants to end his life', 'rec-b']]) {
      const answer = await topicCard(text, user);
      assert.deepEqual(Object.keys(recordButtons(answer.card)).sort(), ['brief-advice', 'not-today', 'referred', 'signposted']);
      assert.deepEqual(cardProblems(answer.card, answer.summary), []);
    }
  });

  it('the four outcomes are buttons on the card itself (one tap, not in its "..." menu), and need no other input', async () => {
    // A first card (which also asks for the Place), a card for a Place, and the card after a crisis message.
    for (const [text, user] of [['smoking', 'one-tap-new'], ['falls chesterfield', 'one-tap-a'], ['she wants to end it all', 'one-tap-b']] as const) {
      const answer = await topicCard(text, user);
      const inBody = recordButtons(answer.card.body);
      assert.deepEqual(Object.keys(inBody).sort(), ['brief-advice', 'not-today', 'referred', 'signposted'], `${text}: in the card's body`);
      assert.deepEqual(recordButtons(answer.card.actions ?? []), {}, `${text}: none in the card's actions or "..." menu`);
      const buttons = JSON.stringify(answer.card.body).match(/\{"type":"Action.Submit","title":"[^"]+","data":\{"action":"recordConversation"[^}]*\},"associatedInputs":"[a-z]+"/g) ?? [];
      assert.equal(buttons.length, 4);
      for (const b of buttons) assert.match(b, /"associatedInputs":"none"/, 'a required Place picker on the same card cannot block the tap');
    }
  });

  it('one tap records the conversation, with the optional setting and age band, and confirms it', async () => {
    const answer = await topicCard('blood pressure', 'rec-1');
    const data = recordButtons(answer.card).signposted;
    const [confirmed] = cards(await exchange(running.url, { value: { ...data, setting: 'community-pharmacy', ageBand: '50-64' } }, { user: 'rec-1' }));
    assert.match(confirmed.summary, /Recorded: Blood pressure.*Signposted/);
    assert.match(cardText(confirmed.card), /Community pharmacy/);
    const [c] = await mine(data.key);
    assert.deepEqual({ topic: c.topic, outcome: c.outcome, setting: c.setting, ageBand: c.ageBand, organisation: c.organisation }, { topic: 'blood-pressure', outcome: 'signposted', setting: 'community-pharmacy', ageBand: '50-64', organisation: 'Derbyshire Community Health Services' });
    assert.ok(!JSON.stringify(c).includes('rec-1'), 'the member of staff is a keyed hash, not their id');
  });

  it('optional inputs left empty are recorded as not given', async () => {
    const data = recordButtons((await topicCard('diabetes', 'rec-empty')).card)['brief-advice'];
    await exchange(running.url, { value: { ...data, setting: '', ageBand: '' } }, { user: 'rec-empty' });
    const [c] = await mine(data.key);
    assert.equal(c.setting, null);
    assert.equal(c.ageBand, null);
  });

  it('a double tap is counted once', async () => {
    const data = recordButtons((await topicCard('falls', 'rec-2')).card).referred;
    await Promise.all([exchange(running.url, { value: data }, { user: 'rec-2' }), exchange(running.url, { value: data }, { user: 'rec-2' })]);
    const [again] = cards(await exchange(running.url, { value: data }, { user: 'rec-2' }));
    assert.match(again.summary, /Already recorded|Recorded/);
    assert.equal((await mine(data.key)).length, 1);
  });

  it('a correction within the window replaces the answer rather than adding a conversation', async () => {
    const answer = await topicCard('dementia', 'rec-3');
    const buttons = recordButtons(answer.card);
    await exchange(running.url, { value: buttons['brief-advice'] }, { user: 'rec-3' });
    const [corrected] = cards(await exchange(running.url, { value: { ...buttons.referred, ageBand: '75-plus' } }, { user: 'rec-3' }));
    assert.match(corrected.summary, /Corrected/);
    const recorded = await mine(buttons.referred.key);
    assert.equal(recorded.length, 1);
    assert.equal(recorded[0].outcome, 'referred');
    assert.equal(recorded[0].ageBand, '75-plus');
  });

  it('a colleague tapping the same card does not count it again', async () => {
    const data = recordButtons((await topicCard('housing', 'rec-4')).card).signposted;
    await exchange(running.url, { value: data }, { user: 'rec-4' });
    const [refused] = cards(await exchange(running.url, { value: { ...data, outcome: 'referred' } }, { user: 'rec-4-colleague' }));
    assert.match(refused.summary, /colleague/);
    assert.equal((await mine(data.key))[0].outcome, 'signposted');
  });

  describe('tampered record data is refused kindly and counted nowhere', () => {
    let data: Json;
    before(async () => {
      data = recordButtons((await topicCard('gambling', 'tamper')).card).signposted;
    });
    const tampered: [string, (d: Json) => Json][] = [
      ['an unknown outcome', (d) => ({ ...d, outcome: 'cured' })],
      ['an outcome of the wrong type', (d) => ({ ...d, outcome: 3 })],
      ['a setting of the wrong type', (d) => ({ ...d, setting: ['hospital'] })],
      ['an unknown age band', (d) => ({ ...d, ageBand: '120-plus' })],
      ['another topic id', (d) => ({ ...d, topic: 'smoking' })],
      ['a topic that does not exist', (d) => ({ ...d, topic: 'astrology' })],
      ['another Place', (d) => ({ ...d, where: 'high-peak' })],
      ['a made-up key', (d) => ({ ...d, key: '00000000-0000-0000-0000-000000000000' })],
      ['no signature', (d) => ({ ...d, sig: undefined })],
      ['free text in place of an input', (d) => ({ ...d, setting: 'Mrs Jones at 12 High Street' })],
    ];
    for (const [what, change] of tampered) {
      it(what, async () => {
        const before = (await running.bot.activity!.taps()).length;
        const [reply] = cards(await exchange(running.url, { value: change(data) }, { user: 'tamper' }));
        assert.match(reply.summary, /Not recorded/);
        assert.match(cardText(reply.card), /nothing was recorded/);
        assert.equal((await running.bot.activity!.taps()).length, before);
      });
    }
    it('a topic id swapped after a real tap is refused too', async () => {
      await exchange(running.url, { value: data }, { user: 'tamper' });
      const [reply] = cards(await exchange(running.url, { value: { ...data, topic: 'smoking' } }, { user: 'tamper' }));
      assert.match(reply.summary, /Not recorded/);
      const recorded = await mine(data.key);
      assert.equal(recorded.length, 1);
      assert.equal(recorded[0].topic, 'gambling');
    });
  });

  it('"my conversations" shows my own tally this month by topic, and nobody else\'s', async () => {
    const who = 'tally-me';
    for (const text of ['smoking', 'smoking', 'debt']) {
      const data = recordButtons((await topicCard(text, who)).card).signposted;
      await exchange(running.url, { value: data }, { user: who });
    }
    const other = recordButtons((await topicCard('smoking', 'tally-other')).card).signposted;
    await exchange(running.url, { value: other }, { user: 'tally-other' });
    const [tally] = cards(await exchange(running.url, { text: 'my conversations' }, { user: who }));
    assert.match(tally.summary, /My conversations: 3 this month/);
    const facts = JSON.stringify(tally.card);
    assert.match(facts, /"title":"Smoking and vaping","value":"2"/);
    assert.match(facts, /"value":"1"/);
    const [empty] = cards(await exchange(running.url, { text: 'my conversations' }, { user: 'tally-nobody' }));
    assert.match(empty.summary, /0 this month/);
  });

  it('the confirmation offers the setting and age band; adding them and tapping again completes the same conversation', async () => {
    const data = recordButtons((await topicCard('cancer screening', 'rec-later')).card)['brief-advice'];
    const [confirmed] = cards(await exchange(running.url, { value: data }, { user: 'rec-later' }));
    const inputs = JSON.stringify(confirmed.card);
    assert.match(inputs, /"id":"setting"[^]*"label":"Setting \(optional\)"/);
    assert.match(inputs, /"id":"ageBand"/);
    const again = recordButtons(confirmed.card)['brief-advice'];
    assert.equal(again.key, data.key, 'the confirmation\'s buttons belong to the same conversation');
    const [completed] = cards(await exchange(running.url, { value: { ...again, setting: 'gp-practice', ageBand: '65-74' } }, { user: 'rec-later' }));
    assert.match(completed.summary, /Corrected/);
    const recorded = await mine(data.key);
    assert.equal(recorded.length, 1);
    assert.deepEqual([recorded[0].outcome, recorded[0].setting, recorded[0].ageBand], ['brief-advice', 'gp-practice', '65-74']);
  });

  it('"activity this month" is for the maintainers only', async () => {
    const [reply] = cards(await exchange(running.url, { text: 'activity this month' }, { user: 'not-a-maintainer' }));
    assert.match(reply.summary, /Only for the maintainers/);
  });
});

describe('confirming in place, and the month\'s summary in the maintainers\' channel', () => {
  const MAINTAINER = '44444444-4444-4444-4444-444444444444';
  let running: RunningBot;
  let connector: Server;
  let connectorUrl: string;
  const updates: { url: string; body: Json }[] = [];
  before(async () => {
    running = await startBot({ storage: new MemoryStorage(), env: { MAINTAINER_IDS: MAINTAINER } });
    // Stands in for the Bot Connector: records the card updates the bot asks for.
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
  after(async () => {
    await running.stop();
    connector.close();
  });

  const tap = async (text: string, user: string, outcome: string) => {
    const replies = cards(await exchange(running.url, { text }, { user }));
    return exchange(running.url, { value: recordButtons(replies[replies.length - 1].card)[outcome], replyToId: 'topic-card-1', serviceUrl: connectorUrl }, { user });
  };

  it('a tap replaces the tapped card with the confirmation (Teams updates the message), in a 1:1 chat', async () => {
    const replies = await tap('diabetes', 'in-place', 'signposted');
    assert.equal(cards(replies).length, 0, 'no new message');
    assert.equal(updates.length, 1);
    assert.match(updates[0].url, /\/v3\/conversations\/a%3Apersonal-in-place\/activities\/topic-card-1$/);
    assert.match(updates[0].body.summary, /^Recorded: Diabetes/);
  });

  it('a maintainer typing "activity this month" in the channel gets the month\'s summary card, small numbers as <5', async () => {
    for (let i = 0; i < 6; i++) await tap('smoking', `sum-${i}`, 'signposted');
    for (let i = 0; i < 2; i++) await tap('debt', `sum-debt-${i}`, 'referred');
    const channel = { conversation: '19:maintainers@thread.tacv2', conversationType: 'channel' as const, user: 'maintainer' };
    const [summary] = cards(await exchange(running.url, { text: '<at>MECC</at> activity this month', from: { id: '29:maintainer', name: 'Maintainer', aadObjectId: MAINTAINER } }, channel));
    const month = new Date().toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
    assert.equal(summary.summary, `MECC activity ${month}: 9 conversations`);
    assert.deepEqual(cardProblems(summary.card, summary.summary), []);
    const facts = Object.fromEntries((summary.card.body as Json[]).filter((b) => b.type === 'FactSet').flatMap((f) => f.facts.map((x: Json) => [x.title, x.value])));
    assert.equal(facts['Smoking and vaping'], '6');
    assert.equal(facts['Signposted'], '7', 'six smoking and the diabetes one before');
    assert.equal(facts['Money, debt, benefits and cost of living (incl. food banks)'], '<5', 'two debt conversations shown as <5');
    assert.equal(facts['Referred'], '<5');
    assert.equal(facts['Brief advice'], undefined, 'no row for what nobody recorded');
    assert.ok(!JSON.stringify(summary.card).includes('sum-'), 'no member of staff named');
    const [refused] = cards(await exchange(running.url, { text: '<at>MECC</at> activity this month' }, { ...channel, user: 'someone-else' }));
    assert.match(refused.summary, /Only for the maintainers/);
  });
});

describe('privacy canary: what is typed never reaches a record, a log or an export', () => {
  it('a name and an NHS number typed in the same conversation appear nowhere', async () => {
    const storage = new MemoryStorage();
    const running = await startBot({ storage });
    try {
      const who = { user: 'canary' };
      const typed = 'Mrs Jane Canarywood, NHS number 943 476 5919, wants to stop smoking';
      const replies = cards(await exchange(running.url, { text: typed }, who));
      const data = recordButtons(replies.find((r) => Object.keys(recordButtons(r.card)).length)!.card).signposted;
      // Free text smuggled into the card's inputs too.
      await exchange(running.url, { value: { ...data, setting: 'Jane Canarywood 9434765919' } }, who);
      await exchange(running.url, { value: data }, who);
      await exchange(running.url, { text: 'my conversations' }, who);
      let exported = '';
      for (const args of [['report', '--by', 'topic,place,outcome,setting,age-band,organisation', '--csv'], ['report', '--by', 'week,topic', '--json'], ['report']]) {
        await activityCommand(args, { out: (t) => (exported += t), err: (t) => (exported += t) }, { config: loadConfig({}), storage: listable(storage) as never, directory: running.bot.directory() });
      }
      const records = JSON.stringify(await running.bot.activity!.taps());
      assert.equal(conversationsFrom(await running.bot.activity!.taps()).length, 1, 'the conversation was recorded');
      for (const [where, text] of [['records', records], ['logs', running.logs.lines.join('\n')], ['exports', exported]] as const) {
        for (const canary of ['Canarywood', 'Jane', '943 476 5919', '9434765919', 'canary']) {
          assert.ok(!text.includes(canary), `'${canary}' found in the ${where}`);
        }
      }
    } finally {
      await running.stop();
    }
  });
});
