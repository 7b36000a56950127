import assert from 'node:assert/strict';
import { didYouMeanCard, noMatchCard, topicListCard } from '../cards/choices';
import { guideCard } from '../cards/guide';
import { moreServicesCard } from '../cards/more-services';
import { noticeCard } from '../cards/notice';
import { placeCard, placeSetCard } from '../cards/place-picker';
import { welcomeCard } from '../cards/welcome';
import { maintainersReportCard, reportFormCard, reportResolvedCard, reportThanksCard } from '../cards/report';
import { serviceCard } from '../cards/service-card';
import { Conversation, NO_PREFERENCES } from '../chat/respond';
import { cardProblems, cardText, submitActions } from './support/cards';
import { crisisCard } from '../cards/crisis';
import type { Json } from '../cards/elements';
import { hasContactRoute, serviceBlock } from '../cards/service';
import { practiceCard } from '../cards/walkthrough';
import { topicMessages } from '../chat/topic-reply';
import { realDirectory, realSignposter } from './support/directory';
import { MemoryStorage } from 'botbuilder';
import { ActivityKeys } from '../activity/record';
import { ActivityLog, type ActivityStorage } from '../activity/store';
import { ActivityDesk } from '../chat/activity-reply';
import { listable } from '../bot/storage/listable';

