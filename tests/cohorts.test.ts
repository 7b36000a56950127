import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Conversation, NO_PREFERENCES, type UserPreferences } from '../chat/respond';
import { evaluateCohorts, parseCohortSet, replyTopicAccuracy } from '../cohorts/evaluate';
import { clinicAudience } from '../cohorts/clinic';
import { ruledOut, topicsFor } from '../cohorts/match';
import { describePerson } from '../cohorts/person';
import { loadDirectory } from '../directory/load';
import { DirectoryError } from '../directory/problems';
import { servicesToCsv, parseServicesCsv } from '../maintain/csv';
import { orukToCandidates, toOruk } from '../maintain/oruk';
import { Signposter } from '../search/answer';
import { parseQuerySet } from '../search/evaluate';
import { cardProblems, cardText, submitActions } from './support/cards';
import { DataCopy, realDirectory, realSignposter } from './support/directory';

const PREFS: UserPreferences = { ...NO_PREFERENCES, place: 'chesterfield', askedForPlace: true };
const conversation = () => new Conversation(realSignposter());
const ask = (text: string, prefs = PREFS) => conversation().respond({ kind: 'text', text }, prefs);
const click = (value: unknown, prefs = PREFS) => conversation().respond({ kind: 'action', value }, prefs);

function problemsOf(edit: (d: DataCopy) => void): string[] {
  const data = new DataCopy();
  try {
    edit(data);
    loadDirectory(data.root);
    return [];
  } catch (e) {
    if (!(e instanceof DirectoryError)) throw e;
    return e.problems.map((p) => `${p.file}: ${p.field ?? ''}: ${p.message}`);
  } finally {
    data.remove();
  }
}

