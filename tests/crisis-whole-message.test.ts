import assert from 'node:assert/strict';
import { detectCrisis } from '../search/crisis';
import { realSignposter } from './support/directory';

/** The crisis net reads the whole message as a person would see it, whatever its characters. */
describe('the crisis net reads the whole message', () => {
  const leadsWithCrisis = (message: string) => {
    const answer = realSignposter().ask(message);
    assert.equal(answer.crisis, true, `no crisis support for ${JSON.stringify(message.slice(-80))}`);
    assert.equal(answer.services[0].id, 'emergency-999');
  };

  it('past the first 500 characters', () => leadsWithCrisis(`${'x'.repeat(495)} suicidal`));

  it('at the end of a long note about something else', () =>
    leadsWithCrisis(
      `${'Home visit for his flu jab, house a bit cold, we talked about the heating and the winter fuel payment, the boiler is old and the radiators are only warm at the top. '.repeat(4)}His wife says he is stockpiling his tablets and doesn't want to be here any more.`,
    ));

  it('in a message of many thousands of characters', () => leadsWithCrisis(`${'Routine jab, nothing to report. '.repeat(800)}She said she wants to end it all.`));

  for (const [name, message] of [
    ['a zero-width space', 'e\u200bnd it all'],
    ['a zero-width non-joiner', 'sui\u200ccidal'],
    ['a NUL inside a word', 'sui\u0000cidal'],
    ['a soft hyphen', 'self-\u00adharm'],
    ['a Cyrillic look-alike letter', 'thinking about sui\u0441ide'],
    ['Greek look-alike letters', 's\u03bfmeone said \u03bfverdose'],
    ['full-width letters', '\uff53\uff55\uff49\uff43\uff49\uff44\uff41\uff4c'],
    ['a right-to-left mark', 'wants to \u200fkill himself'],
  ] as const) {
    it(`through ${name}`, () => assert.equal(detectCrisis(message).crisis, true));
  }
});

describe('risk said in other words', () => {
  for (const message of [
    'keeps a rope in the garage after what he said',
    'asked if the top of the multi storey was high enough',
    'gave his dog away, said bye like it was final',
    'asked how many paracetamol would be too many',
    'wrote his will last week, sorting affairs, oddly calm',
    'widower, keeps saying he wants to be with his wife now',
    'fresh cuts on her forearms, long sleeves in july',
    'he has been standing by the railway line at night',
  ]) {
    it(`leads with crisis support for "${message}"`, () => assert.equal(realSignposter().ask(message).crisis, true));
  }
});

describe('figures of speech and denials are not risk', () => {
  for (const message of [
    'this queue is killing me',
    'overdosed on mince pies over xmas lol',
    'gonna top myself up with coffee before next pt',
    'i could murder a brew',
    'the boiler has died again',
    'asked directly, no suicidal thoughts, just very low',
    'she said I would never hurt myself, I just feel rubbish',
  ]) {
    it(`"${message}" raises no crisis alarm`, () => assert.equal(realSignposter().ask(message).crisis, false));
  }

  it('a dead boiler is still a cold home', () => assert.equal(realSignposter().ask('the boilers died and the house is freezing').topic, 'affordable-warmth'));
  it('a figure of speech never brings the suicide-prevention card', () => assert.notEqual(realSignposter().ask('my feet are killing me today').topic, 'suicide-prevention'));
});

describe('typo tolerance never reads a Place name as a crisis word', () => {
  it('every word of a Place, town, practice or site name is exempt', () => {
    const signposter = realSignposter();
    const names = signposter.directory.locations.map((l) => l.name);
    const alarms = names.filter((name) => signposter.ask(`flu jab at ${name}`).crisis);
    assert.deepEqual(alarms, []);
  });
});

/** Found by an attack on this change (issue 10): each once went the wrong way. */
describe('what an attacker found', () => {
  for (const message of [
    'He has no plans for Christmas. He says he feels like a burden to everyone',
    'Denies suicidal thoughts. Says she wants to go to sleep and never wake up',
    'She overdosed on her nan\'s tablets',
    'he overdosed on amitriptyline',
    "He said he'd top himself up at the quarry tonight",
    'He says he is dying to see his late wife again',
  ]) {
    it(`leads with crisis support for "${message}"`, () => assert.equal(realSignposter().ask(message).crisis, true));
  }
  for (const message of [
    'Patient wants to come off her antidepressants',
    'Landlord is going to fix the roof next week',
    'He wants to learn to drive on the motorway',
    'Council funding cuts',
    'Mum is cutting onions for tea',
    'He takes his tablets at the end of the day',
    "I'd die for a cup of tea",
    'topping herself up with coffee',
  ]) {
    it(`"${message}" raises no crisis alarm`, () => assert.equal(realSignposter().ask(message).crisis, false));
  }
  it('a message that is not text is answered, not thrown', () => {
    for (const odd of [null, undefined, 42, {}, ['x']]) assert.doesNotThrow(() => realSignposter().ask(odd as unknown as string));
  });
});
