import type { TopicId } from '../directory/ids';
import type { Cohort, Who } from '../directory/cohort-schema';
import type { Service } from '../directory/schema';
import { type AgeRange, bandsFor, type LifeStage, type Person } from './person';

/** How far either side of a guessed age ("maybe 19") eligibility is read, so a guess never hides a service. */
const ESTIMATE_MARGIN = 3;

/** The ages the person may be, for eligibility: widened when the age was a guess. */
function agesOf(person: Person): AgeRange | undefined {
  const r = person.ageRange;
  if (!r) return undefined;
  return person.estimated ? { min: Math.max(0, r.min - ESTIMATE_MARGIN), max: r.max + ESTIMATE_MARGIN } : r;
}

export type Fit = 'fits' | 'may-fit' | 'no';

/**
 * Whether a person fits a cohort row or a service's rules. 'no' only when the message rules it
 * out: an age outside the limits, the other sex, or other life stages. What the message does not
 * say counts for the person ('may-fit'), except that a row for a life stage needs that stage.
 */
export function fit(who: Who, person: Person, options: { needsStage: boolean }): Fit {
  let maybe = false;
  const ages = agesOf(person);
  if (who.minAge !== undefined || who.maxAge !== undefined) {
    const min = who.minAge ?? 0;
    const max = who.maxAge ?? 200;
    if (ages) {
      if (ages.max < min || ages.min > max) return 'no';
      if (ages.min < min || ages.max > max) maybe = true;
    } else if (options.needsStage && !(who.lifeStages && person.lifeStages.some((s) => who.lifeStages!.includes(s)))) {
      // No age said: a cohort row for an age ("75 and over") is not guessed for a pregnant woman
      // of unknown age. A service is another matter: only what the message says rules it out,
      // so "pregnant, low mood" keeps every mental health service whatever its age limits.
      return 'no';
    } else maybe = true;
  }
  if (who.sex) {
    if (person.sex && person.sex !== who.sex) return 'no';
    if (!person.sex) maybe = true;
  }
  if (who.lifeStages) {
    const has = person.lifeStages.some((s) => who.lifeStages!.includes(s));
    if (!has && (options.needsStage || person.lifeStages.length > 0)) return 'no';
  }
  return maybe ? 'may-fit' : 'fits';
}

export interface CohortTopic {
  topic: TopicId;
  /** What about the topic, from each row it came from ("staying warm", "bowel screening kit"). */
  notes: string[];
  cohorts: Cohort[];
  fit: Exclude<Fit, 'no'>;
}

/**
 * The topics worth raising with this person, most important first: each row that fits, in the
 * table's order, and each topic once (its notes from every row gathered). A programme row with no
 * ages of its own ("cervical screening") follows the ages of the national row that records how it
 * differs, when there is one: the NHS ages decide who is eligible.
 */
export function topicsFor(cohorts: Cohort[], person: Person): CohortTopic[] {
  const out = new Map<TopicId, CohortTopic>();
  for (const row of cohorts) {
    let f = fit(row.who, person, { needsStage: true });
    if (f === 'no') continue;
    const national = cohorts.find((c) => c.differsFrom?.cohort === row.id);
    if (national && row.who.minAge === undefined && row.who.maxAge === undefined && fit(national.who, person, { needsStage: true }) === 'no') continue;
    const sexNote = row.who.sex && !person.sex ? ` (${row.who.sex === 'male' ? 'men' : 'women'})` : '';
    if (row.alsoNeeds) f = 'may-fit';
    for (const t of row.topics) {
      const note = t.note ? `${t.note}${sexNote}` : undefined;
      const seen = out.get(t.topic);
      if (seen) {
        if (note && !seen.notes.includes(note)) seen.notes.push(note);
        seen.cohorts.push(row);
        if (f === 'fits') seen.fit = 'fits';
      } else {
        out.set(t.topic, { topic: t.topic, notes: note ? [note] : [], cohorts: [row], fit: f });
      }
    }
  }
  return [...out.values()];
}

/** Whether the message rules the person out of a service (its eligibilityRules, from its source). */
export function ruledOut(service: Service, person: Person | null | undefined): boolean {
  const rules = service.eligibilityRules;
  if (!rules || !person) return false;
  return fit({ minAge: rules.minAge, maxAge: rules.maxAge, sex: rules.sex, lifeStages: rules.lifeStages }, person, { needsStage: false }) === 'no';
}

/** "aged 55 to 74", "aged 18 or over", "for people who are pregnant": why a service was not offered. */
export function rulesInWords(service: Service): string {
  const r = service.eligibilityRules ?? {};
  const parts: string[] = [];
  if (r.minAge !== undefined && r.maxAge !== undefined) parts.push(`aged ${r.minAge} to ${r.maxAge}`);
  else if (r.minAge !== undefined) parts.push(`aged ${r.minAge} or over`);
  else if (r.maxAge !== undefined) parts.push(`aged under ${r.maxAge + 1}`);
  if (r.sex) parts.push(r.sex === 'male' ? 'men' : 'women');
  if (r.lifeStages) parts.push(r.lifeStages.map((s) => STAGE_WORDS[s]).join(' or '));
  return parts.join(', ');
}

const STAGE_WORDS: Record<LifeStage, string> = { pregnant: 'pregnant', 'new-parent': 'new parents', carer: 'carers', 'young-carer': 'young carers' };

/** How a card names the person or group: "75 and over · man", "aged 17 · young carer", "in their 60s". */
export function personLabel(person: Person): string {
  const parts: string[] = [];
  const r = person.ageRange;
  if (person.age !== undefined) parts.push(`aged ${person.age}`);
  else if (r && r.min === r.max) parts.push(`about ${r.min}`);
  else if (r && r.max >= 110) parts.push(`${r.min} and over`);
  else if (r && r.min === 0) parts.push(`under ${r.max + 1}`);
  else if (r) parts.push(`aged ${r.min} to ${r.max}`);
  if (person.sex) parts.push(person.sex === 'male' ? 'man' : 'woman');
  for (const s of person.lifeStages) parts.push(STAGE_WORDS[s].replace(/s$/, ''));
  return parts.join(' · ') || 'this person';
}

/** The part of a person a card button carries (numbers and ids only, never text), and back. */
export interface WhoData {
  minAge?: number;
  maxAge?: number;
  age?: number;
  estimated?: boolean;
  sex?: 'male' | 'female';
  lifeStages?: LifeStage[];
}

export function whoData(person: Person): WhoData {
  return {
    ...(person.ageRange ? { minAge: person.ageRange.min, maxAge: Math.min(person.ageRange.max, 120) } : {}),
    ...(person.age !== undefined ? { age: person.age } : {}),
    ...(person.estimated ? { estimated: true } : {}),
    ...(person.sex ? { sex: person.sex } : {}),
    ...(person.lifeStages.length ? { lifeStages: person.lifeStages } : {}),
  };
}

export function personFrom(data: WhoData): Person {
  const range = data.minAge !== undefined || data.maxAge !== undefined ? { min: data.minAge ?? 0, max: data.maxAge ?? 120 } : undefined;
  return {
    ageBands: range ? bandsFor(range) : [],
    ...(range ? { ageRange: range } : {}),
    ...(data.age !== undefined ? { age: data.age } : {}),
    ...(data.estimated ? { estimated: true } : {}),
    ...(data.sex ? { sex: data.sex } : {}),
    lifeStages: data.lifeStages ?? [],
  };
}
