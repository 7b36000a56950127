import assert from 'node:assert/strict';
import { describePerson, describesCohort, withoutPersonWords } from '../cohorts/person';
import { ageBeforePension, statePensionAge } from '../cohorts/pension-age';

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

  describe('ages written other ways (round 2 of issue 15), counted on a given day', () => {
    const today = new Date(2026, 11, 2);
    const on = (text: string, day = today) => describePerson(text, { today: day });
    const rangeOf = (text: string, day = today) => on(text, day)?.ageRange;

    for (const [text, min, max] of [
      ['DOB 12/03/1952, female', 74, 74], ['d.o.b. 3rd March 1950, lives alone', 76, 76], ['date of birth 15 Jan 2009', 17, 17], ['DOB: 01.06.80 asthma review', 46, 46],
      ['lady, DOB 1948', 77, 78], ["chap born in '61", 64, 65], ['he was born in 1961 and has COPD', 64, 65], ['dob 25/12/1960', 65, 65],
    ] as const) {
      it(`"${text}" is ${min === max ? min : `${min} or ${max}`} on 2 December 2026`, () => assert.deepEqual(rangeOf(text), { min, max }));
    }
    it('a date of birth is counted on the day given, not a fixed year', () => {
      assert.equal(on('DOB 12/03/1952', new Date(2030, 5, 1))?.age, 78);
      assert.equal(on('DOB 12/03/1952', new Date(2027, 2, 11))?.age, 74);
      assert.equal(on('DOB 12/03/1952', new Date(2027, 2, 12))?.age, 75);
    });
    for (const text of ['her son born in 2010 has asthma', 'born at 32 weeks, now a healthy toddler', 'born and bred in Derby', 'DOB 12/03 not known', 'last seen in 1999', 'worked there since 1975', 'in 2019 she moved here']) {
      it(`"${text}" gives no age of the person`, () => assert.equal(rangeOf(text), undefined));
    }

    for (const [text, age, sex] of [
      ['34F signing up for a library card', 34, 'female'], ['F34 asthma', 34, 'female'], ['M/56 dropping off a parcel', 56, 'male'], ['client is F/23, new to the area', 23, 'female'],
      ['56/M smoker', 56, 'male'], ['pt 19M scared of needles', 19, 'male'], ['Mr B (81) had a fall', 81, 'male'],
    ] as const) {
      it(`"${text}" is ${age}, ${sex}`, () => {
        assert.equal(on(text)?.age, age);
        assert.equal(on(text)?.sex, sex);
      });
    }
    it('a slash between numbers is a reading, not an age', () => {
      for (const text of ['BP 160/95', '1/2 a bottle of wine', 'BP 160/95, M']) assert.deepEqual(on(text)?.ageBands ?? [], [], text);
    });

    for (const [text, min, max] of [
      ['gent coming up 70', 69, 69], ["he's coming up to 65", 64, 64], ['nearly 40, says a bottle of wine most nights', 38, 39], ['nearly 70 and lonely', 68, 69],
      ["she's 65 next week", 64, 64], ["she's 18 in the summer", 17, 17], ['lad, 17 next month', 16, 16], ['gent, 70 on Friday', 69, 69], ['she is 30 this year', 29, 30],
      ['the lady I\'m with is 49', 49, 49], ['the person on my list today is 42', 42, 42], ['a lad of about 20', 20, 20], ['lady of 80 lives on the 12th floor', 80, 80],
      ['thirty-something woman', 30, 39], ['sixtysomething bloke', 60, 69], ['forty too year old man', 42, 42], ['sevnty too year old lady', 72, 72],
      ['a 31-year-old mum of two', 31, 31], ['a lady well into her eighties', 80, 89], ['octogenarian gent', 80, 89], ['nonagenarian', 90, 99],
    ] as const) {
      it(`"${text}" is ${min === max ? min : `${min} to ${max}`}`, () => assert.deepEqual(rangeOf(text), { min, max }));
    }
    for (const text of ['coming up to the bus stop', 'nearly 20 cigs a day', 'mum of 3', 'dad of 2 kids', 'the room is 12 degrees', 'patient hba1c is 64', 'her mum is 80', 'lives with his dad who is 80', 'coming up 3 weeks since the op']) {
      it(`"${text}" gives no age of the person`, () => assert.equal(rangeOf(text), undefined));
    }

    for (const [text, min, max] of [['girl in year 11', 15, 16], ['year 9 pupil', 13, 14], ['girl in year 13', 17, 18], ['yr 7 lad', 11, 12], ['student in year 12', 16, 17]] as const) {
      it(`"${text}" is ${min} or ${max} (year N is age N+4 to N+5)`, () => assert.deepEqual(rangeOf(text), { min, max }));
    }
    for (const text of ['year 2 of her nursing degree', 'her son is in year 9', 'years 10 and 11 assembly', 'off work for a year 2 days a week', 'hasn\'t had a smear since year 2019']) {
      it(`"${text}" is no school year of the person`, () => assert.equal(rangeOf(text), undefined));
    }

    it('the State Pension age follows the Pensions Act 2014 timetable', () => {
      assert.equal(statePensionAge(Date.UTC(1960, 2, 1)), 66);
      assert.equal(statePensionAge(Date.UTC(1960, 3, 10)), 66 + 1 / 12);
      assert.equal(statePensionAge(Date.UTC(1961, 1, 10)), 66 + 11 / 12);
      assert.equal(statePensionAge(Date.UTC(1961, 2, 6)), 67);
      assert.equal(statePensionAge(Date.UTC(1980, 0, 1)), 68);
    });
    it('"a year off retirement" is a year short of the State Pension age on the day', () => {
      // In 2024 the State Pension age was 66 for everyone reaching it; by 2030 it is 67.
      assert.ok(Math.abs(ageBeforePension(0, new Date(2024, 0, 1)) - 66) < 0.05);
      assert.ok(Math.abs(ageBeforePension(1, new Date(2030, 0, 1)) - 66) < 0.05);
      assert.deepEqual(rangeOf('a year off retirement he reckons'), { min: 65, max: 66 });
      assert.deepEqual(rangeOf('a year off retirement', new Date(2030, 0, 1)), { min: 65, max: 66 });
      assert.deepEqual(rangeOf('two years off retirement', new Date(2024, 0, 1)), { min: 63, max: 64 });
      assert.equal(on('a year off retirement')?.estimated, true);
      for (const text of ['retiring next year, worried about money', 'close to retirement', 'a couple of years from retirement']) assert.ok(rangeOf(text), text);
      for (const text of ['his wife retires next year', 'retirement flat', 'her husband is a year off retirement']) assert.equal(rangeOf(text), undefined, text);
    });
    it('"married 50 years" is a grown-up for that long', () => {
      assert.deepEqual(on('married 50 years, his wife now has dementia')?.ageBands, ['65-74', '75-plus']);
      assert.equal(rangeOf('her parents married 50 years ago'), undefined);
    });
  });

  describe('who the message is about', () => {
    it('"it\'s the lad I\'d be talking to": the lad is the person, not his mum', () => {
      const p = person("her son is 16 and she's worried about his vaping, it's the lad I'd be talking to");
      assert.deepEqual([p?.age, p?.sex], [16, 'male']);
    });
    it('"it\'s the daughter I\'m worried about": her 80 year old mum is someone else', () => {
      const p = person("Daughter came in about her 80 year old mum - it's the daughter I'm worried about, she's exhausted from caring");
      assert.deepEqual([p?.ageBands, p?.sex, p?.lifeStages], [[], 'female', ['carer']]);
    });
    it('the one of a couple doing the talking, or "the one" who wants the chat', () => {
      assert.equal(person('Mr and Mrs S both in their late seventies, Mrs S mainly doing the talking')?.sex, 'female');
      assert.equal(person('OAP couple in the waiting room, the husband is the one who wants a chat')?.sex, 'male');
    });
    it('someone who brought the person in is not them; a grandparent of a 19 year old is over 50', () => {
      const p = person("grandson (19) dropped her off - she told me she's been feeling very low lately");
      assert.deepEqual([p?.sex, p?.ageBands], ['female', ['50-64', '65-74', '75-plus']]);
    });
    it('a family word after a verb is a relative: "helps mum with her meds" says nothing of the sex of the young carer', () => {
      const p = person('young carer (12) helps mum with her meds every morning before school');
      assert.deepEqual([p?.age, p?.sex, p?.lifeStages], [12, undefined, ['young-carer']]);
      assert.equal(person('kid in year 8 looks after his younger sisters because mum drinks')?.sex, 'male');
      assert.deepEqual(person('kid in year 8 looks after his younger sisters because mum drinks')?.lifeStages, ['young-carer']);
    });
    it('a family word opening the description is the person: "a 31-year-old mum", "new dad", "Mum of 2"', () => {
      assert.equal(person('a 31-year-old mum of two')?.sex, 'female');
      assert.equal(person('Mum of 2 kids, skipping meals')?.sex, 'female');
      assert.equal(person('thirty-something dad of a newborn')?.sex, 'male');
    });
    it('a family word after an adjective or a pause is still the person: "housebound mum", "Hilton surgery - grandad asking"', () => {
      assert.equal(person('housebound mum, wants flu jab at home')?.sex, 'female');
      assert.equal(person("kid's inhaler's run out and mum can't get a prescription")?.sex, 'female');
      assert.deepEqual([person('Hilton surgery - grandad asking about the pneumonia jab')?.sex, bands('Hilton surgery - grandad asking about the pneumonia jab')], ['male', ['65-74', '75-plus']]);
    });
    it("someone's child is not the person: \"his little boy is quite big for his age\", \"her little one missed her jabs\"", () => {
      assert.deepEqual(bands('his little boy is quite big for his age'), []);
      assert.deepEqual(bands('her little one missed her jabs'), []);
      assert.deepEqual(bands('lives with mum and dad'), []);
      assert.equal(person('lives with mum and dad'), null);
    });
    it('"has MS" is the illness, "Ms Smith" the title', () => {
      assert.equal(person("student in year 12 who looks after his mum who has MS, teachers say he's shattered")?.sex, 'male');
      assert.equal(person('Ms Smith, 44')?.sex, 'female');
    });
  });

  describe('life stages said another way', () => {
    for (const [text, stage] of [
      ['woman in her twenties, 22 weeks gone, still smoking', 'pregnant'], ["she's got a bump, due in March", 'pregnant'], ['Due in March with her second', 'pregnant'], ['due next month, still smoking', 'pregnant'],
      ['baby bump showing, wants to quit', 'pregnant'], ['exhausted from caring for her husband', 'carer'], ['worn out with caring, no break in years', 'carer'],
    ] as const) {
      it(`"${text}" is ${stage}`, () => assert.deepEqual(person(text)?.lifeStages, [stage]));
    }
    for (const text of ['rent due in March', 'her review is due in March', 'bump on her head after a fall', 'three weeks gone since the funeral', 'a caring son', 'appointment due in march, she forgot']) {
      it(`"${text}" is no life stage`, () => assert.deepEqual(person(text)?.lifeStages ?? [], []));
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
