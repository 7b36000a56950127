import type { Directory, NamedLocation } from '../directory/load';
import type { PlaceId, TopicId } from '../directory/ids';
import type { Service } from '../directory/schema';
import { CrisisDetector, type CrisisSignal, withoutIdioms } from './crisis';
import { RiskFamilies } from './crisis/families';
import { crisisClassifier } from './crisis/training';
import { detectIntent, type Intent, PLACE_WORDS } from './intent';
import { PlaceFinder } from './place';
import { reach, servicesFor, shortList } from './rank';
import { type TopicScore, TopicMatcher } from './topic';
import { NO_TOPIC, type TopicGuess, TopicClassifier } from './topic-classifier';
import { Shorthand } from './shorthand';
import { normalise, STOPWORDS, words } from './text';

export type AnswerKind = 'topic' | 'crisis' | 'did-you-mean' | 'place' | 'intent' | 'none';

export interface Answer {
  kind: AnswerKind;
  intent?: Intent;
  topic: TopicId | null;
  /** The Place the answer is for: named in the message, else the remembered one. */
  place: PlaceId | null;
  /** True when the message itself named the Place. */
  placeFromMessage: boolean;
  crisis: boolean;
  crisisReason?: CrisisSignal['reason'];
  /** Nearest services first, for the card's short list; crisis lines lead a crisis answer. */
  services: Service[];
  /** Every service for the topic and Place, for "More services". */
  allServices: Service[];
  /** Other topics: nearest guesses when unsure, related topics when sure. */
  alternatives: TopicId[];
  /**
   * Other topics the same message also described ("smoker, drinks too much and keeps
   * falling": alcohol and falls beside smoking), strongest first. Set by the matcher; a
   * missing field means none. The topic card offers them as buttons.
   */
  otherCues?: TopicId[];
}

/** Every word of a Place, town, practice or site name: none of them is a misspelt crisis word. */
function placeWords(locations: NamedLocation[]): Set<string> {
  const out = new Set<string>();
  for (const loc of locations) for (const w of words(normalise(loc.name))) if (w.length >= 4) out.add(w);
  return out;
}

/** How sure the classifier must be that a message carries no cue before it outweighs a borrowed topic word. */
const NO_CUE_SHARE = 0.5;
const NO_CUE_ACTIVATION = 0.5;

/** A topic the classifier read, not its "no cue" label (nor suicide prevention, which only the crisis net answers). */
function isTopic(topic: TopicGuess['topic']): topic is TopicId {
  return topic !== NO_TOPIC && topic !== 'suicide-prevention';
}

/** How much the classifier's reading counts against the phrase scores when several topics are named. */
const DESCRIPTION_WEIGHT = 1;

/** A top score this many times the runner-up's is a confident answer. */
const MARGIN = 1.2;

/** Indexes built once per directory version: matching a message touches no files. */
export class Signposter {
  private readonly matcher: TopicMatcher;
  private readonly places: PlaceFinder;
  private readonly crisis: CrisisDetector;
  private readonly described: TopicClassifier;
  private readonly shorthand: Shorthand;

  /** Services by topic, and ranked lists by topic and Place: built once, reused by every answer. */
  private readonly byTopic = new Map<TopicId, Service[]>();
  private readonly ranked = new Map<string, Service[]>();

  constructor(readonly directory: Directory) {
    for (const service of directory.services) {
      for (const topic of service.topics) {
        const list = this.byTopic.get(topic) ?? [];
        list.push(service);
        this.byTopic.set(topic, list);
      }
    }
    this.matcher = new TopicMatcher(directory.topics, directory.services);
    this.places = new PlaceFinder(directory.locations, new Set([...this.matcher.knownWords, ...STOPWORDS]), directory.neighbours);
    const shorthand = new Shorthand(directory.shorthand ?? []);
    this.shorthand = shorthand;
    this.described = new TopicClassifier(directory.topics, directory.chitChat, shorthand);
    this.crisis = new CrisisDetector({ exemptWords: placeWords(directory.locations), classifier: crisisClassifier(directory, shorthand),
      families: directory.riskConcepts ? new RiskFamilies(directory.riskConcepts) : undefined,
      shorthand,
    });
  }

