import type { Directory } from '../directory/load';
import { isPlaceId, isTopicId, type PlaceId, type TopicId } from '../directory/ids';
import type { Service } from '../directory/schema';
import { CITIZEN_TOPIC, CRISIS_FIRST_TOPICS } from './words';

/** At most this many topics and services in one take-away: a page someone reads, and an address a QR code holds. */
export const MAX_TOPICS = 4;
export const MAX_SERVICES = 12;

/** What a member of staff chose to give: ids only, never anything typed. */
export interface TakeawayChoice {
  topics: TopicId[];
  place: PlaceId | null;
  services: string[];
}

/** A service as the person sees it: directory facts only, no notes, sources or staff wording. */
export interface CitizenService {
  id: string;
  name: string;
  description: string;
  phone?: string;
  text?: string;
  textMessage?: string;
  email?: string;
  website?: string;
  hours?: string;
  cost?: string;
  /** Whether the person can get in touch themselves, in their words. */
  howToStart: string;
}

export interface TakeawaySection {
  topic: TopicId;
  heading: string;
  intro: string;
  services: CitizenService[];
  /** A national service for the same need, when it is not already listed. */
  fallback: CitizenService[];
}

export interface Takeaway {
  choice: TakeawayChoice;
  placeName: string | null;
  /** For mental health and suicide prevention: the 24/7 lines, before anything else. */
  crisis: CitizenService[];
  sections: TakeawaySection[];
  /** The emergency line, said at the foot of every take-away. */
  emergency?: CitizenService;
}

const HOW_TO_START: Record<Service['referral'], string> = {
  self: 'You can contact them yourself.',
  both: 'You can contact them yourself, or a health worker can refer you.',
  professional: 'You need a health worker, such as your GP, to refer you.',
  unknown: 'Contact them and ask how to start.',
};

export function canBeContacted(service: Service): boolean {
  const c = service.contact;
  return Boolean(c.phone || c.text || c.email || c.website);
}

function serves(service: Service, place: PlaceId | null): boolean {
  return place === null ? service.area !== 'local' : service.places.includes(place);
}

/** The services a member of staff may put on a take-away for this topic and Place: reachable now, serving the Place. */
export function offerable(directory: Directory, topic: TopicId, place: PlaceId | null): Service[] {
  const crisis = crisisFirst([topic]) ? new Set(directory.crisisLines.map((s) => s.id)) : new Set<string>();
  return directory.services.filter((s) => s.topics.includes(topic) && serves(s, place) && canBeContacted(s) && !crisis.has(s.id));
}

export function crisisFirst(topics: TopicId[]): boolean {
  return topics.some((t) => CRISIS_FIRST_TOPICS.includes(t));
}

export function citizenService(service: Service): CitizenService {
  const c = service.contact;
  return {
    id: service.id,
    name: service.name,
    description: service.description,
    ...(c.phone ? { phone: c.phone } : {}),
    ...(c.text ? { text: c.text } : {}),
    ...(c.textMessage ? { textMessage: c.textMessage } : {}),
    ...(c.email ? { email: c.email } : {}),
    ...(c.website ? { website: c.website } : {}),
    ...(service.hours ? { hours: service.hours } : {}),
    ...(service.cost ? { cost: service.cost } : {}),
    howToStart: HOW_TO_START[service.referral],
  };
}

/**
 * Checks a choice against the directory: every topic and service known, each service
 * offerable for one of the topics at the Place. Anything else (an old link after a service
 * was retired, an edited address) is refused whole rather than shown in part.
 */
export function checkChoice(directory: Directory, raw: { topics: unknown[]; place: unknown; services: unknown[] }): TakeawayChoice | null {
  const { topics, place, services } = raw;
  if (!topics.length || topics.length > MAX_TOPICS || services.length > MAX_SERVICES) return null;
  if (!topics.every(isTopicId) || new Set(topics).size !== topics.length) return null;
  if (place !== null && !isPlaceId(place)) return null;
  if (new Set(services).size !== services.length) return null;
  for (const id of services) {
    if (typeof id !== 'string') return null;
    if (!topics.some((t) => offerable(directory, t, place).some((s) => s.id === id))) return null;
  }
  return { topics: topics as TopicId[], place, services: services as string[] };
}

/**
 * The take-away for a checked choice: plain English for the person, directory facts only.
 * Each chosen service goes under the first of its topics; a national service for each topic
 * is added as a fallback; the crisis lines lead when any topic is mental health or suicide.
 */
export function buildTakeaway(directory: Directory, choice: TakeawayChoice): Takeaway {
  const crisis = crisisFirst(choice.topics) ? directory.crisisLines.filter(canBeContacted) : [];
  const shown = new Set([...crisis.map((s) => s.id), ...choice.services]);
  const placed = new Set<string>();
  const sections = choice.topics.map((topic) => {
    const services = choice.services
      .filter((id) => !placed.has(id))
      .map((id) => directory.service(id)!)
      .filter((s) => s.topics.includes(topic));
    for (const s of services) placed.add(s.id);
    const fallback = offerable(directory, topic, choice.place).filter((s) => s.area === 'national' && !shown.has(s.id)).slice(0, 1);
    for (const s of fallback) shown.add(s.id);
    return { topic, ...CITIZEN_TOPIC[topic], services: services.map(citizenService), fallback: fallback.map(citizenService) };
  });
  const emergency = directory.crisisLines.find((s) => s.contact.phone === '999');
  return {
    choice,
    placeName: choice.place ? directory.place(choice.place).name : null,
    crisis: crisis.map(citizenService),
    sections,
    ...(emergency ? { emergency: citizenService(emergency) } : {}),
  };
}

/** The 24/7 lines, for the pages that name no topic (not found, slow down): never a dead end. */
export function helpNow(directory: Directory): CitizenService[] {
  return directory.crisisLines.filter(canBeContacted).map(citizenService);
}
