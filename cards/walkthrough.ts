import type { Directory, TrainerScript } from '../directory/load';
import type { PlaceId } from '../directory/ids';
import type { Service } from '../directory/schema';
import { crisisBlock } from './crisis';
import { actionSet, adaptiveCard, type CardMessage, container, escapeMarkdown, heading, type Json, link, markdown, paragraph, submit } from './elements';
import { serviceBlock } from './service';
import { PRACTICE_INPUT_ID } from './actions';

const STAGE_LABEL: Record<string, string> = {
  crisis: 'Crisis first',
  raise: 'Raise the subject',
  'what-matters': 'What matters to you',
  explore: 'Explore',
  'ask-directly': 'Ask directly',
  listen: 'Listen',
  'stay-with': 'Stay with them',
  advice: 'Brief advice',
  signpost: 'Signpost',
  close: 'Close and follow up',
};

export interface WalkthroughStepInput {
  script: TrainerScript;
  /** 1-based, as shown to the class. */
  step: number;
  place: PlaceId | null;
  /** Services for the signpost step, nearest first. */
  services: Service[];
}

/** One step of a topic's conversation, for a trainer to project: what to say, why, and pull versus push. */
export function walkthroughCard(directory: Directory, { script, step, place, services }: WalkthroughStepInput): CardMessage {
  const topic = directory.topic(script.topic);
  const s = script.steps[step - 1];
  const total = script.steps.length;
  const body: Json[] = [
    paragraph(`Trainer mode · ${topic.title}`, { isSubtle: true }),
    heading(`Step ${step} of ${total}: ${s.title}`, 'Medium'),
    paragraph(STAGE_LABEL[s.stage] ?? s.stage, { isSubtle: true, spacing: 'None' }),
  ];
  if (s.stage === 'crisis') body.push(crisisBlock(directory));
  body.push(markdown('**What you might say**', { spacing: 'Medium' }));
  body.push(markdown(s.say.map((line) => `- "${escapeMarkdown(line)}"`).join('\n'), { spacing: 'Small' }));
  if (s.pull && s.push) {
    body.push(
      container(
        [
          markdown(`✅ **Helpful (pull):** "${escapeMarkdown(s.pull)}"`),
          markdown(`❌ **Less helpful (push):** "${escapeMarkdown(s.push)}"`, { spacing: 'Small' }),
        ],
        { style: 'emphasis', spacing: 'Medium' },
      ),
    );
  }
  body.push(container([markdown("**Trainer's note**"), paragraph(s.trainerNote, { spacing: 'Small' })], { spacing: 'Medium', separator: true }));
  if (s.source) body.push(markdown(`Source: ${link(s.source.title, s.source.url)}`, { isSubtle: true, size: 'Small' }));
  if (s.stage === 'signpost') {
    body.push(markdown(`**Services to offer${place ? ` in ${escapeMarkdown(directory.place(place).name)}` : ''}**`, { spacing: 'Medium' }));
    if (!place) body.push(paragraph('No Place chosen: showing county-wide, city-wide and national services. Type "set place" to choose one.', { isSubtle: true, spacing: 'None' }));
    body.push(...services.map((svc) => serviceBlock(directory, svc)));
  }
  const nav = (target: number) => ({ action: 'walk' as const, topic: script.topic, step: target, version: script.contentVersion, place });
  const actions: Json[] = [];
  if (step > 1) actions.push(submit('Back', nav(step - 1)));
  if (step < total) actions.push(submit('Next', nav(step + 1)));
  actions.push(submit('Start again', nav(1)));
  if (step === total) actions.push(submit('Practise with scenarios', { action: 'practice', topic: script.topic, scenario: 1, version: script.contentVersion }));
  return adaptiveCard(body, actions, `Trainer mode: ${topic.title}, step ${step} of ${total}`);
}

/** A practice scenario: what the citizen says and three replies to choose from. */
export function practiceCard(directory: Directory, script: TrainerScript, scenario: number): CardMessage {
  const topic = directory.topic(script.topic);
  const p = script.practice[scenario - 1];
  return adaptiveCard(
    [
      paragraph(`Practice · ${topic.title} · scenario ${scenario} of ${script.practice.length}`, { isSubtle: true }),
      heading('What would you say?', 'Medium'),
      container([markdown('**The person says:**'), paragraph(`"${p.citizen}"`, { spacing: 'Small', style: 'default' })], { style: 'emphasis' }),
      // A choice list rather than buttons: Teams cuts button titles to one line, and these
      // replies are sentences. Each choice wraps in full.
      {
        type: 'Input.ChoiceSet',
        id: PRACTICE_INPUT_ID,
        label: 'Choose the reply you would give',
        style: 'expanded',
        wrap: true,
        isRequired: true,
        errorMessage: 'Choose a reply first',
        spacing: 'Medium',
        choices: p.replies.map((r, i) => ({ title: `${String.fromCharCode(65 + i)}. ${r.text}`, value: String(i + 1) })),
      },
      actionSet([submit('Check my answer', { action: 'practiceAnswer', topic: script.topic, scenario, choice: 1, version: script.contentVersion }, { associatedInputs: 'auto' })]),
    ],
    [submit('Back to the walkthrough', { action: 'walk', topic: script.topic, step: 1, version: script.contentVersion })],
    `Practice: ${topic.title}, scenario ${scenario}`,
  );
}

/** Which reply was the pull one, and why each works or doesn't. */
export function practiceFeedbackCard(directory: Directory, script: TrainerScript, scenario: number, choice: number): CardMessage {
  const p = script.practice[scenario - 1];
  const chosen = p.replies[choice - 1];
  const pullIndex = p.replies.findIndex((r) => r.pull);
  const letter = (i: number) => String.fromCharCode(65 + i);
  const body: Json[] = [
    heading(chosen.pull ? `✅ Yes: ${letter(choice - 1)} is the pull reply` : `❌ Not quite: ${letter(pullIndex)} is the pull reply`, 'Medium'),
    paragraph(`"${p.citizen}"`, { isSubtle: true }),
    ...p.replies.map((r, i) =>
      container(
        [markdown(`**${letter(i)}. ${r.pull ? 'Pull (person-centred)' : 'Push or less helpful'}**${i === choice - 1 ? ' · your choice' : ''}`), paragraph(r.text, { spacing: 'None' }), paragraph(r.why, { isSubtle: true, spacing: 'Small' })],
        { separator: true, spacing: 'Medium' },
      ),
    ),
  ];
  const actions: Json[] = [];
  if (scenario < script.practice.length) actions.push(submit('Next scenario', { action: 'practice', topic: script.topic, scenario: scenario + 1, version: script.contentVersion }));
  actions.push(submit('Try this one again', { action: 'practice', topic: script.topic, scenario, version: script.contentVersion }));
  actions.push(submit('Back to the walkthrough', { action: 'walk', topic: script.topic, step: 1, version: script.contentVersion }));
  return adaptiveCard(body, actions, chosen.pull ? 'Practice: the pull reply' : 'Practice: not quite');
}
