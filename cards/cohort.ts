import type { Directory } from '../directory/load';
import type { PlaceId, TopicId } from '../directory/ids';
import type { Service } from '../directory/schema';
import type { CohortTopic, WhoData } from '../cohorts/match';
import { crisisFooter } from './crisis';
import { actionSet, adaptiveCard, type CardMessage, container, escapeMarkdown, heading, type Json, link, markdown, paragraph, secondary, submit, telUrl, hostOf } from './elements';

/** How many topics a cohort card spells out with their Ask; the rest are buttons. */
export const COHORT_DETAILED = 4;
const COHORT_BUTTONS = 4;

export interface CohortCardInput {
  /** "75 and over · man": derived from what was read, never the words typed. */
  label: string;
  who: WhoData;
  place: PlaceId | null;
  topics: CohortTopic[];
  /** Topics search half-read in the message ("did you mean"), offered beside the cohort's. */
  fromMessage: TopicId[];
}

/** The notes that say more than the topic's title does ("staying warm"; not "dementia support" under Dementia support). */
function why(directory: Directory, t: CohortTopic): string {
  const title = directory.topic(t.topic).title.toLowerCase();
  const notes = t.notes.filter((n) => !title.includes(n.toLowerCase()));
  return notes.length ? `: ${notes.join('; ')}` : '';
}

/** A topic's name without its bracketed list ("Affordable warmth", not "... (cold homes, heating, fuel bills)"): button text stays on one line on a phone. */
export function shortTitle(directory: Directory, topic: TopicId): string {
  return directory.topic(topic).title.split(' (')[0];
}

function topicButton(directory: Directory, topic: TopicId, who: WhoData, place: PlaceId | null, title = shortTitle(directory, topic)): Json {
  return submit(title, { action: 'topic', topic, place, who });
}

/** Where the table comes from, in one small line: the programme and national eligibility. */
function sourcesLine(topics: CohortTopic[]): Json {
  const programme = topics.some((t) => t.cohorts.some((c) => c.basis === 'derbyshire-programme'));
  const national = topics.some((t) => t.cohorts.some((c) => c.basis === 'national-eligibility'));
  const parts = [programme && 'the Derbyshire MECC programme (seed 000, section 4.2d)', national && 'current NHS screening and vaccination eligibility'].filter(Boolean);
  return paragraph(`Why these: ${parts.join(' and ')}. Check eligibility with the person.`, { isSubtle: true, size: 'Small', spacing: 'Medium' });
}

/**
 * Who is in front of you: the topics worth raising with this person, most important first,
 * each with its one-line Ask and a button to its topic card (for this person), and a clinic brief
 * for the whole group one tap away.
 */
export function cohortCard(directory: Directory, input: CohortCardInput): CardMessage {
  const detailed = input.topics.slice(0, COHORT_DETAILED);
  const rest = input.topics.slice(COHORT_DETAILED).filter((t) => !input.fromMessage.includes(t.topic)).slice(0, COHORT_BUTTONS);
  const body: Json[] = [
    heading(`Worth raising: ${input.label}`, 'Medium'),
    paragraph(input.place ? `Services for ${directory.place(input.place).name}` : 'Place not set: county-wide, city-wide and national services', { isSubtle: true, spacing: 'None' }),
  ];
  if (!detailed.length) body.push(paragraph('No cohort in the table matches this person yet: choose a topic below, or type what you noticed.', { spacing: 'Medium' }));
  for (const t of detailed) {
    const topic = directory.topic(t.topic);
    body.push(container(
      [
        markdown(`**${escapeMarkdown(topic.title)}**${escapeMarkdown(why(directory, t))}${t.fit === 'may-fit' ? ' _(if it applies)_' : ''}`),
        markdown(`**Ask:** ${escapeMarkdown(topic.prompt.ask)}`, { spacing: 'Small' }),
        actionSet([topicButton(directory, t.topic, input.who, input.place, `Open: ${shortTitle(directory, t.topic)}`)]),
      ],
      { separator: true, spacing: 'Medium' },
    ));
  }
  if (input.fromMessage.length) {
    body.push(paragraph('Also in your message:', { isSubtle: true, spacing: 'Medium', size: 'Small' }));
    body.push(...input.fromMessage.slice(0, 3).map((t) => actionSet([topicButton(directory, t, input.who, input.place)])));
  }
  if (rest.length) {
    body.push(paragraph('Also worth raising:', { isSubtle: true, spacing: 'Medium', size: 'Small' }));
    body.push(...rest.map((t) => actionSet([topicButton(directory, t.topic, input.who, input.place)])));
  }
  body.push(sourcesLine(input.topics));
  body.push(crisisFooter(directory));
  return adaptiveCard(
    body,
    [submit('Clinic brief for this group', { action: 'clinicBrief', who: input.who, place: input.place }), secondary(submit('Change Place', { action: 'changePlace' })), secondary(submit('All topics', { action: 'browse' }))],
    `Worth raising: ${input.label}`,
  );
}

