import type { Directory } from '../directory/load';
import type { TopicId } from '../directory/ids';
import type { CardAction } from './actions';
import { crisisFooter } from './crisis';
import { actionSet, adaptiveCard, type CardMessage, heading, type Json, markdown, paragraph, submit } from './elements';
import { EXAMPLE_QUESTIONS } from './welcome';

/** One button per row: topic titles are long, and a row of them runs off a phone screen. */
function buttonList(buttons: Json[]): Json[] {
  return buttons.map((b) => actionSet([b]));
}

/** A drop-down of every topic and one button, which the chosen topic fills in. */
function topicPicker(directory: Directory, button: string, data: CardAction): Json[] {
  return [
    {
      type: 'Input.ChoiceSet',
      id: 'topic',
      label: 'Topic',
      style: 'compact',
      isRequired: true,
      errorMessage: 'Choose a topic',
      placeholder: 'Choose a topic',
      choices: [...directory.topics].sort((a, b) => a.title.localeCompare(b.title)).map((t) => ({ title: t.title, value: t.id })),
    },
    // The drop-down's value arrives as `topic`, over the placeholder in this data.
    actionSet([submit(button, data, { associatedInputs: 'auto' })]),
  ];
}

/** Example questions two to a row, each sent as if typed: a way in for someone who is stuck. */
function examples(): Json[] {
  return [0, 2, 4].map((i) => actionSet(EXAMPLE_QUESTIONS.slice(i, i + 2).map((q) => submit(q, { action: 'ask', query: q }))));
}

/**
 * When unsure, offer the nearest topics rather than guess; when nothing matched at all, the
 * topic chooser and examples. Either way a crisis footer: the message may have been one.
 */
export function didYouMeanCard(directory: Directory, alternatives: TopicId[]): CardMessage {
  if (!alternatives.length) return noMatchCard(directory);
  return adaptiveCard(
    [
      heading('Did you mean…', 'Medium'),
      paragraph('I was not sure which topic you meant. Choose one, or pick any topic below.'),
      ...buttonList(alternatives.map((t) => submit(directory.topic(t).title, { action: 'topic', topic: t }))),
      ...topicPicker(directory, 'Show this topic', { action: 'topic', topic: 'smoking' }),
      crisisFooter(directory),
    ],
    [submit('Help', { action: 'help' })],
    `Did you mean ${directory.topic(alternatives[0]).title}?`,
  );
}

/** Nothing recognisable: never an empty "Did you mean", always somewhere to go next. */
export function noMatchCard(directory: Directory): CardMessage {
  return adaptiveCard(
    [
      heading('I could not match that to a topic', 'Medium'),
      paragraph('Choose a topic, try one of these, or type a word or two about what you noticed, e.g. "cold home", "debt" or "lonely".'),
      ...topicPicker(directory, 'Show this topic', { action: 'topic', topic: 'smoking' }),
      markdown('**Try asking**', { spacing: 'Medium' }),
      ...examples(),
      crisisFooter(directory),
    ],
    [submit('Help', { action: 'help' })],
    'No topic matched: choose one',
  );
}

/** Every topic, as a drop-down that stays one line tall on a phone. */
export function topicListCard(directory: Directory): CardMessage {
  const count = directory.topics.length;
  return adaptiveCard(
    [
      heading('All topics'),
      paragraph(`${count} topics. Choose one, or just type what you noticed, e.g. "cold house in Buxton".`),
      ...topicPicker(directory, 'Show this topic', { action: 'topic', topic: 'smoking' }),
      crisisFooter(directory),
    ],
    [],
    `All ${count} topics`,
  );
}

/** "train" without a recognisable topic: offer the nearest, or every topic, as walkthroughs. */
export function didYouMeanTrainingCard(directory: Directory, alternatives: TopicId[]): CardMessage {
  const body: Json[] = [heading('Which conversation shall we practise?', 'Medium'), paragraph('Choose a topic to step through, or type e.g. "train smoking".')];
  if (alternatives.length) {
    body.push(...buttonList(alternatives.map((t) => submit(directory.topic(t).title, { action: 'walk', topic: t, step: 1, version: directory.walkthroughs.get(t)!.contentVersion }))));
  } else {
    body.push(...topicPicker(directory, 'Start the walkthrough', { action: 'walk', topic: 'smoking', step: 1, version: START }));
  }
  body.push(crisisFooter(directory));
  return adaptiveCard(body, [], 'Trainer mode: choose a topic');
}

/** The version a chooser sends: "step 1 of whatever is current", which cannot be stale. */
export const START = 'start';
