import { normalise } from '../search/text';
import { bandsFor, describePerson, type LifeStage, type Person, type Sex } from './person';

/**
 * "Clinic today: over 75s", "clinic brief for pregnant women", "session this afternoon: men
 * 65 to 70": who a clinic is for, or null when the message does not ask for a clinic brief. Only
 * an explicit request counts: "is there a stop smoking clinic for under 18s" is a question about
 * smoking, answered as a topic.
 */
const REQUEST = /^(?:(?:todays?|today s|this (?:morning|afternoon|evening)s?|tomorrows?|next|our|my|the) )?(?:vaccination |vax |flu |jab |covid |pharmacy |immunisation )?(?:clinic|clinics|session|sessions|list|brief|clinic brief|briefing)(?: (?:today|this morning|this afternoon|tomorrow|brief|briefing))?\b|\bclinic brief\b|\bbrief for (?:the |a |my |our )?(?:clinic|session)\b|\bbrief me on\b/;

export function clinicAudience(message: string): Person | null {
  const text = normalise(message);
  if (!REQUEST.test(text)) return null;
  // Groups are written as groups: "over 75s", "75+", "65 to 74", "under 18s".
  const raw = message.toLowerCase();
  let min: number | undefined;
  let max: number | undefined;
  let m: RegExpExecArray | null;
  if ((m = /(\d{1,3})\s*(?:-|–|to)\s*(\d{1,3})/.exec(raw))) [min, max] = [Number(m[1]), Number(m[2])];
  else if ((m = /(?:over|above)\s*-?\s*(\d{1,3})/.exec(raw))) min = Number(m[1]);
  else if ((m = /(\d{1,3})\s*(?:\+|plus\b|and over|or over|and above|or older)/.exec(raw))) min = Number(m[1]);
  else if ((m = /under\s*-?\s*(\d{1,3})/.exec(raw))) max = Number(m[1]) - 1;
  const words = new Set(text.split(' '));
  const sex: Sex | undefined = ['men', 'male', 'gents', 'mens', 'males'].some((w) => words.has(w)) ? 'male' : ['women', 'female', 'ladies', 'womens', 'females'].some((w) => words.has(w)) ? 'female' : undefined;
  const stages: LifeStage[] = [];
  if (/\bpregnan|\bantenatal\b|\bmaternity\b|\bexpectant\b/.test(text)) stages.push('pregnant');
  if (/\bnew (?:parents?|mums?|dads?|mothers?)\b|\bpostnatal\b|\bbaby\b|\bbabies\b/.test(text)) stages.push('new-parent');
  if (/\byoung carers?\b/.test(text)) stages.push('young-carer');
  else if (/\bcarers?\b/.test(text)) stages.push('carer');
  if (min === undefined && max === undefined && !sex && !stages.length) {
    const person = describePerson(message);
    return person && (person.ageBands.length || person.lifeStages.length) ? person : null;
  }
  if (min !== undefined && (min < 0 || min > 120)) return null;
  if (max !== undefined && (max < 0 || max > 120)) return null;
  const range = min !== undefined || max !== undefined ? { min: min ?? 0, max: max ?? 120 } : undefined;
  return { ageBands: range ? bandsFor(range) : [], ...(range ? { ageRange: range } : {}), ...(sex ? { sex } : {}), lifeStages: stages };
}