export interface ClinicBriefInput {
  label: string;
  place: PlaceId | null;
  topics: CohortTopic[];
  /** For each topic, the local services the group can use, nearest first (at most two shown). */
  services: Map<TopicId, Service[]>;
}

/** One line per service: its name and one way to reach it now. */
function serviceLine(service: Service): string {
  const c = service.contact;
  const route = c.phone ? `📞 ${link(c.phone, telUrl(c.phone))}` : c.website ? `🌐 ${link(hostOf(c.website), c.website)}` : c.email ? `✉️ ${link(c.email, `mailto:${c.email}`)}` : '';
  return `${escapeMarkdown(service.name)}${route ? `  ·  ${route}` : ''}`;
}

/**
 * A one-card brief for a clinic: every topic worth raising with the group, its Ask, and the
 * services for the Place that the group can use. Nothing about any one person, so it can be
 * posted in the team's channel as it is.
 */
export function clinicBriefCard(directory: Directory, input: ClinicBriefInput): CardMessage {
  const body: Json[] = [
    heading(`Clinic brief: ${input.label}`),
    paragraph(input.place ? `Services for ${directory.place(input.place).name}` : 'Place not set: county-wide, city-wide and national services', { isSubtle: true, spacing: 'None' }),
  ];
  if (!input.topics.length) body.push(paragraph('No cohort in the table matches this group yet: type a topic to see its prompt and services.', { spacing: 'Medium' }));
  input.topics.forEach((t, i) => {
    const topic = directory.topic(t.topic);
    const also = [...new Set(t.cohorts.map((c) => c.alsoNeeds).filter((x): x is string => Boolean(x)))];
    const services = (input.services.get(t.topic) ?? []).slice(0, 2);
    body.push(container(
      [
        markdown(`**${i + 1}. ${escapeMarkdown(topic.title)}**${escapeMarkdown(why(directory, t))}`),
        ...(also.length ? [paragraph(`Eligible if: ${also.join('; ')}`, { isSubtle: true, size: 'Small', spacing: 'None' })] : []),
        markdown(`**Ask:** ${escapeMarkdown(topic.prompt.ask)}`, { spacing: 'Small' }),
        ...(services.length ? [markdown(services.map(serviceLine).join('\n\n'), { spacing: 'Small' })] : [paragraph('No local service with contact details recorded: see the topic card.', { isSubtle: true, size: 'Small', spacing: 'Small' })]),
      ],
      { separator: true, spacing: 'Medium' },
    ));
  });
  body.push(sourcesLine(input.topics));
  body.push(paragraph('To share with your team: @mention the bot in the team\'s channel with the same request, or forward this card.', { isSubtle: true, size: 'Small', spacing: 'Small' }));
  body.push(crisisFooter(directory));
  return adaptiveCard(body, [secondary(submit('Change Place', { action: 'changePlace' }))], `Clinic brief: ${input.label}`);
}
