import type { Directory } from '../directory/load';
import type { TopicId } from '../directory/ids';
import { actionSet, adaptiveCard, type CardMessage, heading, type Json, paragraph, submit } from './elements';

/** When unsure, offer the nearest topics rather than guess. */
export function didYouMeanCard(directory: Directory, alternatives: TopicId[]): CardMessage {
  const body: Json[] = [heading('Did you mean…', 'Medium')];
  if (alternatives.length) {
    body.push(paragraph('I was not sure which topic you meant. Choose one, or browse them all.'));
    body.push(actionSet(alternatives.map((t) => submit(directory.topic(t).title, { action: 'topic', topic: t }))));
  } else {
    body.push(paragraph('I could not match that to a topic. Try a word or two such as "smoking", "cold home", "debt" or "lonely", or browse all topics.'));
  }
  return adaptiveCard(body, [submit('Browse all topics', { action: 'browse' }), submit('Help', { action: 'help' })], alternatives.length ? `Did you mean ${directory.topic(alternatives[0]).title}?` : 'No topic matched');
}

/** All topics as buttons, grouped in columns of short action sets so the card stays readable on a phone. */
export function topicListCard(directory: Directory): CardMessage {
  const topics = [...directory.topics].sort((a, b) => a.title.localeCompare(b.title));
  const groups: Json[] = [];
  for (let i = 0; i < topics.length; i += 5) {
    groups.push(actionSet(topics.slice(i, i + 5).map((t) => submit(t.title, { action: 'topic', topic: t.id }))));
  }
  return adaptiveCard(
    [heading('All topics'), paragraph(`${topics.length} topics. Choose one, or just type what you noticed, e.g. "cold house in Buxton".`), ...groups],
    [],
    `All ${topics.length} topics`,
  );
}

/** "train" without a recognisable topic: offer the nearest, or all, as walkthroughs. */
export function didYouMeanTrainingCard(directory: Directory, alternatives: TopicId[]): CardMessage {
  const topics = alternatives.length ? alternatives : [...directory.topics].sort((a, b) => a.title.localeCompare(b.title)).map((t) => t.id);
  const groups: Json[] = [];
  for (let i = 0; i < topics.length; i += 5) {
    groups.push(actionSet(topics.slice(i, i + 5).map((t) => {
      const script = directory.walkthroughs.get(t)!;
      return submit(directory.topic(t).title, { action: 'walk', topic: t, step: 1, version: script.contentVersion });
    })));
  }
  return adaptiveCard(
    [heading('Which conversation shall we practise?', 'Medium'), paragraph('Choose a topic to step through, or type e.g. "train smoking".'), ...groups],
    [],
    'Trainer mode: choose a topic',
  );
}
