import type { Directory } from '../directory/load';
import type { TopicId } from '../directory/ids';
import type { CardAction } from './actions';
import { actionSet, adaptiveCard, type CardMessage, heading, type Json, paragraph, submit } from './elements';

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

/** When unsure, offer the nearest topics rather than guess. */
export function didYouMeanCard(directory: Directory, alternatives: TopicId[]): CardMessage {
  const body: Json[] = [heading('Did you mean…', 'Medium')];
  if (alternatives.length) {
    body.push(paragraph('I was not sure which topic you meant. Choose one, or browse them all.'));
    body.push(...buttonList(alternatives.map((t) => submit(directory.topic(t).title, { action: 'topic', topic: t }))));
  } else {
    body.push(paragraph('I could not match that to a topic. Try a word or two such as "smoking", "cold home", "debt" or "lonely", or browse all topics.'));
  }
  return adaptiveCard(body, [submit('Browse all topics', { action: 'browse' }), submit('Help', { action: 'help' })], alternatives.length ? `Did you mean ${directory.topic(alternatives[0]).title}?` : 'No topic matched');
}

/** Every topic, as a drop-down that stays one line tall on a phone. */
export function topicListCard(directory: Directory): CardMessage {
  const count = directory.topics.length;
  return adaptiveCard(
    [
      heading('All topics'),
      paragraph(`${count} topics. Choose one, or just type what you noticed, e.g. "cold house in Buxton".`),
      ...topicPicker(directory, 'Show this topic', { action: 'topic', topic: 'smoking' }),
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
  return adaptiveCard(body, [], 'Trainer mode: choose a topic');
}

/** The version a chooser sends: "step 1 of whatever is current", which cannot be stale. */
export const START = 'start';
