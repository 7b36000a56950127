/**
 * One spelling for one meaning before the crisis patterns read a sentence. The patterns were
 * written the way most staff type ("hes", "wont", "he wants"); a volunteer whose first language
 * is not English, or a voice-to-text note, writes "he is", "will not", "he want", "he have". The
 * risk is the same, so the grammar is folded rather than every pattern learning every form.
 */
const CONTRACTIONS: [RegExp, string][] = [
  [/\bhe is\b/g, 'hes'],
  [/\bshe is\b/g, 'shes'],
  [/\bi am\b/g, 'im'],
  [/\bthey are\b/g, 'theyre'],
  [/\bwe are\b/g, 'were'],
  [/\bwill not\b/g, 'wont'],
  [/\bdo not\b/g, 'dont'],
  [/\bdoes not\b/g, 'doesnt'],
  [/\bdid not\b/g, 'didnt'],
  [/\bcan ?not\b/g, 'cant'],
  [/\bwould not\b/g, 'wouldnt'],
  [/\bhe will\b/g, 'hell'],
  [/\bshe will\b/g, 'shell'],
  [/\bi will\b/g, 'ill'],
  [/\bhe would\b/g, 'hed'],
  [/\bshe would\b/g, 'shed'],
];

/** Verbs whose bare form after "he" or "she" is the third person ("he want" is "he wants"). */
const THIRD_PERSON: Record<string, string> = {
  want: 'wants', have: 'has', give: 'gives', say: 'says', tell: 'tells', take: 'takes', keep: 'keeps',
  talk: 'talks', think: 'thinks', feel: 'feels', need: 'needs', plan: 'plans', try: 'tries', do: 'does',
  go: 'goes', wish: 'wishes', hope: 'hopes', write: 'writes', buy: 'buys', hide: 'hides', cut: 'cuts',
  hurt: 'hurts', stop: 'stops', sleep: 'sleeps', cry: 'cries', drink: 'drinks', look: 'looks', mention: 'mentions',
};
const SUBJECT = /\b(he|she|man|woman|lady|gentleman|chap|fella|lad|girl|boy|son|daughter|husband|wife|patient|customer|client|mum|dad|mother|father)((?: (?:already|always|still|now|just|also|often|never|not|again))?) (\w+)\b/g;

export function canonicalGrammar(sentence: string): string {
  let out = sentence;
  for (const [from, to] of CONTRACTIONS) out = out.replace(from, to);
  return out.replace(SUBJECT, (whole, subject: string, adverb: string, verb: string) => {
    const third = THIRD_PERSON[verb];
    return third ? `${subject}${adverb} ${third}` : whole;
  });
}
