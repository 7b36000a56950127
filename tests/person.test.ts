import assert from 'node:assert/strict';
import { describePerson, describesCohort, withoutPersonWords } from '../cohorts/person';

const person = (text: string) => describePerson(text);
const bands = (text: string) => person(text)?.ageBands ?? [];

describe('who is in front of me: reading a person from a message (cohorts/person.ts)', () => {
  describe('an exact age needs a person beside the number', () => {
    for (const [text, age] of [
      ['75 year old man', 75], ['aged 34', 34], ['lady, 82', 82], ['17 yo', 17], ['17yo lad', 17], ['75yrs old', 75], ['75-year-old', 75],
      ['she is 82', 82], ["she's 82 and lives alone", 82], ['who is 17', 17], ['67M smoker', 67], ['F 34 asthma', 34], ['Mr Jones (84) lives alone', 84],
      ['just turned 65', 65], ['80th birthday next week', 80], ['smoking, 17', 17], ['75 years of age', 75], ['82 y/o female', 82],
    ] as const) {
      it(`"${text}" is ${age}`, () => assert.equal(person(text)?.age, age));
    }
    for (const [text, age] of [['seventy-five year old man', 75], ['a lady of eighty two, aged eighty two', 82], ['twenty one year old student', 21]] as const) {
      it(`"${text}" (number words, read by compromise) is ${age}`, () => assert.equal(person(text)?.age, age));
    }
  });

  describe('numbers that are not ages', () => {
    for (const text of ['room 75', '75 mg', 'bus 18', 'dose 2 of 3', '65s clinic', 'over 75s clinic', 'bay 4, 17 units a week', 'smokes 20 a day', 'BP 140 over 90', 'drinks 30 units', 'flat 12']) {
      it(`"${text}" says nothing of the person's age`, () => assert.deepEqual(bands(text), []));
    }
    for (const text of ['her 3 year old has a cough', 'his 90 year old mum is lonely', 'mum of a 2 year old', 'her husband, 80, has dementia', 'looks after her mum who is in her 80s']) {
      it(`"${text}" gives someone else's age, not the person's`, () => {
        assert.equal(person(text)?.age, undefined);
        assert.ok(!bands(text).includes('75-plus') && !bands(text).includes('under-18'), String(bands(text)));
      });
    }
  });

  describe('decades and words for ages', () => {
    for (const [text, expected] of [
      ['in her 80s', ['75-plus']], ['lady in her eighties', ['75-plus']], ['late 60s', ['65-74']], ['early 60s', ['50-64']], ['man in his 40s', ['25-49']],
      ['mid-twenties', ['18-24', '25-49']], ['in his 70s', ['65-74', '75-plus']], ['pensioner', ['65-74', '75-plus']], ['OAP', ['65-74', '75-plus']],
      ['retired farmer', ['65-74', '75-plus']], ['elderly gent', ['65-74', '75-plus']], ['nan', ['65-74', '75-plus']], ['grandad', ['65-74', '75-plus']],
      ['teenager', ['under-18', '18-24']], ['school leaver', ['under-18', '18-24']], ['uni student', ['18-24']], ['very elderly lady', ['75-plus']],
      ['pentioner', ['65-74', '75-plus']],
    ] as const) {
      it(`"${text}" is ${expected.join(' or ')}`, () => assert.deepEqual(bands(text), expected));
    }
    it('a guess is kept as the age guessed, marked as an estimate', () => {
      assert.deepEqual(person('young lad, maybe 19'), { ageBands: ['18-24'], ageRange: { min: 19, max: 19 }, estimated: true, sex: 'male', lifeStages: [] });
    });
    it('"her nan" is a relative, not the person', () => assert.deepEqual(bands('worried about her nan'), []));
    for (const [text, expected] of [['gent turning 65 next month', 64], ["she'll be 18 in june", 17]] as const) {
      it(`"${text}" is ${expected} now`, () => assert.equal(person(text)?.age, expected));
    }
    it('"pensioner, 2 falls this year" counts falls, not years', () => assert.deepEqual(bands('pensioner, 2 falls this year'), ['65-74', '75-plus']));
  });

  describe('sex, stated or implied', () => {
    for (const [text, sex] of [
      ['75 year old man', 'male'], ['lady, 82', 'female'], ['in her 80s', 'female'], ['pregnant', 'female'], ['new dad', 'male'], ['looks after her husband', 'female'],
      ['elderly gent', 'male'], ['67M smoker', 'male'], ['pensioner, his wife has dementia', 'male'],
    ] as const) {
      it(`"${text}" is ${sex}`, () => assert.equal(person(text)?.sex, sex));
    }
    it('no sex is guessed when nothing says it', () => assert.equal(person('17 yo')?.sex, undefined));
  });

  describe('life stages', () => {
    for (const [text, stage] of [
      ['pregnant', 'pregnant'], ['expecting', 'pregnant'], ["she's expecting her first", 'pregnant'], ['30 weeks pregnant', 'pregnant'], ['mum to be', 'pregnant'], ['pregant', 'pregnant'],
      ['new dad', 'new-parent'], ['mum with a 4 month old', 'new-parent'], ['woman in her 30s, baby is 10 months', 'new-parent'], ['just had a baby', 'new-parent'], ['breastfeeding', 'new-parent'], ['new mum, baby is 6 weeks old', 'new-parent'],
      ['carer', 'carer'], ['looks after her husband', 'carer'], ['she is her husband\'s carer', 'carer'], ['cares for his wife who has dementia', 'carer'],
      ['14 year old who cares for his mum', 'young-carer'], ['young carer', 'young-carer'],
    ] as const) {
      it(`"${text}" is ${stage}`, () => assert.deepEqual(person(text)?.lifeStages, [stage]));
    }
    for (const text of ['not pregnant', 'expecting a call back', 'her carer comes in daily', 'has carers four times a day', 'works as a carer', 'looks after the grandkids on Fridays', 'trying to get pregnant', 'looks after herself well']) {
      it(`"${text}" is no life stage of the person`, () => assert.deepEqual(person(text)?.lifeStages ?? [], []));
    }
  });

  it('a message with nothing about the person says so', () => {
    for (const text of ['smoking', 'cold house in Buxton', '', '   ']) assert.equal(describePerson(text), null);
  });

  it('a sex alone is read, but describes no cohort', () => {
    assert.deepEqual(describePerson('he drinks a lot'), { ageBands: [], sex: 'male', lifeStages: [] });
    assert.equal(describesCohort(describePerson('he drinks a lot')), false);
    assert.equal(describesCohort(describePerson('young mum')), true);
  });

  it('takes out only the words about the person, so the cue in the rest can be seen', () => {
    assert.equal(withoutPersonWords('pensioner came in for his prescription'), 'came in for his prescription');
    assert.equal(withoutPersonWords('75 year old man, here for his flu jab'), 'man , here for his flu jab');
    assert.equal(withoutPersonWords('80, never claimed pension credit'), ', never claimed pension credit');
  });

  it('reads a long note without trouble', () => {
    const note = `${'parking was a nightmare again, '.repeat(60)} 82 year old lady, lives alone`;
    assert.equal(describePerson(note)?.age, 82);
  });
});
