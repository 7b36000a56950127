import assert from 'node:assert/strict';
import { detectCrisis } from '../search/crisis';
import { realSignposter } from './support/directory';

const RISK = [
  // direct
  'suicide', 'suicidal', 'suicide prevention', 'thinking about suicide', 'self harm', 'self-harm', 'selfharming',
  'said he wants to kill himself', 'wants to kill herself', 'she tried to kill herself last year', 'hurting herself',
  'harming himself', 'she is cutting herself', 'cutting her arms', 'took an overdose', 'overdose', 'overdosed last week',
  'wants to take his own life', 'talks about ending his life', 'wants to die', 'i want to die',
  // indirect
  'he said he wants to end it all', 'ending it', 'thinking of ending it', "doesn't want to be here any more",
  'doesnt want to be here anymore', 'she does not want to live', 'life not worth living', "life isn't worth living",
  'no reason to live', 'better off dead', 'says everyone would be better off without him', "can't go on", 'cutting',
  'been cutting again', 'nothing to live for', 'took too many tablets', 'wishes she was dead', 'not want to wake up',
  // warning signs said another way
  'says there is no point anymore', 'feels like a burden to everyone', 'wants to disappear', 'talking about not being around',
  'given away his possessions', 'took a load of paracetamol', "he said he'd be better off gone", 'threatening to jump',
  "said she's had enough of life", 'wants it all to stop', 'thinks about death a lot', 'scratching herself',
  "she said she'd rather be dead", "doesn't see the point in living", "can't see a way out", 'tired of living',
  'wish I could sleep and never wake up', 'going to end it tonight', 'burns herself with cigarettes', 'made a plan to end things',
  // misspelt
  'sucidal', 'suicde', 'suiside thoughts', 'overdoze', 'self harmimg',
  // with a Place or other words around them
  'patient in Buxton says life is not worth living', 'SUICIDAL THOUGHTS!!!', 'worried he will top himself',
];

const ORDINARY = [
  'smoking', 'cutting down on drinking', 'cutting back on smoking', 'cutting down sugar', 'smoke alarm', 'dying for a fag',
  'end of tenancy', 'ending tenancy', 'kill the pain', 'overdrawn bank account', 'bereavement after death in family',
  'cant afford heating', 'thanks', 'cutting her hair', 'debt', 'drinking too much', 'stop smoking service chesterfield',
  'end of life care', 'weight loss', 'feeling low', 'lonely', 'falls', 'pain killers', 'blood pressure', 'hurt her back',
  'cut her finger', 'cutting costs', 'struggling to cope with bills', 'suitcase', 'sudoku', 'over 65 flu jab', 'dosette box',
  'no point in going to the gym', 'tired of waiting for housing', 'had enough of the council', 'threatening to evict her',
  'scratching her eczema', 'dad not being around much', 'burden of care on the family', 'wants the noise to stop',
  // ordinary words a letter or two from a crisis word
  'cervical smear overdue', 'swelling should subside', 'overdone it at the gym', 'overuse of inhaler',
];

describe('the crisis safety net', () => {
  for (const phrase of RISK) {
    it(`raises crisis support for "${phrase}"`, () => {
      assert.equal(detectCrisis(phrase).crisis, true);
      const answer = realSignposter().ask(phrase);
      assert.equal(answer.crisis, true);
      assert.equal(answer.topic, 'suicide-prevention');
      assert.equal(answer.services[0].id, 'emergency-999', 'the 999 line leads');
    });
  }

  for (const phrase of ORDINARY) {
    it(`does not raise crisis support for "${phrase}"`, () => {
      assert.equal(detectCrisis(phrase).crisis, false);
    });
  }

  it('does not depend on search scores: crisis wins even when a Place and another topic are named', () => {
    const answer = realSignposter().ask('drinking a lot and wants to end it all, lives in Ilkeston');
    assert.equal(answer.crisis, true);
    assert.equal(answer.place, 'erewash');
    assert.equal(answer.services[0].id, 'emergency-999');
  });
});
