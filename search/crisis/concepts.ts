/**
 * Risk concepts, composed. Staff rarely write "suicide": they write what they saw or heard
 * ("keeps a rope in the garage", "asked if the multi storey was high enough", "gave his dog
 * away"). Each concept below is a family of words; risk is a method or means together with
 * intent, a place of danger, or death; a farewell; a wish to be dead; a question about a lethal
 * amount; or marks and wounds that look self-inflicted. Idioms are recognised by their object
 * ("this queue is killing me", "overdosed on mince pies") and explained away only for the
 * weaker concepts: where the evidence is partial, crisis support leads.
 *
 * Patterns run on one normalised sentence at a time (lower case, no apostrophes, single spaces).
 */

const P = '(?:he|she|they|i|we|you|pt|patient|client|man|woman|lad|girl|son|daughter|husband|wife|partner|mum|dad)';
const POSS = '(?:his|her|their|my|your|the)';
const KIN = '(?:wife|husband|partner|son|daughter|baby|child|kids|mum|mother|dad|father|brother|sister|nan|grandad|boyfriend|girlfriend|twin|friend)';

/** Means of suicide and places of danger. */
const MEANS =
  '(?:rope|noose|ligature|belt round|hosepipe|exhaust|car fumes|fumes|carbon monoxide|charcoal|gas oven|shotgun|gun|firearm|rifle|' +
  'razor|razors|blade|blades|knife|knives|bleach|anti ?freeze|plastic bag|railway|rail line|railway line|train line|train tracks|the tracks|' +
  'level crossing|in front of (?:a|the) (?:train|lorry|bus|car)|viaduct|bridge|cliff|cliffs|quarry|multi ?storey|car park roof|' +
  'top floor|rooftop|into the traffic|into traffic|in front of (?:a|the) car|into the road|reservoir|river|canal|weir|motorway|pills|tablets|paracetamol|co ?codamol|codeine|insulin|meds|medication|' +
  'sleeping pills|antidepressants|painkillers|morphine|oramorph|oxycodone|fentanyl|overdose)';

/** Doing, planning or wanting, said about a person. */
const INTENT =
  '(?:thought about|thinking about|thinking of|thinks about|talked about|talking about|talks about|keeps talking|plan|plans|planned|planning|' +
  'intends to|about to|tried to|researched|research|looked up|looking up|' +
  'searched|searching|googled|googling|search history|how many|' +
  'how much|how high|how far|how deep|how long (?:it|would)|high enough|deep enough|enough to|would kill|keeps (?:a|the)|keeping (?:a|the)|' +
  'bought (?:a|some)|got hold of|just in case|in case|put aside|put by|saved up|saving up|hidden|hiding|stashed|mentioned|been up to|looking over|looking down|walk(?:s|ing|ed)? up to|keeps? (?:going|walking) (?:up )?to|knows how|hoarding|saving up (?:his|her|their|my) (?:tablets|pills|meds)|stockpil\\w*|been (?:standing|sitting|walking|going|stood|hanging around) (?:by|on|at|near|to)|' +
  'stood (?:by|on|at)|standing (?:by|on|at)|walked to|walking to|drove to|driving to|climbed|jump|jumping|jumped|drive into|driving into|crash (?:into|the car)|' +
  'taped|tape|attached|tied|hang|hanging)';

/** Being dead, ending, not being here, going. */
const DEATH =
  '(?:die|dying|dead|death|kill|killing|end it|end it all|ending it|end (?:his|her|their|my) life|not (?:be )?(?:here|around)|' +
  'wont (?:be )?(?:here|around)|never come back|finish it|finish (?:him|her|them|my)sel(?:f|ves)|not wake up|never wake up|be gone|suicide|final|for good|permanently|permanent)';