  ask(input: string, options: { place?: PlaceId | null } = {}): Answer {
    // Teams always sends text, but a tampered activity may not: read anything else as empty.
    const message = typeof input === 'string' ? input : '';
    const text = normalise(message);
    const signal = this.crisis.detect(message);
    // "This queue is killing me" says nothing of suicide prevention; "the boiler's died" is still a cold home.
    const tokens = words(withoutIdioms(this.shorthand.expand(text)));
    const found = this.places.find(tokens);
    const place = found?.place ?? options.place ?? null;
    const rest = found ? [...tokens.slice(0, found.start), ...tokens.slice(found.end)] : tokens;
    let intent = detectIntent(text);

    const base = { place, placeFromMessage: Boolean(found), crisis: signal.crisis, crisisReason: signal.reason };
    const empty = { services: [], allServices: [], alternatives: [] };

    if (intent === 'train' || intent === 'practice') {
      const match = this.matcher.match(rest.slice(1));
      const top = match.ranked[0];
      const topic = top?.whole ? top.topic : null;
      // A trainer may demo suicide prevention: its walkthrough opens with the crisis block.
      // Any other crisis signal still gets crisis support first.
      if (!signal.crisis || topic === 'suicide-prevention') {
        return { kind: 'intent', intent, topic, ...base, ...empty, alternatives: match.ranked.slice(0, 3).map((r) => r.topic) };
      }
    }

    if (signal.crisis) return this.topicAnswer('crisis', 'suicide-prevention', base, []);
    if (intent === 'maintainers') return { kind: 'intent', intent, topic: null, ...base, ...empty };

    const onlyPlaceWords = rest.every((w) => PLACE_WORDS.has(w) || STOPWORDS.has(w));
    if (intent === 'set-place' && (!found || onlyPlaceWords)) return { kind: 'place', intent, topic: null, ...base, ...empty };
    if (found && onlyPlaceWords) return { kind: 'place', intent: 'set-place', topic: null, ...base, ...empty };
    if (intent === 'set-place') intent = undefined;

    const match = this.matcher.match(rest);
    // The suicide-prevention card without the crisis net raising it would be a crisis answer
    // without crisis support: its words here were figurative or denied ("no thoughts of harm").
    if (!match.services.length) match.ranked = match.ranked.filter((r) => r.topic !== 'suicide-prevention');
    const guesses = this.described.guesses(rest.join(' '));
    const [top, second] = this.weighDescriptions(match.ranked, guesses);
    // "Skint till payday lol", "is this thing on": the classifier has heard this kind of message
    // carry no cue, and the topic it borrows a word from does not come through in its reading.
    const [reading] = guesses;
    const noCue = reading?.topic === NO_TOPIC && reading.score >= NO_CUE_SHARE && reading.activation >= NO_CUE_ACTIVATION;
    if (noCue && !(top && guesses.some((g) => g.topic === top.topic && g.score >= NO_CUE_SHARE / 3))) {
      return { kind: 'none', topic: null, ...base, ...empty };
    }
    const confident =
      // Two topics both named in full ("smoker with copd") is not doubt: answer the stronger
      // and offer the other beside it.
      top?.whole ||
      // No whole phrase, but half or more of one whose words belong to one topic only, and no
      // other topic in sight: "panic" (of "panic attacks") is mental wellbeing.
      (top && !second && top.coverage >= 0.5 && top.distinctive && match.unknownWords === 0);
    if (confident) {
      const related = match.ranked.slice(1).filter((r) => r.whole && r.score >= top.score / MARGIN ** 4).slice(0, 2).map((r) => r.topic);
      return { ...this.topicAnswer('topic', top.topic, base, related, match.services), otherCues: related };
    }
    if (intent) return { kind: 'intent', intent, topic: null, ...base, ...empty };
    // No topic named: staff may have described one ("wearing a coat indoors, heating off").
    const described = this.described.sure(rest.join(' '));
    if (described && described.topic !== 'suicide-prevention' && described.topic !== NO_TOPIC) {
      const others = guesses.slice(1, 3).filter((g) => g.score >= 0.2).map((g) => g.topic).filter(isTopic);
      return this.topicAnswer('topic', described.topic, base, others, match.services);
    }
    if (top) {
      const guesses = match.ranked.filter((r) => r.score >= top.score * 0.3).slice(0, 3).map((r) => r.topic);
      return { kind: 'did-you-mean', topic: null, ...base, ...empty, alternatives: guesses };
    }
    return { kind: 'none', topic: null, ...base, ...empty };
  }

  /**
   * Two or more topics named ("lives alone, steep stairs, rugs everywhere"): the phrase scores
   * and the classifier's reading of the whole description decide together which leads.
   */
  private weighDescriptions(ranked: TopicScore[], guesses: TopicGuess[]): TopicScore[] {
    const named = ranked.filter((r) => r.whole);
    if (named.length < 2 || !guesses.length) return ranked;
    const share = new Map(guesses.map((g) => [g.topic, g.score]));
    const best = named[0].score;
    const weight = (r: TopicScore) => r.score / best + DESCRIPTION_WEIGHT * (share.get(r.topic) ?? 0);
    const lead = named.reduce((a, b) => (weight(b) > weight(a) ? b : a));
    return [lead, ...ranked.filter((r) => r !== lead)];
  }

  private topicAnswer(kind: 'topic' | 'crisis', topic: TopicId, base: Omit<Answer, 'kind' | 'topic' | 'services' | 'allServices' | 'alternatives'>, alternatives: TopicId[], named: string[] = []): Answer {
    const all = this.servicesFor(topic, base.place, named);
    const { local, national } = shortList(all);
    const crisisLines = kind === 'crisis' || topic === 'suicide-prevention' ? this.directory.crisisLines : [];
    const services = [...new Set([...crisisLines, ...local, ...national])];
    return { kind, topic, ...base, services, allServices: all, alternatives };
  }

  /** Every service for the topic that serves the Place, nearest first; services named in the message lead. */
  servicesFor(topic: TopicId, place: PlaceId | null, named: string[] = []): Service[] {
    const key = `${topic}|${place ?? ''}`;
    let list = this.ranked.get(key);
    if (!list) {
      list = servicesFor(this.byTopic.get(topic) ?? [], topic, place);
      this.ranked.set(key, list);
    }
    if (!named.length) return list;
    // Named services first, then the ranked list as it is: no re-sort of a long list.
    const ids = new Set(named);
    const pinned = named.map((id) => this.directory.service(id)).filter((s): s is Service => s !== undefined && reach(s, place) !== undefined);
    return [...new Set(pinned), ...list.filter((s) => !ids.has(s.id))];
  }

  /** An answer for a topic chosen from a card button rather than typed. */
  topic(topic: TopicId, place: PlaceId | null): Answer {
    return this.topicAnswer('topic', topic, { place, placeFromMessage: false, crisis: false }, []);
  }
}
