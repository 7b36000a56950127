import type { Directory } from '../directory/load';
import type { PlaceId, TopicId } from '../directory/ids';
import type { Service } from '../directory/schema';
import { actionSet, adaptiveCard, type CardMessage, container, heading, type Json, link, markdown, paragraph, secondary, submit, escapeMarkdown } from './elements';
import { crisisCard } from './crisis';
import { placePicker } from './place-picker';
import { compactServiceBlock } from './service';
import { giveToThePerson } from './takeaway';
import type { WhoData } from '../cohorts/match';

export interface TopicCardInput {
  topic: TopicId;
  place: PlaceId | null;
  /** The two or three services for the first screen, nearest first; each can be contacted now. */
  services: Service[];
  /** How many more services "More services" would show. */
  moreCount: number;
  /** Ask for the Place on this card (only once per user). */
  askForPlace: boolean;
  related: TopicId[];
  /** Other topics the same message described, strongest first: offered as buttons. */
  otherCues: TopicId[];
  /** The crisis message was sent just before this card: say so rather than repeat it. */
  afterCrisis: boolean;
  /** A card that travels alone (dropped into a chat from the compose box): carry the crisis lines at its top. */
  inlineCrisis?: boolean;
  /** The answer is for a person described in the message ("75 year old man"): who, what else to raise, what they cannot use. */
  forPerson?: ForPerson;
}

export interface ForPerson {
  /** "aged 75 · man": derived from what was read, never the words typed. */
  label: string;
  who: WhoData;
  /** The person's cohort's other topics, most important first. */
  also: TopicId[];
  /** Services for the topic and Place the person is not eligible for, with the rule in words. */
  notOffered: { name: string; rules: string }[];
}

/** One button per row: topic titles are long, and a row of them runs off a phone screen. */
function topicButtons(directory: Directory, label: string, topics: TopicId[], place: PlaceId | null, who?: WhoData): Json[] {
  if (!topics.length) return [];
  return [
    paragraph(label, { isSubtle: true, spacing: 'Medium', size: 'Small' }),
    ...topics.map((t) => actionSet([submit(directory.topic(t).title, { action: 'topic', topic: t, place, ...(who ? { who } : {}) })])),
  ];
}

/**
 * The answer for a topic, read in five seconds: the topic, the Place, the Ask / Assist / Act
 * prompt and the best two or three services that can be contacted now. Everything else (more
 * services with eligibility, the full guide, practising, reporting a problem) is one tap
 * away, most of it in the card's "..." overflow menu.
 */
export function topicCard(directory: Directory, input: TopicCardInput): CardMessage {
  const topic = directory.topic(input.topic);
  const { prompt } = topic;
  const placeLine = input.place
    ? `Services for ${directory.place(input.place).name}`
    : input.askForPlace ? 'Place not set: choose it below for local services'
      // Under the crisis message one line matters more than the detail.
      : input.afterCrisis ? 'Place not set' : 'Place not set: county-wide, city-wide and national services';
  const body: Json[] = [
    ...(input.inlineCrisis ? (crisisCard(directory).card.body as Json[]) : []),
    heading(input.afterCrisis ? `${topic.title}: local support` : topic.title, 'Medium'),
    paragraph(placeLine, { isSubtle: true, spacing: 'None' }),
    ...(input.forPerson ? [paragraph(`For: ${input.forPerson.label}`, { isSubtle: true, spacing: 'None' })] : []),
  ];
  // After the crisis message the prompt would repeat it (ask directly; asking does not put
  // the idea in their head; call 999 or a 24-hour line): leave it out, so 999 stays on screen.
  if (!input.afterCrisis) {
    body.push(container(
      [
        markdown(`**Ask:** ${escapeMarkdown(prompt.ask)}`),
        markdown(`**Assist:** ${escapeMarkdown(prompt.assist)} (${link(prompt.assistSource.title, prompt.assistSource.url)})`, { spacing: 'Small' }),
        markdown(`**Act:** ${escapeMarkdown(prompt.act)}`, { spacing: 'Small' }),
      ],
      { style: 'emphasis', spacing: 'Medium' },
    ));
  }
  if (input.services.length) {
    // Under the crisis message every line counts: name and contact only, the rest is in More services.
    body.push(...input.services.map((s) => compactServiceBlock(directory, s, { brief: input.afterCrisis })));
  } else {
    body.push(paragraph('No service with contact details is recorded for this topic and Place yet: see More services, or the national lines in the guide.', { isSubtle: true, spacing: 'Medium' }));
  }
  const person = input.forPerson;
  if (person?.notOffered.length) {
    body.push(paragraph(`Not offered, as they do not fit its eligibility: ${person.notOffered.map((n) => `${n.name} (${n.rules})`).join('; ')}`, { isSubtle: true, size: 'Small', spacing: 'Small' }));
  }
  body.push(...topicButtons(directory, 'Also mentioned in your message:', input.otherCues, input.place));
  if (person) body.push(...topicButtons(directory, 'Also worth raising with them:', person.also.filter((t) => t !== input.topic && !input.otherCues.includes(t)).slice(0, 3), input.place, person.who));
  if (input.askForPlace) {
    // The drop-down and its button share a row: the first card must still show its title on a phone.
    const [choice, save] = placePicker(directory, { topic: input.topic, label: 'Your Place (set it once)' });
    body.push({
      type: 'ColumnSet',
      separator: true,
      spacing: 'Medium',
      columns: [
        { type: 'Column', width: 'stretch', items: [choice], verticalContentAlignment: 'Bottom' },
        { type: 'Column', width: 'auto', items: [save], verticalContentAlignment: 'Bottom' },
      ],
    });
  }
  body.push(...topicButtons(directory, 'Related topics:', input.related.filter((t) => !input.otherCues.includes(t)), input.place));

  const actions: Json[] = [];
  if (input.moreCount > 0) actions.push(submit(`More services (${input.moreCount})`, { action: 'moreServices', topic: input.topic, place: input.place, ...(input.forPerson ? { who: input.forPerson.who } : {}) }));
  actions.push(giveToThePerson(input));
  // Two buttons and "..." fit one row on a phone; a second row would push the title off screen.
  actions.push(secondary(submit('Conversation guide', { action: 'guide', topic: input.topic })));
  // The Place is named under the title; changing it is rarer, so it waits in the overflow.
  actions.push(secondary(submit('Change Place', { action: 'changePlace' })));
  const script = directory.walkthroughs.get(input.topic);
  if (script) actions.push(secondary(submit('Practise this conversation', { action: 'walk', topic: input.topic, step: 1, version: script.contentVersion, place: input.place })));
  // One report entry per service shown, in the overflow menu: a wrong number is reported
  // from the card it was seen on, without a full-size button under every service.
  for (const s of input.services) actions.push(secondary(submit(`Report a problem: ${s.name}`, { action: 'reportForm', service: s.id })));
  return adaptiveCard(body, actions, `${topic.title}: prompt and services`);
}