const RULES: { reason: 'suicide' | 'self-harm' | 'overdose'; pattern: RegExp; unless?: RegExp }[] = [
  // A method or place of danger with intent, or with death: "keeps a rope in the garage",
  // "thought about jumping off the viaduct", "asked if the multi storey was high enough".
  {
    reason: 'suicide',
    // A plural is the same means ("stood on bridges").
    pattern: new RegExp(`\\b${INTENT}\\b.*\\b${MEANS}s?\\b|\\b${MEANS}s?\\b.*\\b(?:${INTENT}|${DEATH})\\b|\\b${DEATH}\\b.*\\b${MEANS}s?\\b`),
    // Medicines and bridges are everyday: a dose question, a walk, a closed road.
    unless: new RegExp(
      '\\bstop smoking|\\bquit smoking|\\bnicotine|\\bchampix|\\bvarenicline|\\b(?:can (?:he|she|they|i|you|we)|(?:he|she|they|i|you|we) can) (?:still )?(?:give|donate|have|get|drink|drive|eat|fly|travel|work|use|go|swim)\\b|\\b(?:a day|per day|each day|every day|daily|twice a day|twice daily|malaria|travel|holiday|at night to sleep|safe(?:ly)? (?:to )?take|can (?:he|she|they|i) take|' +
        'how (?:many|much) (?:can|should|do|does)|dosette|prescription|repeat|review|ran out|run out|running out|missed|forgot|' +
        'collect|pick up|picking up|side effects|still needs?|need all of them|bridge (?:is |was )?closed|roadworks|walk(?:ing|ed)? (?:by|along) the (?:river|canal)|' +
        'fishing|dog walk|washing line|hanging (?:out|up) (?:the )?washing|picture|curtains|shelf|hang on|hanging on|hanging around)\\b',
    ),
  },
  // The person's own death or being with the dead: "wants to be with his wife now" (a
  // widower), "worth more dead", "not planning on being here at christmas".
  {
    reason: 'suicide',
    pattern: new RegExp(
      `\\b(?:wants?|wanted|wanting|wishe?s?|longs?|longing|ready|dying|desperate|cant wait) to (?:be with|join|see|go to|meet) ${POSS} (?:late |dead )?${KIN}\\b|` +
        `\\bjoin ${POSS} (?:late |dead )?${KIN}\\b|\\bbe with ${POSS} (?:late )?${KIN} (?:again|now|soon|in heaven|up there)\\b|` +
        '\\bworth more dead\\b|\\b(?:no one|nobody|noone|no body) (?:will|would|is going to|is gonna|gonna|wont even) (?:miss|notice|care about) (?:me|him|her|them|if|when)\\b|\\bwont be (?:here|around|alive)\\b.*\\b(?:much longer|for long|long now)\\b|\\b(?:not|wont) be a (?:bother|burden|nuisance) to (?:anyone|anybody|you|them|us) (?:much )?(?:longer|for long|any ?more)\\b|' +
        '\\bmade (?:his|her|their|my) peace\\b|\\b(?:sorted|sorting|arranged|planned|planning) (?:his|her|their|my) (?:own )?funeral\\b|\\bbetter off with(?:out)? (?:me|him|her|them|someone else|another mum|another mother)\\b|' +
        '\\b(?:do|doing) it (?:him|her|them|my)sel(?:f|ves)\\b|\\b(?:pray\\w*|asks? god|asking god|begs? god|begging god)\\b.*\\btake (?:her|him|me|them)\\b|' +
        '\\b(?:last|previous|recent|first|second|suicide) attempt\\b|\\b(?:think\\w*|thought) (?:about|of) (?:driving|crashing|walking|stepping|jumping|throwing (?:him|her|them|my)sel(?:f|ves)) (?:\\w+ )?(?:into|off|in front of|under)\\b|' +
        '\\bno point (?:to|in) any of it\\b|\\bwhats the point (?:of|in) (?:carrying on|going on|living|it all|being here|me)\\b|\\bfade away\\b|\\blet (?:me|him|her) (?:go|die|slip away)\\b|' +
        '\\b(?:thinking|thought|thinks|think) (?:about|of) ending (?:it|things|everything|(?:my|his|her|their) life|it all)\\b|\\b(?:wont|will not|not going to|not gonna) be (?:here|around)$|' +
        '\\bsee (?:you|them|everyone) on the other side\\b|\\bsearch\\w* (?:for )?(?:methods|ways to (?:die|go|end))|\\b(?:search\\w*|googl\\w*|browsing|internet|phone|laptop) history\\b(?: (?:re|about|for|on|of|into|showed|shows|full of|suicide|different|of different))* (?:methods|ways to (?:die|go|end|kill))\\b|\\b(?:looking|looked|look) (?:up|at) (?:methods|ways to (?:die|go|end it))\\b|\\bmethods online\\b|' +
        '\\b(?:hope|hopes|hoping|wish|wishes|wishing|pray\\w*)\\b.*\\b(?:doesnt|dont|wont|never|not) wake up\\b|\\b(?:taking|take|took) (?:us|them) both (?:out|with)\\b|' +
        '\\bsaid (?:his|her|their|my) goodbyes\\b|\\bbleed(?:ing)? out\\b|\\b(?:keeps? on|keeps? talking|talks|talking|going on|goes on) about (?:his|her|their|my) (?:own )?funeral\\b|' +
        '\\bdo it properly\\b|\\bstitched (?:his|her|their|my) wrists?\\b|\\bhad enough of (?:it all|all this|everything|life)\\b|' +
        '\\bbetter off dead\\b|\\bwants? to be dead\\b|\\bwish(?:es|ed)? (?:he|she|they|i) (?:was|were) dead\\b|' +
        '\\bnothing (?:left )?to live for\\b|\\bnothing left\\b.*\\b(?:live|living|life)\\b|\\bno point (?:me |in me |of me )?(?:being|living|staying|carrying|going on)\\b|' +
        '\\bnot (?:planning on|planning to be|going to be|gonna be) (?:being |be )?(?:here|around|alive)\\b|\\bwont be (?:here|around|alive) (?:for|at|by|when|to see|much longer|long)\\b|' +
        '\\bnot be (?:here|around) (?:for|at|by|when|to see)\\b|\\b(?:has|had|got|made|with) a plan\\b.*\\b(?:date|how|when|end|die|it)\\b|' +
        '\\ba plan and a date\\b|\\b(?:set|picked|chosen|chose|got) a date\\b|\\bworked out how\\b|\\bknows? (?:how|when) (?:he|she|they|i)d do it\\b|\\bhow (?:he|she|they|i) would do it\\b|' +
        '\\b(?:take|taking|took) (?:him|her|them|me)sel(?:f|ves) out\\b|\\b(?:do|doing|did) (?:him|her|them|my)sel(?:f|ves) in\\b|' +
        '\\bunalive\\b|\\bnot (?:wanting|want) to wake up\\b|\\bwishe?s? (?:he|she|they|i) (?:would|could|wouldnt) (?:not )?wake up\\b|' +
        '\\bdont (?:want|wanna) to (?:wake up|be here|live|exist)\\b|\\bgive up on (?:life|living|everything)\\b|\\bgiven up on (?:life|living)\\b|' +
        '\\bcant see (?:a|any) future\\b|\\bno future\\b|\\bcant do (?:this|it) any ?more\\b|\\b(?:end|ending) (?:it|things|everything) (?:soon|tonight|today|now|for good)\\b|' +
        '\\b(?:the )?world (?:would be|is) better without (?:me|him|her|them)\\b|\\beveryone would be better off\\b|\\bbetter off without (?:me|him|her|them|us)\\b',
    ),
    unless: /\b(?:moving|move|emigrat\w*|abroad|spain|holiday|relocat\w*|working away|new job|retiring to)\b/,
  },
  // Farewells and affairs put in order.
  {
    reason: 'suicide',
    pattern: new RegExp(
      '\\bgoodbye (?:texts?|messages?|notes?|letters?|calls?|emails?|posts?|videos?)\\b|\\b(?:sent|sending|texted|messaged) (?:everyone |his |her |their )?goodbyes?\\b|' +
        '\\bsaid (?:bye|goodbye) (?:like|as if|as though)\\b|\\bsaying (?:bye|goodbye) (?:like|as if|as though)\\b|' +
        `\\b(?:a |the )?(?:note|letter|letters|notes) (?:for|to) ${POSS} (?:kids|children|family|${KIN})\\b|\\bnote (?:she|he|they)s (?:written|left)\\b|\\b(?:written|wrote|writing|left) (?:a )?(?:note|letter|letters) (?:for|to) (?:his|her|their|my) (?:kids|children|family|${KIN})\\b|` +
        '\\b(?:sorting|sorted|putting|put|getting|got) (?:his|her|their|my)? ?(?:affairs|things|stuff|life) (?:in order|sorted)\\b|\\b(?:sorting|sorted|sorting out|sorted out) (?:his|her|their|my) affairs\\b|' +
        '\\b(?:give|gave|given|giving|gives) (?:the|his|her|their|my) (?:dog|cat|pets?|budgie|birds|pigeons) (?:away |to )|' +
        '\\b(?:give|gave|given|giving|gives) (?:away )?(?:his|her|their|my|all (?:his|her|their|my)) (?:dog|cat|pets?|things|stuff|belongings|possessions|jewellery|medals|watch|guitar|ring|savings|money|tools|clothes)(?: away)?\\b|' +
        '\\bwont (?:need|be needing) (?:it|them|these|those|any of (?:it|this|them))\\b|\\bwhere (?:im|hes|shes|theyre) going\\b|' +
        '\\bthank(?:ed|ing|s)? (?:me|us|you|everyone|everybody|them) for everything\\b|\\b(?:sorted|sorting|decided|arranged|worked) (?:out )?who (?:gets|has|will have|takes|will get) (?:the|his|her|my|their)\\b|' +
        '\\b(?:gave|given|giving) (?:away )?(?:his|her|their|my) (?:good |best |favourite |precious |wedding )?\\w+ (?:away|to (?:her|his|their|a|the) (?:neighbour|friend|sister|brother|son|daughter|niece|nephew|grandson|granddaughter|mate))\\b|' +
        '\\b(?:saying|said|says|texted|messaged|message|text)\\b.{0,40}\\bsorry\\b.{0,30}\\blove[sd]? (?:you|them|us|everyone|him|her)\\b|' +
        '\\bsorry for everything\\b|\\bwhen (?:im|hes|shes|theyre) gone\\b|' +
        '\\blast time (?:you|youll|we|well|anyone) (?:see|ll see|will see)\\b|\\b(?:wrote|written|writing|made|changed|updated|rewrote) (?:a |his |her |their |my )?will\\b.*\\b(?:affairs|calm|goodbye|plan|odd|sudden|suddenly|out of the blue)\\b',
    ),
    unless: /\b(?:moving|emigrat\w*|abroad|holiday|relocat\w*|house move|money advice|solicitor|power of attorney)\b/,
  },
  // A hose and a car together: the exhaust method, however the note lists them ("left with car keys + hosepipe").
  {
    reason: 'suicide',
    pattern: /\b(?:hosepipe|hose pipe|hose|tubing)\b.*\b(?:car|van|exhaust)\b|\b(?:car|van|exhaust)\b.*\b(?:hosepipe|hose pipe|tubing)\b/,
    unless: /\b(?:wash\w*|clean\w*|valet\w*|garden\w*|water\w*|plants?|lawn|leak\w*|ban|fix\w*|mend\w*|bought a new|repair\w*)\b/,
  },
  // Questions about a lethal amount.
  {
    reason: 'overdose',
    pattern: new RegExp(
      `\\b(?:how many|how much|what amount|enough)\\b.*\\b(?:would|could|will|to)\\b.*\\b(?:kill|be fatal|be lethal|be too many|be too much|finish|do it|stop (?:his|her|my|their) heart|be enough)\\b|` +
        `\\b(?:lethal|fatal|deadly) (?:dose|amount|overdose)\\b|\\bhow many\\b.*\\btoo many\\b|\\b${MEANS}\\b.*\\b(?:lethal|fatal|deadly)\\b`,
    ),
  },
  // Overdose or poisoning already taken, in everyday words.
  {
    reason: 'overdose',
    pattern: new RegExp(
      `\\b(?:took|taken|swallowed|had|has had|necked) (?:\\d+|twenty|thirty|forty|fifty|sixty|a hundred) (?:of )?(?:(?:his|her|their|my|the) )?(?:tablets|pills|paracetamol|co codamol|painkillers|sleeping tablets)\\b|\\b(?:found|caught) (?:him|her|them) with (?:a load|loads|a lot|a handful|handfuls|a pile|all) of (?:pills|tablets|paracetamol|meds)\\b|` +
        `\\b(?:took|taken|takes|swallowed|necked|downed) (?:a |an |the |all |loads |lots )?(?:od|load of|lot of|bottle of|box of|packet of|packets of|whole)\\b|\\btook (?:an |a )?od\\b|\\bwent od\\b|\\bod d\\b|\\boded\\b`,
    ),
  },
  // Buying painkillers in bulk, or coming back for more: a warning sign pharmacy staff are taught.
  {
    reason: 'overdose',
    pattern: /\b(?:two|three|four|five|several|multiple|lots of|loads of|2|3|4|5) (?:packs|packets|boxes) of (?:paracetamol|painkillers|co ?codamol|ibuprofen|aspirin|tablets|pills|sleeping tablets)\b.*\b(?:another|more|again|came back|other shop|other pharmacy|colleague|doesnt matter|wont matter)\b|\bcame back (?:later )?(?:for|and (?:got|bought)) (?:more|another)\b.*\b(?:paracetamol|painkillers|tablets|pills)\b/,
  },
  // Stopping life-saving medicine on purpose to die.
  {
    reason: 'suicide',
    pattern: /\b(?:stopped|stopping|stop|not taking|refusing|quit|quitting)\b.*\b(?:tablets|pills|meds|medication|medicine|insulin|eating|drinking|food|dialysis|treatment)\b.*\b(?:to go|wants to go|to die|had enough|so (?:he|she|they|i) (?:can|could|will|would) (?:go|die)|on purpose|deliberately|wants to go|ready to go|let (?:it|nature) take|end it)\b/,
  },
  // Marks and wounds that look self-inflicted, or hurting oneself to feel or cope.
  {
    reason: 'self-harm',
    pattern: new RegExp(
      '\\b(?:fresh|new|recent|deep|healing|self inflicted|lots of|loads of|rows of|lines of|neat)? ?(?:cuts|cut marks|scratches|slashes|burns|burn marks|cigarette burns|marks|scars|wounds|lacerations|bruising round)\\b ' +
        '(?:\\w+ )?(?:on|across|up|down|round|around|all over) (?:his|her|their|my|both)? ?(?:fore)?(?:arms?|wrists?|thighs?|legs?|neck|stomach|tummy|belly|chest)\\b|' +
        '\\b(?:marks|bruising|bruises|redness) (?:round|around) (?:his|her|their|my)? ?neck\\b|\\bfresh ones\\b|\\b(?:only )?(?:does|did) it when\\b|' +
        '\\b(?:hitting|hits|banging|bangs|bashing|bashes|punching|punches) (?:his|her|their|my) (?:head|fists?|hands?) (?:against|on|into)\\b|\\bhates? (?:him|her|them|my)sel(?:f|ves)\\b.*\\b(?:hit|hitting|cut|cutting|burn|burning|hurt|hurting|harm|bang|banging)\\w*\\b|' +
        '\\b(?:does|did|doing) it to (?:feel|cope|punish|release|get rid|numb|stop)\\b|\\b(?:cuts|cut|burns|burned|burnt|scratches|scratched|hits|bangs|banging|punches|hurts|harms) (?:him|her|them|my|your)sel(?:f|ves)\\b|' +
        '\\b(?:to feel something|to feel pain|to feel in control|to punish (?:him|her|them|my)sel(?:f|ves))\\b|\\blong sleeves\\b.*\\b(?:cuts|marks|scars|hiding|hide|july|summer|heat|hot)\\b|\\b(?:hiding|hides|covering|covers) (?:cuts|marks|scars|wounds)\\b',
    ),
    unless: /\b(?:track marks|needle|needles|injecting|inject|injection sites?|finger|thumb|hand|knee|shin|toe|gardening|garden|kitchen|cooking|chopping|oven|iron|fell|fall|fall(?:en)?|trip(?:ped)?|cat|dog scratch|eczema|rash|sunburn|operation|surgery|stitches from)\b/,
  },
];

export type ConceptReason = 'suicide' | 'self-harm' | 'overdose';

/** The risk concept a sentence expresses, if any. */
export function conceptSignal(sentence: string): ConceptReason | undefined {
  for (const rule of RULES) {
    if (rule.pattern.test(sentence) && !(rule.unless && rule.unless.test(sentence))) return rule.reason;
  }
  return undefined;
}
