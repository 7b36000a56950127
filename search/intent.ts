/**
 * What a message asks for besides a topic: small talk, help, browsing, setting the Place,
 * or practising a conversation. Patterns run on normalised text.
 */
export type Intent = 'greeting' | 'thanks' | 'help' | 'browse' | 'set-place' | 'train' | 'practice' | 'maintainers';

const RULES: { intent: Intent; pattern: RegExp }[] = [
  { intent: 'help', pattern: /^(?:help|help me|\?+|what can you do|how does this work|how do i use (?:this|you)|start|get started|menu|instructions|commands|about)$/ },
  { intent: 'browse', pattern: /^(?:(?:show |list |browse |see |all )*(?:all )?(?:the )?topics?|browse|list|index|a ?z|everything|what topics(?: do you (?:know|have|cover))?)$/ },
  { intent: 'set-place', pattern: /^(?:(?:set|change|update|choose|pick|select|switch)(?: my)? (?:place|location|area|town)|my (?:place|location|area) is|(?:i am|im|i work|i m|we are|were|based|working)(?: based| working)? (?:in|at|from|near)|place|location|my place|where am i|i am at|im at)\b/ },
  { intent: 'train', pattern: /^(?:train|training|practi[cs]e|demo|demonstrate|walkthrough|walk through|teach|trainer mode)\b/ },
  { intent: 'practice', pattern: /^(?:quiz|test me(?: on)?|scenarios?|practice scenarios?|practise scenarios?)\b/ },
  { intent: 'maintainers', pattern: /^maintainers? use this channel$/ },
  { intent: 'thanks', pattern: /^(?:thanks?|thank you|thankyou|ta|cheers|thx|ty|brilliant|great|perfect|lovely|ok|okay|nice one|much appreciated)(?: (?:very much|so much|a lot|again|mate|bot))*$/ },
  { intent: 'greeting', pattern: /^(?:hi|hello|hey|hiya|yo|howdy|good (?:morning|afternoon|evening)|morning|afternoon|evening|hi there|hello there)(?: (?:there|bot|mate|all|everyone))*$/ },
];

export function detectIntent(normalised: string): Intent | undefined {
  return RULES.find((r) => r.pattern.test(normalised))?.intent;
}

/** Words that only say "this is about my Place", left over once the Place itself is found. */
export const PLACE_WORDS = new Set(['set', 'change', 'update', 'choose', 'pick', 'select', 'switch', 'place', 'location', 'area', 'town', 'based', 'working', 'work', 'from', 'i', 'am', 'im', 'my', 'is', 'in', 'at', 'near', 'we', 'are', 'were', 'the', 'to', 'clinic', 'practice', 'surgery', 'today', 'now', 'here', 'currently', 'please', 'hi', 'hello']);
