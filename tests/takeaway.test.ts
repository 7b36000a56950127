import assert from 'node:assert/strict';
import { Conversation, type UserPreferences } from '../chat/respond';
import { PLACE_IDS, type PlaceId, TOPIC_IDS, type TopicId } from '../directory/ids';
import { parseTakeawayQuery, takeawayUrl } from '../takeaway/address';
import { takeawayText } from '../takeaway/plain-text';
import { buildTakeaway, checkChoice } from '../takeaway/summary';
import { CITIZEN_TOPIC } from '../takeaway/words';
import { cardProblems, cardText, submitActions } from './support/cards';
import { realDirectory, realSignposter } from './support/directory';
import { cards, exchange, type Json, type RunningBot, startBot } from './support/protocol';
import { decodeQrDataUri } from './support/qr';

const prefs = (place: PlaceId | null): UserPreferences => ({ place, askedForPlace: true });

function findAll(node: unknown, type: string): Json[] {
  if (Array.isArray(node)) return node.flatMap((n) => findAll(n, type));
  if (!node || typeof node !== 'object') return [];
  const el = node as Json;
  return [...(el.type === type ? [el] : []), ...Object.values(el).flatMap((v) => findAll(v, type))];
}

const qrOf = (card: Json) => findAll(card, 'Image').find((i) => String(i.url).startsWith('data:image/png'))!;
const pageUrlOf = (card: Json) => (card.actions as Json[]).find((a) => a.title === 'Open the page to print')!.url as string;

/** The take-away card for a topic answer, by pressing its "Give to the person" button. */
async function giveFor(conversation: Conversation, topic: TopicId, place: PlaceId | null) {
  const reply = await conversation.respond({ kind: 'action', value: { action: 'topic', topic, place } }, prefs(place));
  const topicCard = reply.messages[reply.messages.length - 1].card;
  const give = submitActions(topicCard).find((a) => a.title === 'Give to the person');
  assert.ok(give, `${topic}: the topic card has "Give to the person"`);
  const out = await conversation.respond({ kind: 'action', value: give.data }, prefs(place));
  return { topicCard, give, card: out.messages[0].card, summary: out.messages[0].summary, outcome: out.outcome };
}