describe('cards', () => {
  const d = realDirectory();
  const conversation = new Conversation(realSignposter());

  it('every topic card, for every Place and none, passes the Adaptive Card checks', async () => {
    for (const topic of d.topics) {
      for (const place of [null, ...d.places.map((p) => p.id)]) {
        for (const askedForPlace of [false, true]) {
          const reply = await conversation.respond({ kind: 'action', value: { action: 'topic', topic: topic.id, place } }, { place, askedForPlace });
          for (const m of reply.messages) assert.deepEqual(cardProblems(m.card, m.summary), [], `${topic.id}/${place}`);
        }
      }
    }
  });

  it('with recording on, every topic card (and the one after a crisis message) still passes, its "What did you do?" last in the body', async () => {
    const desk = new ActivityDesk(new ActivityLog(listable(new MemoryStorage()) as ReturnType<typeof listable> & ActivityStorage), new ActivityKeys('k'.repeat(40)), new Map());
    const recording = new Conversation(realSignposter(), { activity: desk });
    for (const topic of d.topics) {
      for (const place of [null, 'derby-city', 'high-peak'] as const) {
        const reply = await recording.respond({ kind: 'action', value: { action: 'topic', topic: topic.id, place } }, { place, askedForPlace: place !== null });
        const card = reply.messages[reply.messages.length - 1];
        assert.deepEqual(cardProblems(card.card, card.summary), [], `${topic.id}/${place}`);
        const last = (card.card.body as Json[]).at(-1)!;
        assert.match(JSON.stringify(last), /What did you do\?.*"recordConversation"/, `${topic.id}/${place}: the record block closes the body`);
      }
    }
  });

  it('first-screen services say who, whether the person can self-refer and how to reach them; what they do is in More services', async () => {
    const reply = await conversation.respond({ kind: 'text', text: 'cold house' }, { place: 'chesterfield', askedForPlace: true });
    const text = cardText(reply.messages[0].card);
    const shown = d.services.filter((s) => text.includes(s.name));
    assert.ok(shown.length >= 2);
    for (const s of shown) {
      assert.ok(!text.includes(s.description), `${s.id}: its description waits in More services`);
      assert.doesNotMatch(text, /Derbyshire County \(not Derby City\)/, 'on a card for a Place the area goes unsaid');
      const more = cardText(moreServicesCard(d, 'affordable-warmth', 'chesterfield', realSignposter().topic('affordable-warmth', 'chesterfield').allServices).card);
      assert.ok(more.includes(s.description), `${s.id}: described in More services`);
    }
    assert.match(text, /self-referral|professional referral/);
  });

  it('every guide and more-services card passes the checks', () => {
    for (const topic of d.topics) {
      const g = guideCard(d, topic.id);
      assert.deepEqual(cardProblems(g.card, g.summary), [], topic.id);
      const all = realSignposter().topic(topic.id, 'chesterfield').allServices;
      const m = moreServicesCard(d, topic.id, 'chesterfield', all);
      assert.deepEqual(cardProblems(m.card, m.summary), [], topic.id);
    }
  });

  it('the welcome, Place, choice and notice cards pass the checks', () => {
    const service = d.services[0];
    const report = { id: 'r1', serviceId: service.id, reason: 'closed' as const, createdAt: new Date().toISOString(), reporter: 'u', status: 'open' as const, comment: 'x' };
    const cards = [
      reportFormCard(d, service), reportThanksCard(service), maintainersReportCard(d, report, service), reportResolvedCard(report), serviceCard(d, service),
      welcomeCard(d, null), welcomeCard(d, 'erewash'), placeCard(d, null), placeCard(d, 'derby-city'), placeSetCard(d, 'high-peak'),
      didYouMeanCard(d, ['blood-pressure', 'blood-donation']), didYouMeanCard(d, []), noMatchCard(d), topicListCard(d), noticeCard('Title', 'Body'), noticeCard('Title', 'Body', d), crisisCard(d),
    ];
    for (const c of cards) assert.deepEqual(cardProblems(c.card, c.summary), [], c.summary);
  });

  it('the checks catch what Teams would reject', () => {
    const bad = { type: 'AdaptiveCard', version: '1.6', body: [{ type: 'TextBlock', text: 'x' }, { type: 'Media' }, { type: 'FancyChart' }], actions: [{ type: 'Action.OpenUrl', title: 'x' }] };
    const problems = cardProblems(bad, '');
    assert.ok(problems.some((p) => /version/.test(p)));
    assert.ok(problems.some((p) => /must wrap/.test(p)));
    assert.ok(problems.some((p) => /Unknown element type "FancyChart"/.test(p)));
    assert.ok(problems.some((p) => /does not show Media/.test(p)));
    assert.ok(problems.some((p) => /"url" must be set/.test(p)));
    assert.ok(problems.some((p) => /summary/.test(p)));
  });

  it('the topic card shows phone numbers as tel: links and says whether self-referral is possible', async () => {
    const reply = await conversation.respond({ kind: 'text', text: 'smoking' }, { ...NO_PREFERENCES, place: 'derby-city' });
    const text = cardText(reply.messages[0].card);
    assert.match(text, /\]\(tel:\+44\d{10}\)/);
    assert.match(text, /referral/i);
    assert.match(text, /Source|\]\(https:/);
  });

  it('the suicide-prevention topic is answered with the crisis message first, then its card', async () => {
    const reply = await conversation.respond({ kind: 'action', value: { action: 'topic', topic: 'suicide-prevention' } }, NO_PREFERENCES);
    assert.equal(reply.messages.length, 2);
    const [crisis, topic] = reply.messages;
    assert.equal((crisis.card.body as { style?: string }[])[0].style, 'attention');
    assert.match(cardText(crisis.card), /\[999\]\(tel:999\)/);
    assert.match(topic.summary, /Suicide prevention/);
  });

  it('a topic card leads with services that can be contacted now, for every topic and Place', async () => {
    for (const topic of d.topics) {
      for (const place of [null, ...d.places.map((p) => p.id)]) {
        const reply = await conversation.respond({ kind: 'action', value: { action: 'topic', topic: topic.id, place } }, { place, askedForPlace: true });
        const card = reply.messages.at(-1)!;
        const shown = (card.card.body as Json[]).filter((e) => e.type === 'Container' && e.separator);
        assert.ok(shown.length <= 2, `${topic.id}/${place}: at most two services on the first screen`);
        for (const block of shown) assert.match(cardText(block), /\]\((tel|sms|mailto|https):/, `${topic.id}/${place}: ${cardText(block).split('\n')[0]}`);
      }
    }
  });

  it('"More services" lists the services that can be contacted first, for every topic and Place', () => {
    for (const topic of d.topics) {
      for (const place of [null, ...d.places.map((p) => p.id)]) {
        const all = realSignposter().topic(topic.id, place).allServices;
        const text = cardText(moreServicesCard(d, topic.id, place, all).card);
        // A service reached through another (its access line names that service's number) counts as reachable.
        const firstUnreachable = text.indexOf('No contact details recorded yet');
        if (firstUnreachable < 0) continue;
        assert.doesNotMatch(text.slice(firstUnreachable), /\]\((tel|sms|mailto|https):/, `${topic.id}/${place}: every service that can be contacted comes before the first that cannot`);
      }
    }
  });

  it('a service with no contact route says how to reach it wherever it is listed', () => {
    const unreachable = d.services.filter((s) => !hasContactRoute(s));
    assert.ok(unreachable.length > 0, 'the directory has some, so this checks something');
    for (const s of unreachable) {
      const text = cardText(serviceBlock(d, s, { detail: true }));
      assert.match(text, /How to reach it:/, s.id);
    }
  });

  it('the crisis message shows only lines that can be reached, text numbers tappable and copyable', () => {
    const text = cardText(crisisCard(d).card);
    assert.doesNotMatch(text, /How to reach it|not yet confirmed/);
    assert.match(text, /SHOUT to \[85258\]\(sms:85258\?&body=SHOUT\)/, 'an sms: link, with the number and keyword shown as text');
  });

  it('other cues from the same message are offered as buttons, strongest first; missing means none', () => {
    const answer = realSignposter().topic('smoking', 'chesterfield');
    const [card] = topicMessages(d, { ...answer, otherCues: ['alcohol-drugs', 'falls-frailty'] }, false);
    assert.deepEqual(cardProblems(card.card, card.summary), []);
    const cues = submitActions(card.card).filter((a) => a.data.action === 'topic');
    assert.deepEqual(cues.map((a) => a.data.topic), ['alcohol-drugs', 'falls-frailty']);
    assert.deepEqual(cues.map((a) => a.title), [d.topic('alcohol-drugs').title, d.topic('falls-frailty').title]);
    assert.deepEqual(cues.map((a) => a.data.place), ['chesterfield', 'chesterfield'], 'the Place travels with the button');
    assert.match(cardText(card.card), /Also mentioned/);
    const [plain] = topicMessages(d, answer, false);
    assert.doesNotMatch(cardText(plain.card), /Also mentioned/);
    assert.equal(submitActions(plain.card).filter((a) => a.data.action === 'topic').length, 0);
  });

  it('related topics are buttons, not plain text', async () => {
    const reply = await conversation.respond({ kind: 'text', text: 'smoker with copd' }, { ...NO_PREFERENCES, askedForPlace: true });
    const card = reply.messages.at(-1)!;
    const related = submitActions(card.card).filter((a) => a.data.action === 'topic');
    assert.ok(related.length >= 1, 'a related topic button');
    assert.doesNotMatch(cardText(card.card), /^Related: /m);
  });

  it('a topic card keeps two everyday buttons (one row on a phone); the guide, practising, changing Place and reporting are in its "..." menu', async () => {
    const reply = await conversation.respond({ kind: 'text', text: 'smoking' }, { ...NO_PREFERENCES, place: 'derby-city', askedForPlace: true });
    const actions = reply.messages[0].card.actions as { title: string; mode?: string }[];
    assert.deepEqual(actions.filter((a) => a.mode !== 'secondary').map((a) => a.title.replace(/\(\d+\)/, '(n)')), ['More services (n)', 'Give to the person']);
    const overflow = actions.filter((a) => a.mode === 'secondary').map((a) => a.title);
    assert.ok(overflow.includes('Conversation guide') && overflow.includes('Practise this conversation') && overflow.includes('Change Place'));
    assert.ok(overflow.some((t) => t.startsWith('Report a problem: ')));
    assert.ok(!JSON.stringify(reply.messages[0].card.body).includes('Report a problem'), 'no report button under each service');
  });

  it('the practice card lists each reply once, in full, as a wrapping choice', () => {
    const script = d.walkthroughs.get('smoking')!;
    const card = practiceCard(d, script, 1);
    assert.deepEqual(cardProblems(card.card, card.summary), []);
    const json = JSON.stringify(card.card);
    for (const r of script.practice[0].replies) assert.equal(json.split(JSON.stringify(r.text).slice(1, -1)).length - 1, 1, `"${r.text.slice(0, 30)}…" appears once`);
    assert.ok(json.includes('"wrap":true') && json.includes('"style":"expanded"'));
  });
});
