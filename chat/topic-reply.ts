import type { Directory } from '../directory/load';
import type { Service } from '../directory/schema';
import { crisisCard } from '../cards/crisis';
import type { CardMessage } from '../cards/elements';
import { hasContactRoute } from '../cards/service';
import { type ForPerson, topicCard } from '../cards/topic';
import type { Answer } from '../search/answer';

/** How many services the first screen of a topic card shows; fewer under the crisis message, which must stay on screen. */
export const FIRST_SCREEN_SERVICES = 2;
export const AFTER_CRISIS_SERVICES = 1;

/**
 * The services for the first screen: nearest first, as search ranked them, but only those
 * that can be contacted now; a service with no phone, text, email or website never leads.
 * When the short list has too few, the next reachable ones from the full list fill in.
 */
export function firstScreenServices(answer: Answer, exclude: Set<string>, count = FIRST_SCREEN_SERVICES): Service[] {
  const candidates = [...answer.services, ...answer.allServices].filter((s) => !exclude.has(s.id) && hasContactRoute(s));
  return [...new Set(candidates)].slice(0, count);
}

/** A crisis, or the suicide-prevention topic: the crisis message goes first. */
export function leadsWithCrisis(answer: Answer): boolean {
  return answer.crisis || answer.topic === 'suicide-prevention';
}

/**
 * The reply to a topic answer. A crisis (or the suicide-prevention topic) gets the crisis
 * message first, as its own short message, so 999 is on screen when the reply arrives; the
 * topic card follows with local services, without repeating the crisis lines.
 */
export function topicMessages(directory: Directory, answer: Answer, askForPlace: boolean, forPerson?: ForPerson): CardMessage[] {
  const topic = answer.topic!;
  const crisisFirst = leadsWithCrisis(answer);
  const crisisIds = new Set(crisisFirst ? directory.crisisLines.map((s) => s.id) : []);
  const services = firstScreenServices(answer, crisisIds, crisisFirst ? AFTER_CRISIS_SERVICES : FIRST_SCREEN_SERVICES);
  const listed = answer.allServices.filter((s) => !crisisIds.has(s.id));
  const card = topicCard(directory, {
    topic,
    place: answer.place,
    services,
    moreCount: Math.max(0, listed.length - listed.filter((s) => services.includes(s)).length),
    askForPlace,
    related: answer.alternatives,
    otherCues: (answer.otherCues ?? []).filter((t) => t !== topic),
    afterCrisis: crisisFirst,
    forPerson,
  });
  return crisisFirst ? [crisisCard(directory), card] : [card];
}
