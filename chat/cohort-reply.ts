import type { PlaceId, TopicId } from '../directory/ids';
import type { Directory } from '../directory/load';
import type { Service } from '../directory/schema';
import { type CardMessage } from '../cards/elements';
import { clinicBriefCard, cohortCard } from '../cards/cohort';
import type { ForPerson } from '../cards/topic';
import { hasContactRoute } from '../cards/service';
import { clinicAudience } from '../cohorts/clinic';
import { decideForPerson } from '../cohorts/decide';
import { personFrom, personLabel, ruledOut, rulesInWords, topicsFor, type WhoData, whoData } from '../cohorts/match';
import { describePerson, type Person } from '../cohorts/person';
import type { Answer, Signposter } from '../search/answer';

/** What a message about a person or a clinic is answered with; the Conversation sends it. */
export type CohortTurn =
  | { kind: 'topic'; answer: Answer; forPerson: ForPerson }
  | { kind: 'card'; message: CardMessage; outcome: 'cohort' | 'clinic-brief'; place: PlaceId | null };

/**
 * Who is in front of me (issue 15): turns the person a message describes into a tailored topic
 * answer, a cohort card or a clinic brief. Crisis first, always: a crisis answer never comes here.
 */
export class CohortDesk {
  constructor(private readonly signposter: Signposter) {}

  private get directory(): Directory {
    return this.signposter.directory;
  }

  /** The reply for a typed message, or undefined to answer it as search did. */
  forText(text: string, answer: Answer): CohortTurn | undefined {
    if (answer.crisis || !this.directory.cohorts.length) return undefined;
    const group = answer.kind === 'intent' ? null : clinicAudience(text);
    if (group) return this.clinicBrief(group, answer.place);
    const person = describePerson(text);
    const decision = decideForPerson(this.signposter, text, answer, person);
    switch (decision.kind) {
      case 'as-asked':
        return undefined;
      case 'topic': {
        const topicAnswer = decision.topic === answer.topic ? answer : { ...this.signposter.topic(decision.topic, answer.place), placeFromMessage: answer.placeFromMessage };
        return this.forPerson(topicAnswer, decision.person);
      }
      case 'cohort':
        return this.cohort(decision.person, answer.place, decision.fromMessage);
    }
  }

  /** A topic button pressed on a cohort card (or a tailored topic card): the topic, for the same person. */
  forTopicButton(topic: TopicId, place: PlaceId | null, who: WhoData): CohortTurn {
    return this.forPerson(this.signposter.topic(topic, place), personFrom(who));
  }

  /** The services a person described earlier can use (for "More services" from their topic card). */
  usableBy(services: Service[], who: WhoData): Service[] {
    const person = personFrom(who);
    return services.filter((s) => !ruledOut(s, person));
  }

  clinicBriefFor(who: WhoData, place: PlaceId | null): CohortTurn {
    return this.clinicBrief(personFrom(who), place);
  }

  /** The topic answer for this person: services they cannot use are taken out (and named), their cohort's other topics offered. */
  private forPerson(answer: Answer, person: Person): CohortTurn {
    const out = (list: Service[]) => list.filter((s) => ruledOut(s, person));
    const notOffered = [...new Set([...out(answer.services), ...out(answer.allServices)])];
    const keep = (list: Service[]) => list.filter((s) => !notOffered.includes(s));
    const tailored: Answer = { ...answer, services: keep(answer.services), allServices: keep(answer.allServices) };
    const also = topicsFor(this.directory.cohorts, person).map((t) => t.topic).filter((t) => t !== answer.topic);
    return {
      kind: 'topic',
      answer: tailored,
      forPerson: { label: personLabel(person), who: whoData(person), also, notOffered: notOffered.map((s) => ({ name: s.name, rules: rulesInWords(s) })) },
    };
  }

  private cohort(person: Person, place: PlaceId | null, fromMessage: TopicId[]): CohortTurn {
    const topics = topicsFor(this.directory.cohorts, person);
    const shown = new Set(topics.slice(0, 4).map((t) => t.topic));
    return {
      kind: 'card',
      message: cohortCard(this.directory, { label: personLabel(person), who: whoData(person), place, topics, fromMessage: fromMessage.filter((t) => !shown.has(t)) }),
      outcome: 'cohort',
      place,
    };
  }

  private clinicBrief(group: Person, place: PlaceId | null): CohortTurn {
    const topics = topicsFor(this.directory.cohorts, group);
    // Suicide prevention's services in a brief are the 24/7 lines staff give out (999 is in the footer).
    const crisisLines = this.directory.crisisLines.filter((s) => hasContactRoute(s) && s.contact.phone !== '999');
    const services = new Map(topics.map((t) => [t.topic, t.topic === 'suicide-prevention'
      ? crisisLines
      : this.signposter.servicesFor(t.topic, place).filter((s) => hasContactRoute(s) && !ruledOut(s, group) && !this.directory.crisisLines.includes(s))]));
    return { kind: 'card', message: clinicBriefCard(this.directory, { label: personLabel(group), place, topics, services }), outcome: 'clinic-brief', place };
  }
}
