import { isEnglishWord } from '../dictionary';
import { editDistance, words } from '../text';

/**
 * The first layer of the crisis net (see ./index.ts): phrase patterns, deterministic and tested
 * phrase by phrase. Patterns run on one normalised sentence (lower case, no apostrophes, single spaces).
 */
const SELF = '(?:him|her|them|my|your|our|one|their)\\s?sel(?:f|ves)';
const PERSON = '(?:he|she|they|i|we|you|hes|shes|theyre|im)';
const NOT_WANT = '(?:doesnt|dont|didnt|does not|do not|did not|not|no longer|never)\\s(?:want|wanna|wish|feel like)';

/** `indirect`: a warning sign that a direct denial in the same message ("asked directly, no thoughts of harm") outweighs. */
const PATTERNS: { reason: string; pattern: RegExp; indirect?: boolean }[] = [
  { reason: 'suicide', pattern: /\bsuicid\w*/ },
  { reason: 'self-harm', pattern: /\bself\s?harm\w*|\bself\s?injur\w*|\bself\s?mutilat\w*|\bselfharm\w*/ },
  { reason: 'self-harm', pattern: new RegExp(`\\b(?:harm|harms|harming|harmed|hurt|hurts|hurting|injure|injures|injuring|cut|cuts|cutting|burn|burns|burning|burnt|starve|starving|poison|poisoning|poisoned|scratch|scratches|scratching|hit|hits|hitting|punch|punches|punching|bite|bites|biting|strangle|strangling|choke|choking)\\s${SELF}`) },
  { reason: 'self-harm', pattern: /\b(?:slit|slits|slitting|cut|cuts|cutting|slash|slashes|slashing)\s(?:his|her|their|my|your)\s(?:wrists?|arms?|legs?|thighs?|skin|stomach)\b/ },
  { reason: 'self-harm', pattern: /\b(?:scratch|scratches|scratching|scratched|pick|picks|picking|burn|burns|burning|hit|hits|hitting|punch|punches|punching|bite|bites|biting)\s(?:his|her|their|my|your)\s(?:wrists?|arms?|legs?|thighs?|skin|stomach|face|head)\b.*\b(?:bleed|bleeds|bleeding|bled|blood|on\spurpose|deliberately|to\sfeel)\b/ },
  { reason: 'suicide', pattern: new RegExp(`\\b(?:kill|kills|killing|killed|top|tops|topping|topped|hang|hangs|hanging|hanged|drown|drowning|shoot|shooting|gas|gassing)\\s${SELF}`) },
  { reason: 'suicide', pattern: new RegExp(`\\bset(?:s|ting)?\\s(?:fire|light)\\sto\\s${SELF}`) },
  { reason: 'suicide', pattern: /\b(?:end|ends|ending|ended|finish|finishes|finishing|take|takes|taking|took|taken)\s(?:(?:his|her|their|my|your|our)\s)?own\slife\b|\b(?:end|ends|ending|finish|finishes|finishing)\s(?:his|her|their|my|your|our)\slife\b/ },
  { reason: 'suicide', pattern: /\b(?:end|ends|ending)\s(?:it|it all|everything|things|things now|this)\s?(?:all|now|today|tonight)?\s*$|\b(?:end|ends|ending)\s(?:it\sall|everything)\b|\bending\sit\b|\bend\sit\b(?!\s(?:with|between))|\bend\sthings\b/ },
  { reason: 'suicide', pattern: /\b(?:want|wants|wanted|wanting|wanna|wish|wishes|wishing|going|ready|tried|trying|try|planning|plans|plan)\s(?:to\s)?die\b|\bwish(?:es|ed)?\s(?:he|she|they|i)\s(?:was|were)\sdead\b|\bbetter\soff\s(?:dead|without\s(?:me|him|her|them|us))\b/ },
  { reason: 'suicide', pattern: new RegExp(`\\b${NOT_WANT}\\sto\\s(?:be\\shere|be\\saround|live|be\\salive|go\\son|carry\\son|exist|wake\\sup|be\\son\\sthis\\searth)\\b`) },
  { reason: 'suicide', pattern: /\b(?:not|no\s?longer|doesnt|dont)\s(?:be\s)?(?:want\sto\s)?(?:be\s)?(?:here|around)\s(?:any\s?more|any\s?longer)\b/ },
  { reason: 'suicide', pattern: /\blife\s(?:is\s|isnt\s|is\snot\s|aint\s)?(?:not\s)?worth\sliving\b|\bnot\sworth\sliving\b|\bno\s(?:reason|point)\s(?:to|in)\s(?:live|living|go\son|going\son|carry\son|carrying\son|being\salive|being\shere)\b|\bnothing\sto\slive\sfor\b/ },
  { reason: 'suicide', pattern: new RegExp(`\\b(?:cant|cannot|can not)\\s(?:go\\son|carry\\son|cope\\sany\\s?more|take\\sit\\sany\\s?more|do\\sthis\\sany\\s?more)\\b`) },
  { reason: 'overdose', pattern: /\bover\s?dos\w*|\bod\sd\b|\bods\b|\bod\s?ed\b|\b(?:took|taken|take|takes|taking|had|has|done|did)\s(?:an|a)\sod\b|\bstockpil\w*\s(?:(?:his|her|their|my|the)\s)?(?:pills|tablets|meds|medication|medicine|paracetamol|painkillers)\b|\b(?:took|taken|take|takes|taking|swallowed|swallowing)\s(?:a\slot\sof\s|loads\sof\s|all\s(?:his|her|their|my|the)\s|too\smany\s|an?\s)?(?:pills|tablets|paracetamol)\b.*\b(?:on\spurpose|to\sdie|deliberately)\b|\btoo\smany\s(?:pills|tablets|paracetamol)\b|\bstockpil\w*\s(?:pills|tablets|meds|medication|paracetamol)\b/ },
  { reason: 'suicide', pattern: /\bjump(?:ing|ed|s)?\s(?:off|from|in\sfront\sof)\s(?:a|the)\s(?:bridge|building|cliff|roof|train|car|multi\s?storey)\b|\bin\sfront\sof\sa\strain\b|\bsuicide\snote\b/ },
  { reason: 'suicide', pattern: new RegExp(`\\b${PERSON}\\s(?:is\\s|are\\s|am\\s|was\\s|been\\s)?(?:thinking\\sof|thinking\\sabout|talking\\sabout|talks\\sabout|talked\\sabout)\\s(?:ending|killing|taking|dying|death)\\b`) },
  { reason: 'suicide', pattern: /\bthoughts\sof\s(?:ending|dying|death|killing)\b|\b(?:dark|bad)\sthoughts\sabout\s(?:dying|death|ending)\b|(?<!\d\s?)\bkms\b|\bs[eu]w[ea]r\s?slide\b|\bunalive\w*|\bself\sdelete\w*/ },
  // Indirect warning signs staff hear: hopelessness about living, being a burden, wanting
  // to disappear, saying goodbye, "better off gone", having had enough of life.
  { reason: 'suicide', indirect: true, pattern: /\bno\spoint\s(?:any\s?more|any\slonger|in\s(?:living|life|going\son|carrying\son|being\s(?:here|alive)|anything|it\sall|me\sbeing\shere)|to\s(?:life|living|anything))\b|\b(?:cant|dont|doesnt|didnt|not|never)\ssee\s(?:the|any)\spoint\b(?!\sin\s(?:going\sto|the|a|this|that|his|her|them|it\b))|\bwhats\sthe\spoint\sin\s(?:living|going\son|carrying\son|life)\b/ },
  { reason: 'suicide', pattern: /\b(?:a|such\sa|just\sa|the)\sburden\s(?:to|on|for)\s(?:everyone|everybody|anyone|anybody|others|other\speople|people|us|them|his\sfamily|her\sfamily|their\sfamily|my\sfamily|the\sfamily|family)\b|\bfeel(?:s|ing)?\slike\sa\sburden\b/ },
  { reason: 'suicide', pattern: /\b(?:want|wants|wanted|wanting|wanna|wish|wishes|wished)\sto\s(?:disappear|vanish|not\sexist|stop\sexisting|not\sbe\salive|sleep\sforever|go\sto\ssleep\sand\s(?:not|never)\swake\sup)\b|\bsleep\sand\s(?:not|never)\swake\sup\b|\bnever\swake\sup\b|\b(?:about|of)\snot\sbeing\s(?:around|here|alive)\b|\bnot\sbe(?:ing)?\s(?:around|here)\s(?:any\s?more|any\slonger|for\s(?:much\s)?longer|for\slong)\b/ },
  { reason: 'suicide', pattern: /\bbetter\soff\s(?:gone|not\shere|not\sbeing\shere|not\salive)\b|\b(?:would|d)\srather\sbe\sdead\b|\brather\sbe\sdead\b|\bwish(?:es|ed)?\s(?:(?:he|she|they|i)\s(?:had|d)|hed|shed|theyd|id)\snever\sbeen\sborn\b|\bwish(?:es|ed)?\s(?:he|she|they|i)\s(?:wasnt|werent)\s(?:here|alive|around)\b/ },
  { reason: 'suicide', indirect: true, pattern: /\b(?:had|has|have)\senough\sof\s(?:life|living|it\sall|everything|being\salive)\b|\b(?:tired|sick|done|finished)\s(?:of|with)\s(?:living|life|being\salive|it\sall)\b|\b(?:wants?|wanted|wanting)\s(?:it\sall|everything|it|the\spain)\sto\s(?:stop|end|be\sover)\b|\bcant\ssee\s(?:a|any)\sway\sout\b|\bno\sway\sout\b/ },
  { reason: 'suicide', pattern: /\b(?:written|wrote|writing|write|writes|left|leaving)\s(?:a\s)?(?:note|letter|notes|letters)\b.*\bgoodbye\b|\bgoodbye\s(?:note|letter|message)s?\b|\bsaying\sgoodbye\sto\s(?:his|her|their|my)\s(?:family|kids|children|friends|loved\sones|partner|wife|husband|mum|dad)\b/ },
  { reason: 'suicide', pattern: /\b(?:giv(?:e|es|ing|en)|gave)\saway\s(?:his|her|their|my|all\s(?:his|her|their|my))\s(?:things|possessions|stuff|belongings|pets|money)\b|\bsaying\sgoodbye\sto\s(?:everyone|people|family|us)\b|\b(?:said|saying)\sgoodbye\sas\sif\b/ },
  { reason: 'suicide', pattern: /\bthreaten(?:s|ed|ing)?\sto\s(?:jump|kill|end|hurt|harm|take|overdose|cut|hang)\b|\b(?:think|thinks|thinking|thought|thoughts|talks?|talking)\s(?:a\slot\s)?(?:about|of)\s(?:death|dying|being\sdead|not\swaking\sup|not\sbeing\shere|ending\sit)\b/ },
  // A threat to take them all: "if he isn't seen he's going to take all his tablets tonight".
  { reason: 'overdose', pattern: /\b(?:going\sto|gonna|will|ll|threaten\w*\sto|wants?\sto|wanted\sto)\s(?:take|swallow|neck)\s(?:all|the\slot|every\sone)\s(?:of\s)?(?:his|her|their|my|the|them|those)\b(?:\s(?:pills|tablets|paracetamol|meds|medication|medicine|painkillers|sleeping\s(?:pills|tablets)|antidepressants))?/ },
  // All of them at once, said in the past: "took all his tablets this morning" (not "takes all her tablets").
  { reason: 'overdose', pattern: /\b(?:took|swallowed|necked|downed)\sall\s(?:of\s)?(?:his|her|their|my|the)\s(?:pills|tablets|paracetamol|meds|medication|medicine|painkillers|sleeping\s(?:pills|tablets)|antidepressants)\b(?!\s(?:as|like)\s)/ },
  { reason: 'overdose', pattern: /\b(?:took|taken|take|takes|taking|swallowed|had)\s(?:a\s(?:load|lot|handful|bunch|pile|few\spackets|whole\s(?:box|packet|bottle))|loads|lots|handfuls|a\scouple\sof\spackets|packets|boxes|all)\sof\s(?:(?:his|her|their|my|the)\s)?(?:pills|tablets|paracetamol|meds|medication|medicine|painkillers|sleeping\spills|antidepressants)\b/ },
];

