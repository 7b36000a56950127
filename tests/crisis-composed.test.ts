import assert from 'node:assert/strict';
import { RiskFamilies } from '../search/crisis/families';
import { canonicalGrammar } from '../search/crisis/grammar';
import { sentences } from '../search/crisis';
import { realDirectory, realSignposter } from './support/directory';

const leads = (message: string) => {
  const answer = realSignposter().ask(message);
  assert.equal(answer.crisis, true, `no crisis support for ${JSON.stringify(message)}`);
  assert.equal(answer.services[0].id, 'emergency-999');
};
const calm = (message: string) => assert.equal(realSignposter().ask(message).crisis, false, `crisis support for ${JSON.stringify(message)}`);

describe('risk concepts composed across a message', () => {
  describe('two families together lead with crisis support, in any grammar', () => {
    for (const message of [
      'she bought paracetamol in three shops this week. said she has been saving them up',
      'he keeps talking about the railway line. says there is nothing left for him',
      'said she has a date in mind and there is no point any more',
      'gave me his medals to keep and said thanks for everything',
      'texted sorry for everything, you will not hear from me again',
      'lots of fresh scratches on both forearms, wearing long sleeves',
      'wants me to have her ring, says she will not be around much longer',
    ]) it(message, () => leads(message));
  });

  describe('one family alone, or a pair explained away, does not', () => {
    for (const message of [
      'collecting her tablets for the week, thanks, bye',
      'goodbye and thanks for everything, very helpful bot',
      'marks on her arms where the cat scratched her',
      'exhausted after the night shift, dead on my feet',
      'walks along the canal every morning to keep fit',
      'no point booking the bus, it never turns up',
    ]) it(message, () => calm(message));
  });

  it('matches on word stems, so tense and plural do not matter', () => {
    const families = new RiskFamilies({ families: { acquire: ['saving up'], medicine: ['tablet'] }, together: [['acquire', 'medicine']] });
    assert.deepEqual(families.risk('she saved up her tablets'), ['acquire', 'medicine']);
    assert.equal(families.risk('she saved up for a holiday'), undefined);
  });

  it('reads the real data file, every pair naming known families', () => {
    const concepts = realDirectory().riskConcepts!;
    for (const [a, b] of concepts.together) for (const f of [a, b]) assert.ok(concepts.families[f], `${f} is a family`);
  });
});

describe('grammar folded before the crisis patterns', () => {
  it('reads "he is" as "hes" and a bare verb after "he" as its third person', () => {
    assert.equal(canonicalGrammar('he is very sad and he want to finish his life'), 'hes very sad and he wants to finish his life');
    assert.equal(canonicalGrammar('she already give away her cat'), 'she already gives away her cat');
  });
  for (const message of [
    'The man tell me he want to finish his life. What I must do?',
    'my customer say nobody will miss him when he is gone',
    'he took all his tablets this morning and feels funny now',
    'he said if he is not seen today he is going to take all his tablets',
  ]) it(`leads with crisis support for "${message}"`, () => leads(message));
});

describe('figures of speech and bereavement are read as what they are', () => {
  for (const message of [
    'drove over the tops in thick fog and thought I was going to die',
    'that last level of the game is suicide, nobody gets past it',
    'changing rota mid-week would be career suicide for the manager',
    'his dog die last week, he is very sad and lives alone',
  ]) it(message, () => calm(message));
});

describe('a stop inside a note', () => {
  it('keeps "OD ?paracetamol" in one sentence', () => assert.deepEqual(sentences('OD ?paracetamol approx 32 tabs. Pt drowsy'), ['od paracetamol approx 32 tabs', 'pt drowsy']));
  it('still ends a sentence at a question mark before a space', () => assert.deepEqual(sentences('Is she ok? Yes'), ['is she ok', 'yes']));
});

describe('"odd" is not an overdose, "OD\'d" is (found by an attack on the cohort work)', () => {
  for (const message of ['80 odd year old man, cold house', 'sixty odd bloke here for his flu jab', 'an odd day at clinic']) it(`no crisis support for "${message}"`, () => calm(message));
  for (const message of ["she OD'd last night", 'he ODd on his meds', "he od'd on paracetamol"]) it(`crisis support for "${message}"`, () => leads(message));
});
