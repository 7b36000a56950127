import type { Directory } from '../directory/load';
import type { PlaceId, TopicId } from '../directory/ids';
import type { Service } from '../directory/schema';
import { crisisBlock } from './crisis';
import { actionSet, adaptiveCard, type CardMessage, container, heading, type Json, link, markdown, paragraph, submit, escapeMarkdown } from './elements';
import { placePicker } from './place-picker';
import { serviceBlock } from './service';

export interface TopicCardInput {
  topic: TopicId;
  place: PlaceId | null;
  /** The short list, nearest first, national last; crisis lines are shown in the crisis block instead. */
  services: Service[];
  /** How many more services "More services" would show. */
  moreCount: number;
  /** Ask for the Place on this card (only once per user). */
  askForPlace: boolean;
  related: TopicId[];
  /** Lead with the crisis block: a crisis message, or the suicide-prevention topic. */
  crisis: boolean;
}

/** The one-card answer for a topic: prompt in the Ask / Assist / Act shape, then services for the Place. */
export function topicCard(directory: Directory, input: TopicCardInput): CardMessage {
  const topic = directory.topic(input.topic);
  const { prompt } = topic;
  const body: Json[] = [];
  if (input.crisis) body.push(crisisBlock(directory));
  body.push(heading(topic.title));
  body.push(
    paragraph(
      input.place
        ? `Services for ${directory.place(input.place).name}`
        : 'Place not set: showing county-wide, city-wide and national services',
      { isSubtle: true, spacing: 'None' },
    ),
  );
  body.push(
    container(
      [
        markdown('**Quality Conversation**'),
        markdown(`**Ask:** ${escapeMarkdown(prompt.ask)}`),
        markdown(`**Assist:** ${escapeMarkdown(prompt.assist)} (${link(prompt.assistSource.title, prompt.assistSource.url)})`),
        markdown(`**Act:** ${escapeMarkdown(prompt.act)}`),
      ],
      { style: 'emphasis', spacing: 'Medium' },
    ),
  );
  const crisisIds = new Set(input.crisis ? directory.crisisLines.map((s) => s.id) : []);
  const shown = input.services.filter((s) => !crisisIds.has(s.id));
  const local = shown.filter((s) => s.area !== 'national');
  const national = shown.filter((s) => s.area === 'national');
  if (local.length) {
    body.push(markdown(`**${input.place ? 'Local services' : 'Derby and Derbyshire services'}**`, { spacing: 'Large' }));
    body.push(...local.map((s) => serviceBlock(directory, s)));
  } else {
    body.push(paragraph(input.place ? `No local service for this topic in ${directory.place(input.place).name} yet: the national services below cover everyone.` : 'No Derby or Derbyshire service recorded for this topic yet: the national services below cover everyone.', { spacing: 'Large', isSubtle: true }));
  }
  if (national.length) {
    body.push(markdown('**National**', { spacing: 'Large' }));
    body.push(...national.map((s) => serviceBlock(directory, s)));
  }
  if (input.askForPlace) {
    body.push(container([paragraph('Where do you work? Set your Place once and I will show local services first.', { weight: 'Bolder' }), ...placePicker(directory, { topic: input.topic })], { separator: true, spacing: 'Large' }));
  }
  if (input.related.length) {
    body.push(paragraph(`Related: ${input.related.map((t) => directory.topic(t).title).join(', ')}`, { isSubtle: true, spacing: 'Medium' }));
  }
  const actions: Json[] = [];
  if (input.moreCount > 0) actions.push(submit(`More services (${input.moreCount})`, { action: 'moreServices', topic: input.topic, place: input.place }));
  actions.push(submit('Conversation guide', { action: 'guide', topic: input.topic }));
  actions.push(submit('Change Place', { action: 'changePlace' }));
  // Trainers' entry point: in the body, so the three everyday buttons fit on one row.
  const script = directory.walkthroughs.get(input.topic);
  if (script) {
    body.push(actionSet([submit('Practise this conversation', { action: 'walk', topic: input.topic, step: 1, version: script.contentVersion, place: input.place })]));
  }
  return adaptiveCard(body, actions, input.crisis ? `Crisis support first: ${topic.title}` : `${topic.title}: prompt and services`);
}
