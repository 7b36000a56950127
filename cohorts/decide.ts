import type { TopicId } from '../directory/ids';
import type { Answer, Signposter } from '../search/answer';
import { describesCohort, type LifeStage, type Person, withoutPersonWords } from './person';

/** A life stage that is itself a topic: "carer" is the carers topic, "pregnant" the pregnancy topic. */
export const LIFE_STAGE_TOPICS: Partial<Record<LifeStage, TopicId>> = {
  pregnant: 'pregnancy',
  carer: 'carers',
  'young-carer': 'carers',
};

/** Topics a life stage confirms when search found them: a new parent's "baby clinic" is maternity support. */
const CONFIRMED_BY_STAGE: Partial<Record<LifeStage, TopicId[]>> = {
  pregnant: ['pregnancy'],
  'new-parent': ['pregnancy'],
  carer: ['carers'],
  'young-carer': ['carers'],
};

export type PersonDecision =
  /** Nothing about the person to act on, or a crisis: answered exactly as search answered it. */
  | { kind: 'as-asked' }
  /** The topic answer, for this person: their eligibility, and their cohort's other topics as buttons. */
  | { kind: 'topic'; topic: TopicId; person: Person }
  /** Only the person was described: the topics worth raising with them. `fromMessage`: topics search half-read. */
  | { kind: 'cohort'; person: Person; fromMessage: TopicId[] };

function stageTopic(person: Person): TopicId | undefined {
  for (const stage of person.lifeStages) if (LIFE_STAGE_TOPICS[stage]) return LIFE_STAGE_TOPICS[stage];
  return undefined;
}

/**
 * What to do with the person a message describes, given search's answer. Crisis first, always.
 * A topic cue always wins: a topic search found outside the words about the person ("75 year
 * old man, here for his flu jab") is answered, for that person. Only when the topic came from
 * the person words alone ("pensioner" read as money advice) or there is no topic is the
 * answer the cohort card, except that a life stage that is a topic ("carer") is that topic.
 */
export function decideForPerson(signposter: Signposter, message: string, answer: Answer, person: Person | null): PersonDecision {
  if (!person || answer.crisis) return { kind: 'as-asked' };
  if (answer.kind === 'topic' && answer.topic) {
    // A sex alone ("he wants to quit") tailors nothing: the card stays as it is.
    if (!describesCohort(person)) return { kind: 'as-asked' };
    const rest = signposter.ask(withoutPersonWords(message), { place: answer.place });
    const confirmed = person.lifeStages.some((stage) => CONFIRMED_BY_STAGE[stage]?.includes(answer.topic!));
    if (rest.kind === 'topic' || rest.crisis || confirmed) return { kind: 'topic', topic: answer.topic, person };
    return { kind: 'cohort', person, fromMessage: [answer.topic] };
  }
  if ((answer.kind === 'none' || answer.kind === 'did-you-mean') && describesCohort(person)) {
    const topic = stageTopic(person);
    if (topic) return { kind: 'topic', topic, person };
    return { kind: 'cohort', person, fromMessage: answer.alternatives };
  }
  return { kind: 'as-asked' };
}

/** The topic the reply answers, as the evaluations score it: a cohort card answers none. */
export function replyTopic(decision: PersonDecision, answer: Answer): TopicId | null {
  if (decision.kind === 'topic') return decision.topic;
  if (decision.kind === 'cohort') return null;
  return answer.kind === 'topic' || answer.kind === 'crisis' ? answer.topic : null;
}
