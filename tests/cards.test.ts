import assert from 'node:assert/strict';
import { didYouMeanCard, topicListCard } from '../cards/choices';
import { guideCard } from '../cards/guide';
import { moreServicesCard } from '../cards/more-services';
import { noticeCard } from '../cards/notice';
import { placeCard, placeSetCard } from '../cards/place-picker';
import { welcomeCard } from '../cards/welcome';
import { maintainersReportCard, reportFormCard, reportResolvedCard, reportThanksCard } from '../cards/report';
import { serviceCard } from '../cards/service-card';
import { Conversation, NO_PREFERENCES } from '../chat/respond';
import { cardProblems, cardText } from './support/cards';
import { realDirectory, realSignposter } from './support/directory';

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
      didYouMeanCard(d, ['blood-pressure', 'blood-donation']), didYouMeanCard(d, []), topicListCard(d), noticeCard('Title', 'Body'),
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

  it('the suicide-prevention card leads with the crisis block', async () => {
    const reply = await conversation.respond({ kind: 'action', value: { action: 'topic', topic: 'suicide-prevention' } }, NO_PREFERENCES);
    const body = reply.messages[0].card.body as { style?: string }[];
    assert.equal(body[0].style, 'attention');
    assert.match(cardText(body[0] as never), /999/);
  });
});