/** What follows "cutting" when it is self-harm. */
const CUTTING_SELF = new Set(['again', 'herself', 'himself', 'themselves', 'myself', 'yourself', 'up', 'still', 'every', 'most', 'at', 'when', 'since', 'because', 'cos', 'and', 'but']);
const POSSESSIVE = new Set(['her', 'his', 'their', 'my', 'your']);
const BODY = new Set(['arm', 'arms', 'wrist', 'wrists', 'leg', 'legs', 'thigh', 'thighs', 'skin', 'stomach', 'body']);

function cuttingSignal(tokens: string[]): boolean {
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i] !== 'cutting' && tokens[i] !== 'cuts') continue;
    const next = tokens[i + 1];
    // "been cutting again", "she's cutting": not "funding cuts" or "cutting onions".
    if (next === undefined) return tokens[i] === 'cutting';
    if (POSSESSIVE.has(next)) {
      if (BODY.has(tokens[i + 2] ?? '')) return true;
      continue;
    }
    if (tokens[i] === 'cutting' && CUTTING_SELF.has(next)) return true;
  }
  return false;
}

const TYPO_TARGETS = ['suicide', 'suicidal', 'selfharm', 'overdose', 'overdosed'];

/**
 * Misspelt crisis words ("sucidal", "suicde", "overdoze"): same first letter, at most two
 * slips, and not itself an ordinary word ("overdue", "subside" are not typos).
 */
function typoSignal(tokens: string[]): boolean {
  return tokens.some(
    (t) => t.length >= 6 && !isEnglishWord(t) && TYPO_TARGETS.some((target) => t[0] === target[0] && editDistance(t, target, 2) <= (t.length >= 7 ? 2 : 1)),
  );
}

export type CrisisReason = 'suicide' | 'self-harm' | 'overdose';

/**
 * The deterministic net over one normalised sentence: direct words and the phrasings staff
 * are taught to hear. Words in `exempt` (Place, practice and site names) are never read as
 * misspelt crisis words: "Suttons Surgery" is not "suicide".
 */
export function patternSignal(text: string, exempt: ReadonlySet<string> = new Set(), denied = false): CrisisReason | undefined {
  if (!text) return undefined;
  for (const { reason, pattern, indirect } of PATTERNS) {
    if (indirect && denied) continue;
    if (pattern.test(text)) return reason as CrisisReason;
  }
  const tokens = words(text);
  if (cuttingSignal(tokens)) return 'self-harm';
  const joined = words(text.replace(/\bself\s(harm)/g, 'self$1')).filter((t) => !exempt.has(t));
  if (typoSignal(joined)) return 'suicide';
  return undefined;
}
