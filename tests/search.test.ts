import assert from 'node:assert/strict';
import type { TopicId } from '../directory/ids';
import { realDirectory, realSignposter } from './support/directory';

const topicOf = (q: string, place?: string) => realSignposter().ask(q, { place: (place ?? null) as any }).topic;

describe('search', () => {
  describe('matches topics despite typos, plurals, slang and synonyms', () => {
    const cases: [string, TopicId][] = [
      ['smokin', 'smoking'], ['smoaking', 'smoking'], ['fags', 'smoking'], ['vape', 'smoking'], ['vaping', 'smoking'],
      ['boozing', 'alcohol-drugs'], ['alchohol', 'alcohol-drugs'], ['skint', 'money-advice'], ['cold flat', 'affordable-warmth'],
      ['cant afford heating in Buxton', 'affordable-warmth'], ['loneliness', 'loneliness'], ['lonley', 'loneliness'],
      ['demensia', 'dementia'], ['carers', 'carers'], ['Derbyshire Carers', 'carers'], ['gamblin', 'gambling'],
      ['pregnent', 'pregnancy'], ['diabetic', 'diabetes'], ['excercise', 'physical-activity'], ['immunisations', 'immunisations'],
    ];
    for (const [query, topic] of cases) it(`"${query}" -> ${topic}`, () => assert.equal(topicOf(query), topic));
  });

  describe('finds the Place in the message', () => {
    const cases: [string, string][] = [
      ['smoking ilkeston', 'erewash'], ['heating buxton', 'high-peak'], ['debt advice swadlincote', 'south-derbyshire'],
      ['falls ripley', 'amber-valley'], ['loneliness matlock', 'derbyshire-dales'], ['drug services derby', 'derby-city'],
      ['smoking chesterfeild', 'chesterfield'], ['weight management bolsover', 'bolsover-north-east'],
      ['smoking at Royal Derby Hospital', 'derby-city'], ['carers, Buxton Medical Practice', 'high-peak'],
      ['dementia long eaton', 'erewash'], ['cold house glossop', 'high-peak'],
    ];
    for (const [query, place] of cases) it(`"${query}" -> ${place}`, () => assert.equal(realSignposter().ask(query).place, place));

    it('"Derbyshire Carers" names no Place', () => assert.equal(realSignposter().ask('Derbyshire Carers').place, null));
    it('a Place in the message wins over the remembered one', () => assert.equal(realSignposter().ask('smoking ilkeston', { place: 'derby-city' }).place, 'erewash'));
    it('the remembered Place is used when the message names none', () => assert.equal(realSignposter().ask('smoking', { place: 'derby-city' }).place, 'derby-city'));
  });

  describe('recognises what is not a topic', () => {
    for (const q of ['hello', 'thanks', 'thank you very much', 'help', 'asdfgh', '???', '12345']) {
      it(`"${q}" matches no topic`, () => assert.equal(topicOf(q), null));
    }
    it('"I\'m in Chesterfield" sets the Place', () => {
      const a = realSignposter().ask("I'm in Chesterfield");
      assert.equal(a.kind, 'place');
      assert.equal(a.place, 'chesterfield');
    });
    it('"set place High Peak" sets the Place', () => assert.equal(realSignposter().ask('set place High Peak').place, 'high-peak'));
    it('an ambiguous word offers the nearest topics instead of guessing', () => {
      const a = realSignposter().ask('blood');
      assert.equal(a.topic, null);
      assert.ok(a.alternatives.includes('blood-pressure') && a.alternatives.includes('blood-donation'));
    });
  });

  describe('ranks services for the Place', () => {
    it('shows only services that serve the Place, nearest first and national last', () => {
      const a = realSignposter().ask('smoking', { place: 'derby-city' });
      assert.ok(a.services.length >= 2);
      for (const s of a.services) assert.ok(s.places.includes('derby-city'), `${s.id} serves Derby City`);
      const firstNational = a.services.findIndex((s) => s.area === 'national');
      assert.ok(firstNational > 0, 'a local service comes before the national fallback');
      assert.ok(a.services.slice(firstNational).every((s) => s.area === 'national'));
    });

    it('without a Place shows county-wide, city-wide and national services but no single-Place ones', () => {
      for (const topic of realDirectory().topics) {
        const a = realSignposter().topic(topic.id, null);
        assert.ok(a.services.every((s) => s.area !== 'local'), topic.id);
        assert.ok(a.services.some((s) => s.area === 'national'), `${topic.id} reaches a national service`);
      }
    });

    it('every topic reaches a national service in every Place', () => {
      for (const topic of realDirectory().topics) {
        for (const place of realDirectory().places) {
          const a = realSignposter().topic(topic.id, place.id);
          assert.ok(a.services.some((s) => s.area === 'national'), `${topic.id} in ${place.id}`);
        }
      }
    });

    it('a service named in the query comes first', () => {
      const a = realSignposter().ask('samaritans');
      assert.equal(a.services.find((s) => s.area !== 'national' || s.id === 'samaritans')?.id !== undefined, true);
      assert.ok(a.allServices.some((s) => s.id === 'samaritans'));
      assert.equal(a.allServices[0].id, 'samaritans', 'the named service leads the list');
    });
  });
});