describe('who is in front of me: cohorts, eligibility and the clinic brief (issue 15)', () => {
  describe('the cohort table (directory-data/cohorts.json)', () => {
    it('loads, every row with a source, programme rows citing seed 000 section 4.2d and national rows an address', () => {
      const { cohorts } = realDirectory();
      assert.ok(cohorts.length >= 15);
      for (const c of cohorts) {
        if (c.basis === 'derbyshire-programme') assert.equal(c.source.section, '4.2d', c.id);
        else assert.match(c.source.url ?? '', /^https:\/\//, c.id);
        assert.equal(c.source.checked, '2026-12-02', c.id);
      }
    });

    it('records where national eligibility differs from the programme rather than replacing it', () => {
      const { cohorts } = realDirectory();
      const cervical = cohorts.find((c) => c.id === 'nhs-cervical-screening')!;
      assert.equal(cervical.differsFrom?.cohort, 'cervical-screening-programme');
      assert.deepEqual([cervical.who.minAge, cervical.who.maxAge], [25, 64]);
      assert.ok(cohorts.some((c) => c.id === 'cervical-screening-programme'), 'the programme row is kept');
      assert.equal(cohorts.find((c) => c.id === 'psa-test-national')!.differsFrom?.cohort, 'men-65-70-prostate');
    });

    for (const [what, edit, expected] of [
      ['a row whose ages are the wrong way round', (c: any) => { c.cohorts[0].who = { minAge: 40, maxAge: 18 }; }, /maxAge: minAge must not be above maxAge/],
      ['a national row with no address', (c: any) => { delete c.cohorts.find((x: any) => x.basis === 'national-eligibility').source.url; }, /needs the address of its source/],
      ['a programme row with no section', (c: any) => { delete c.cohorts[0].source.section; }, /needs the section of seed 000/],
      ['a difference naming a row that does not exist', (c: any) => { c.cohorts.find((x: any) => x.differsFrom).differsFrom.cohort = 'no-such-row'; }, /names 'no-such-row', which is not a row/],
      ['two rows with one id', (c: any) => { c.cohorts[1].id = c.cohorts[0].id; }, /ids must be unique/],
      ['an unknown topic', (c: any) => { c.cohorts[0].topics[0].topic = 'knitting'; }, /not one of the topic ids/],
      ['an unknown life stage', (c: any) => { c.cohorts[0].who.lifeStages = ['retired']; }, /must be one of pregnant/],
    ] as const) {
      it(`refuses ${what}, naming the field`, () => {
        const problems = problemsOf((d) => d.edit('cohorts.json', edit));
        assert.ok(problems.some((p) => p.startsWith('cohorts.json') && expected.test(p)), problems.join('\n'));
      });
    }

    it('refuses eligibility rules with no source for eligibility', () => {
      const problems = problemsOf((d) => d.edit('services/lung-health-check.json', (s) => { for (const src of s.sources) src.supports = src.supports.map((f: string) => (f === 'eligibility' ? 'description' : f)); }));
      assert.ok(problems.some((p) => /eligibilityRules: has no source/.test(p)), problems.join('\n'));
    });

    it('is validated by npm run directory -- validate (the summary counts the cohorts)', () => {
      // The maintainers' command runs loadDirectory: the refusals above are what it prints.
      assert.equal(realDirectory().cohorts.length, JSON.parse(readFileSync(join(__dirname, '..', 'directory-data', 'cohorts.json'), 'utf8')).cohorts.length);
    });
  });

  describe('the topics for a person, most important first', () => {
    const topics = (text: string) => topicsFor(realDirectory().cohorts, describePerson(text)!).map((t) => t.topic);
    it('75 and over: staying warm, eating well, the cost of living, dementia, then vaccines', () => {
      const t = topics('75 year old man');
      assert.deepEqual(t.slice(0, 4), ['affordable-warmth', 'healthy-weight', 'money-advice', 'dementia']);
      assert.ok(t.includes('winter-flu') && t.includes('immunisations'));
      assert.ok(t.indexOf('mental-wellbeing') > 3, 'all-ages mental health comes after the cohort topics');
    });
    it('a man of 67 is offered PSA information; a woman of 67 is not, and a woman of 30 cervical screening', () => {
      assert.ok(topics('67 year old man').includes('cancer-awareness'));
      const woman67 = topicsFor(realDirectory().cohorts, describePerson('67 year old woman')!).find((t) => t.topic === 'cancer-awareness');
      assert.ok(!woman67?.notes.some((n) => /PSA/.test(n)));
      assert.ok(topicsFor(realDirectory().cohorts, describePerson('30 year old woman')!).find((t) => t.topic === 'cancer-awareness')?.notes.some((n) => /cervical/.test(n)));
      assert.ok(!topics('80 year old woman').includes('cancer-awareness'), 'no screening row fits a woman of 80');
    });
    it('working-age men lead with mental health and suicide prevention; a young carer with carers', () => {
      assert.deepEqual(topics('man, 35').slice(0, 2), ['mental-wellbeing', 'suicide-prevention']);
      assert.equal(topics('14 year old who cares for his mum')[0], 'carers');
      assert.equal(topics('pregnant, 28')[0], 'pregnancy');
      assert.ok(topics('pregnant, 28').slice(0, 4).includes('winter-flu'), 'the free flu vaccine in pregnancy is on the first screen');
    });
  });

  describe('eligibility on services', () => {
    const lung = () => realDirectory().service('lung-health-check')!;
  it('a life stage with no age never hides a service with age limits (found by an attack): "pregnant, low mood" keeps the Safe Haven and Talking Therapies', () => {
    const directory = loadDirectory();
    for (const message of ['pregnant, low mood', 'new mum, not coping', 'carer for her mum, exhausted']) {
      const person = describePerson(message);
      for (const id of ['safe-haven-chesterfield', 'safe-haven-derby', 'nhs-talking-therapies-derbyshire']) {
        assert.equal(ruledOut(directory.service(id)!, person), false, `${id} hidden for "${message}"`);
      }
    }
  });

    it('a 40 year old is not offered the lung health check as a service they can use; a 60 year old is', async () => {
      assert.equal(ruledOut(lung(), describePerson('40 year old man')), true);
      assert.equal(ruledOut(lung(), describePerson('60 year old man')), false);
      const forty = await ask('40 year old smoker wants to quit, asking about lung checks');
      const sixty = await ask('60 year old smoker wants to quit, asking about lung checks');
      assert.equal(forty.outcome.topic, 'smoking');
      const more = async (r: typeof forty) => cardText((await click(submitActions(r.messages[0].card).find((a) => a.data.action === 'moreServices')!.data)).messages[0].card);
      assert.doesNotMatch(await more(forty), /Targeted Lung Health Check\*\*/);
      assert.match(cardText(forty.messages[0].card), /Not offered, as they do not fit its eligibility: NHS Targeted Lung Health Check \(aged 55 to 74\)/);
      assert.match(await more(sixty), /Targeted Lung Health Check/);
      assert.doesNotMatch(cardText(sixty.messages[0].card), /Not offered/);
    });
    it('a guessed age never hides a service at its edge, and no age hides nothing', () => {
      assert.equal(ruledOut(lung(), describePerson('man, maybe 53')), false);
      assert.equal(ruledOut(lung(), describePerson('smoker wants to quit')), false);
      assert.equal(ruledOut(realDirectory().service('safe-haven-derby')!, describePerson('16 year old')), true);
    });
    it('survives a spreadsheet and an Open Referral UK round trip', () => {
      const d = realDirectory();
      const lungHealth = d.service('lung-health-check')!;
      assert.deepEqual(parseServicesCsv(servicesToCsv([lungHealth])).candidates[0].service.eligibilityRules, { minAge: 55, maxAge: 74 });
      const exported = toOruk(d).services.find((s: any) => s.x_mecc_id === 'uhdb-pregnancy-assessment-unit');
      assert.deepEqual(orukToCandidates([exported!])[0].service.eligibilityRules, { lifeStages: ['pregnant', 'new-parent'] });
    });
  });

  describe('answers', () => {
    it('a message that only describes the person gets a short cohort card: topics with their Ask and a button each', async () => {
      const r = await ask('75 year old man');
      assert.equal(r.outcome.outcome, 'cohort');
      assert.equal(r.messages.length, 1);
      const { card, summary } = r.messages[0];
      assert.deepEqual(cardProblems(card, summary), []);
      const text = cardText(card);
      assert.match(text, /Worth raising: aged 75 · man/);
      assert.equal((text.match(/\*\*Ask:\*\*/g) ?? []).length, 4);
      assert.ok(text.indexOf('Affordable warmth') < text.indexOf('Dementia'));
      const buttons = submitActions(card);
      assert.ok(buttons.some((b) => b.data.action === 'topic' && b.data.topic === 'affordable-warmth' && b.data.who?.age === 75));
      assert.ok(buttons.some((b) => b.data.action === 'clinicBrief'));
      assert.match(text, /Risk of suicide or self-harm\?/, 'not a topic answer: it ends with the crisis footer');
      assert.doesNotMatch(text, /75 year old man/, 'what was typed is never echoed');
    });

    it('a button on the cohort card opens the topic for the same person', async () => {
      const card = (await ask('lady in her 80s')).messages[0].card;
      const warmth = submitActions(card).find((b) => b.data.topic === 'affordable-warmth')!;
      const r = await click(warmth.data);
      assert.equal(r.outcome.topic, 'affordable-warmth');
      assert.match(cardText(r.messages[0].card), /For: aged 80 to 89 · woman/);
      assert.ok(submitActions(r.messages[0].card).some((b) => b.data.topic === 'healthy-weight' && b.data.who), 'her other topics are offered');
    });

    it('a topic cue always wins: "75 year old man, here for his flu jab" answers flu, for him, with his other topics as buttons', async () => {
      const r = await ask('75 year old man, here for his flu jab');
      assert.equal(r.outcome.outcome, 'topic');
      assert.equal(r.outcome.topic, 'winter-flu');
      const text = cardText(r.messages[0].card);
      assert.match(text, /For: aged 75 · man/);
      assert.match(text, /Also worth raising with them:/);
      assert.ok(submitActions(r.messages[0].card).some((b) => b.data.topic === 'affordable-warmth'));
    });

    it('a long note that describes the person and carries a cue answers the cue', async () => {
      const note = 'Saw Mrs B at the Buxton clinic, she is 82 and was chatty about her grandchildren and the weather, lovely lady, but she said she has been struggling to heat the house since the boiler packed in and is wearing her coat indoors.';
      const r = await ask(note);
      assert.equal(r.outcome.topic, 'affordable-warmth');
      assert.equal(r.outcome.place, 'high-peak');
    });

    it('a topic read only from the words about the person gives the cohort card ("pensioner" is not money advice)', async () => {
      const r = await ask('pensioner came in to pick up his prescription');
      assert.equal(r.outcome.outcome, 'cohort');
      assert.equal((await ask('80, never claimed pension credit')).outcome.topic, 'money-advice', '"pension credit" is a cue');
    });

    it('a life stage that is a topic answers it: "looks after her husband" is the carers topic', async () => {
      const r = await ask('lady, 70, looks after her husband, finding it hard');
      assert.equal(r.outcome.topic, 'carers');
    });

    it('crisis first, always, for a message that describes a person', async () => {
      for (const text of ['82 year old lady says she wants to end it all', 'pensioner, says he has been saving up his tablets', 'Clinic today: over 75s, one man said he wants to kill himself']) {
        const r = await ask(text);
        assert.equal(r.outcome.outcome, 'crisis', text);
        assert.match(r.messages[0].summary, /^Crisis support comes first/, text);
      }
    });

    it('"Clinic today: over 75s" gives one clinic brief: topics, prompts and local services for the Place, nothing about a person', async () => {
      const r = await ask('Clinic today: over 75s');
      assert.equal(r.outcome.outcome, 'clinic-brief');
      assert.equal(r.messages.length, 1);
      const { card, summary } = r.messages[0];
      assert.deepEqual(cardProblems(card, summary), []);
      const text = cardText(card);
      assert.match(text, /Clinic brief: 75 and over/);
      assert.match(text, /Services for Chesterfield/);
      assert.match(text, /1\. Affordable warmth/);
      assert.ok((text.match(/\*\*Ask:\*\*/g) ?? []).length >= 6);
      assert.match(text, /tel:\+44/);
      assert.doesNotMatch(text, /Breast screening|bowel screening/i, 'screening rows that end before 75 are left out');
      const other = cardText((await ask('Clinic today: over 75s', { ...PREFS, place: 'derby-city' })).messages[0].card);
      assert.match(other, /Services for Derby City/);
      assert.notEqual(other, text, 'the services follow the Place');
    });

    it('the cohort card\'s button gives the clinic brief for the group', async () => {
      const card = (await ask('lady in her 80s')).messages[0].card;
      const r = await click(submitActions(card).find((b) => b.data.action === 'clinicBrief')!.data);
      assert.equal(r.outcome.outcome, 'clinic-brief');
      assert.match(cardText(r.messages[0].card), /Clinic brief: aged 80 to 89 · woman/);
    });

    it('a clinic brief is asked for, not read into a question about a clinic', () => {
      assert.equal(clinicAudience('is there a stop smoking clinic for under 18s'), null);
      assert.equal(clinicAudience('flu clinic in Buxton'), null);
      assert.deepEqual(clinicAudience('session this afternoon: men 65 to 70')?.ageRange, { min: 65, max: 70 });
    });

    it('a tampered who in a button is refused kindly', async () => {
      const r = await click({ action: 'clinicBrief', who: { minAge: 'seventy' } });
      assert.equal(r.outcome.outcome, 'stale-action');
    });
  });

  describe('measured', () => {
    it('on every topic query set, the replies answer the expected topic at least as often as search does', () => {
      const dir = join(__dirname, 'queries');
      for (const file of readdirSync(dir).filter((f) => f.endsWith('.tsv') && !f.startsWith('cohort'))) {
        const r = replyTopicAccuracy(realSignposter(), parseQuerySet(readFileSync(join(dir, file), 'utf8')));
        assert.ok(r.reply >= r.search, `${file}: replies ${r.reply}, search ${r.search}: ${JSON.stringify(r.changed)}`);
      }
    });

    // Each set was written without sight of the code; the floor is what tuning reached (tests/queries/README.md).
    // Dates of birth are counted on the day the sets were written, so the figures do not drift with the clock.
    for (const [file, queries, floor] of [['cohort-round1.tsv', 239, 0.95], ['cohort-round2.tsv', 224, 1]] as const) {
      it(`${file}: the right cohort for at least ${floor * 100}%, and crisis support for every message at risk`, () => {
        const rows = parseCohortSet(readFileSync(join(__dirname, 'queries', file), 'utf8'));
        assert.equal(rows.length, queries);
        const { summary, results } = evaluateCohorts(realSignposter(), rows, { today: new Date(2026, 11, 2) });
        const misses = results.filter((r) => !r.cohortOk).map((r) => r.row.query).join('; ');
        assert.ok(summary.cohort_accuracy >= floor, misses);
        assert.equal(summary.crisis_recall, 1);
      });
    }
  });
});

// Keeps the loader honest about a folder without the optional table.
describe('a data folder without cohorts.json', () => {
  it('loads, and answers a person with the topic or the usual cards', async () => {
    const data = new DataCopy();
    try {
      data.write('cohorts.json', '');
      require('node:fs').rmSync(join(data.root, 'cohorts.json'));
      const c = new Conversation(new Signposter(loadDirectory(data.root)));
      const r = await c.respond({ kind: 'text', text: '75 year old man' }, PREFS);
      assert.notEqual(r.outcome.outcome, 'cohort');
    } finally {
      data.remove();
    }
  });
});