describe('the citizen take-away ("Give to the person")', () => {
  const directory = realDirectory();
  const conversation = new Conversation(realSignposter(), { publicBaseUrl: () => 'https://mecc.example.nhs.uk' });

  describe('building it from a topic answer', () => {
    it('holds the services the topic card showed, a QR code of the page address, and the text to copy', async () => {
      const { topicCard, give, card, outcome } = await giveFor(conversation, 'smoking', 'chesterfield');
      assert.equal(outcome.outcome, 'takeaway');
      assert.deepEqual(cardProblems(card, 'x'), []);
      const shownOnTopicCard = directory.services.filter((s) => cardText(topicCard).includes(s.name)).map((s) => s.id);
      assert.deepEqual(give.data.services, shownOnTopicCard.filter((id) => give.data.services.includes(id)));
      assert.ok(give.data.services.length > 0);
      const url = pageUrlOf(card);
      assert.equal(url, `https://mecc.example.nhs.uk/take-away?t=smoking&p=chesterfield&s=${give.data.services.join('.')}`);
      assert.equal(decodeQrDataUri(qrOf(card).url as string), url, 'the QR code decodes to the page address');
      for (const id of give.data.services) assert.match(cardText(card), new RegExp(directory.service(id)!.name.replace(/[()]/g, '.')));
    });

    it('every topic, in every Place and with no Place, gives a take-away from the card\'s own default', async function () {
      this.timeout(60_000);
      for (const place of [...PLACE_IDS, null]) {
        for (const topic of TOPIC_IDS) {
          const { summary, card } = await giveFor(conversation, topic, place);
          assert.match(summary, /^Give to the person/, `${topic} in ${place}: ${summary}`);
          assert.ok(qrOf(card), `${topic} in ${place}: a QR code`);
        }
      }
    });

    it('is written for the person: no Ask / Assist / Act, no staff notes or sources', async () => {
      for (const topic of TOPIC_IDS) {
        const takeaway = buildTakeaway(directory, checkChoice(directory, { topics: [topic], place: 'derby-city', services: [] })!);
        const text = takeawayText(takeaway, 'https://x.example/take-away');
        assert.doesNotMatch(text, /\b(Ask|Assist|Act):/);
        assert.doesNotMatch(text, /\*\*|\]\(|<[a-z]/i, 'no markdown or HTML in the plain text');
        for (const s of directory.services) {
          if (s.notes) assert.ok(!text.includes(s.notes), `${topic}: notes of ${s.id} kept out`);
          for (const src of s.sources) if (src.note) assert.ok(!text.includes(src.note), `${topic}: source note of ${s.id} kept out`);
        }
        assert.ok(!text.includes(directory.topic(topic).prompt.ask));
      }
    });

    it('for mental health and suicide prevention, the crisis lines come first, in crisis.json order', async () => {
      const lines = directory.crisisLines.map((s) => s.contact.phone ?? s.contact.text);
      assert.deepEqual(lines, ['999', '0800 028 0077', '116 123', '85258', '111']);
      for (const topic of ['mental-wellbeing', 'suicide-prevention'] as const) {
        const { card } = await giveFor(conversation, topic, 'high-peak');
        const text = cardText(card);
        const first = text.indexOf('If you need help now');
        assert.ok(first > 0, `${topic}: a crisis block`);
        let at = first;
        for (const n of lines) {
          const next = text.indexOf(n!, at);
          assert.ok(next > at, `${topic}: ${n} after the one before`);
          at = next;
        }
        const heading = text.indexOf(topic === 'mental-wellbeing' ? 'YOUR MENTAL HEALTH' : 'IF YOU ARE STRUGGLING TO COPE');
        assert.ok(heading > at, `${topic}: the crisis lines come before the topic's own services`);
      }
    });

    it('other topics carry no crisis block, but name the emergency number', () => {
      const text = takeawayText(buildTakeaway(directory, checkChoice(directory, { topics: ['smoking'], place: 'erewash', services: [] })!));
      assert.doesNotMatch(text, /If you need help now/);
      assert.match(text, /In an emergency, call 999\./);
    });

    it('adds a national fallback for the topic when one can be contacted and is not already listed', () => {
      const withNational = TOPIC_IDS.filter((t) => directory.services.some((s) => s.topics.includes(t) && s.area === 'national' && (s.contact.phone || s.contact.website) && !directory.crisisLines.includes(s)));
      assert.ok(withNational.length > 5);
      for (const topic of withNational) {
        const takeaway = buildTakeaway(directory, checkChoice(directory, { topics: [topic], place: 'amber-valley', services: [] })!);
        const national = [...takeaway.sections[0].fallback];
        assert.equal(national.length, 1, `${topic}: one national fallback`);
        assert.equal(directory.service(national[0].id)!.area, 'national');
      }
    });
  });

  describe('staff choices', () => {
    it('"Add topic" puts a second topic, with its card\'s default services, on the same page', async () => {
      const { card } = await giveFor(conversation, 'loneliness', 'derby-city');
      const add = submitActions(card).find((a) => a.title === 'Add topic')!;
      const out = await conversation.respond({ kind: 'action', value: { ...add.data, addTopic: 'money-advice' } }, prefs('derby-city'));
      const next = out.messages[0].card;
      const url = pageUrlOf(next);
      const parsed = parseTakeawayQuery(url.split('?')[1])!;
      assert.deepEqual(parsed.raw.topics, ['loneliness', 'money-advice']);
      const moneyDefaults = (await giveFor(conversation, 'money-advice', 'derby-city')).give.data.services as string[];
      for (const id of [...add.data.services, ...moneyDefaults]) assert.ok(parsed.raw.services.includes(id), `${id} kept`);
      assert.match(cardText(next), /FEELING LONELY[\s\S]*MONEY AND DEBT/);
      assert.equal(decodeQrDataUri(qrOf(next).url as string), url);
    });

    it('the services staff tick are the ones on the page, in their order', async () => {
      const { card } = await giveFor(conversation, 'housing', 'chesterfield');
      const choices = findAll(card, 'Input.ChoiceSet').find((c) => c.id === 'chosen')!;
      const ids = (choices.choices as Json[]).map((c) => c.value as string);
      assert.ok(ids.length >= 2);
      const update = submitActions(card).find((a) => a.title === 'Update the page')!;
      const out = await conversation.respond({ kind: 'action', value: { ...update.data, chosen: `${ids[1]},${ids[0]}` } }, prefs('chesterfield'));
      assert.match(pageUrlOf(out.messages[0].card), new RegExp(`&s=${ids[1]}\\.${ids[0]}$`));
    });

    it('a tampered or out-of-date button gets a kind notice, not a page with unknown services', async () => {
      for (const value of [
        { action: 'takeaway', topics: ['smoking'], place: 'chesterfield', services: ['no-such-service'] },
        { action: 'takeaway', topics: ['smoking'], place: 'chesterfield', services: ['samaritans'] }, // not a smoking service
        { action: 'takeaway', topics: ['smoking', 'smoking'], place: null, services: [] },
      ]) {
        const out = await conversation.respond({ kind: 'action', value }, prefs(null));
        assert.match(out.messages[0].summary, /That list has changed/, JSON.stringify(value));
      }
      const bad = await conversation.respond({ kind: 'action', value: { action: 'takeaway', topics: ['<script>'], services: [] } }, prefs(null));
      assert.equal(bad.outcome.outcome, 'stale-action');
    });
  });

  describe('the plain text', () => {
    it('says how to contact each chosen service and whether the person can self-refer, with the page address last', () => {
      const choice = checkChoice(directory, { topics: ['alcohol-drugs'], place: 'derby-city', services: [] })!;
      const services = directory.services.filter((s) => s.topics.includes('alcohol-drugs') && s.places.includes('derby-city') && s.contact.phone).slice(0, 2).map((s) => s.id);
      const takeaway = buildTakeaway(directory, { ...choice, services });
      const url = takeawayUrl('https://mecc.example.nhs.uk', takeaway.choice);
      const text = takeawayText(takeaway, url);
      for (const id of services) {
        const s = directory.service(id)!;
        const block = text.slice(text.indexOf(s.name));
        assert.ok(block.includes(`Phone: ${s.contact.phone}`), `${id}: its phone`);
        assert.match(block, /You can contact them yourself|refer you|ask how to start/);
      }
      assert.ok(text.trimEnd().endsWith(`This list online: ${url}`));
      assert.ok(text.length < 1600, `short enough for a few text messages (${text.length} characters)`);
    });

    it('reads at a level a general audience can manage (text-readability)', async () => {
      const { default: readability } = await import('text-readability');
      const ours = Object.values(CITIZEN_TOPIC).map((t) => t.intro).join(' ');
      const ease = readability.fleschReadingEase(ours);
      const grade = readability.fleschKincaidGrade(ours);
      // Flesch reading ease 60+ is "plain English"; grade 8 is about age 13-14.
      assert.ok(ease >= 60, `our own words: Flesch reading ease ${ease}`);
      assert.ok(grade <= 8, `our own words: Flesch-Kincaid grade ${grade}`);
    });
  });

  describe('the public page over HTTP', () => {
    let running: RunningBot;
    before(async () => {
      running = await startBot({ env: { PUBLIC_PAGE_RATE_LIMIT_PER_MINUTE: '100000' } });
    });
    after(async () => running.stop());

    it('the card from the real bot points at the page it serves, and the page lists the chosen services', async () => {
      const who = { user: 'giver' };
      await exchange(running.url, { text: "I'm in Erewash" }, who);
      const [topic] = cards(await exchange(running.url, { text: 'gambling' }, who));
      const give = submitActions(topic.card).find((a) => a.title === 'Give to the person')!;
      const [card] = cards(await exchange(running.url, { text: undefined, value: give.data }, who));
      const url = decodeQrDataUri(qrOf(card.card).url as string)!;
      assert.ok(url.startsWith(`${running.url}/take-away?`), url);
      const res = await fetch(url);
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('set-cookie'), null);
      assert.match(res.headers.get('cache-control')!, /public, max-age=\d+/);
      assert.match(res.headers.get('content-security-policy')!, /default-src 'none'/);
      const html = await res.text();
      for (const id of give.data.services) assert.ok(html.includes(`id="service-${id}"`), `${id} on the page`);
      assert.doesNotMatch(html, /<script|Ask:|Assist:|Act:|src=|http:\/\/|https:\/\/(?!www\.|[a-z0-9.-]+\.[a-z]+)/i);
      const again = await fetch(url, { headers: { 'if-none-match': res.headers.get('etag')! } });
      assert.equal(again.status, 304);
    });

    it('unknown, tampered or oversized addresses get the same plain "not found" page, with nothing echoed back', async () => {
      const notFound = await (await fetch(`${running.url}/take-away?t=nothing&p=all&s=`)).text();
      for (const query of [
        't=smoking&p=chesterfield&s=no-such-service',
        't=smoking&p=nowhere&s=',
        't=%3Cscript%3Ealert(1)%3C%2Fscript%3E&p=all&s=',
        't=smoking&p=all&s=llbd&t=alcohol-drugs',
        't=smoking&p=chesterfield&s=llbd&name=Jane%20Smith',
        't=smoking&p=chesterfield&s=llbd&large=%22%3E%3Cimg%20src%3Dx%3E',
        `t=smoking&p=all&s=${'a'.repeat(3000)}`,
        '',
      ]) {
        const res = await fetch(`${running.url}/take-away?${query}`);
        assert.equal(res.status, 404, query);
        const html = await res.text();
        assert.equal(html, notFound, `${query}: the same page`);
        assert.doesNotMatch(html, /<script|Jane|<img|alert\(/i);
      }
      assert.match(notFound, /Page not found/);
      assert.match(notFound, /116 123/, 'never a dead end: the crisis lines');
    });

    it('is rate limited per client address', async () => {
      const limited = await startBot({ env: { PUBLIC_PAGE_RATE_LIMIT_PER_MINUTE: '6' } });
      try {
        const statuses: number[] = [];
        for (let i = 0; i < 12; i++) statuses.push((await fetch(`${limited.url}/take-away?t=smoking&p=all&s=`)).status);
        assert.ok(statuses.includes(429), statuses.join(','));
        assert.equal(statuses[0], 200);
      } finally {
        await limited.stop();
      }
    });

    it('logs no page address (the ids say which topics a person was given)', async () => {
      await fetch(`${running.url}/take-away?t=sexual-health&p=all&s=`);
      assert.ok(!running.logs.lines.some((l) => l.includes('sexual-health')));
    });
  });
});
