import type { TopicId } from '../directory/ids';
import type { Topic } from '../directory/schema';
import { TextClassifier } from './classifier';
import type { Shorthand } from './shorthand';

/** The classifier's label for a message with no cue. */
export const NO_TOPIC = 'none';

export interface TopicGuess {
  topic: TopicId | typeof NO_TOPIC;
  score: number;
  activation: number;
}

/** A guess this sure, and this far ahead of the next, is an answer rather than a "did you mean". */
const SURE_SHARE = 0.45;
const SURE_ACTIVATION = 0.4;

/**
 * Topics from descriptions: a classifier trained on each topic's example phrasings (how staff
 * describe what they saw: "wearing a coat indoors", "bun in the oven") and its synonyms. The
 * phrase matcher answers when it finds a topic's words; this answers when staff describe the cue
 * in other words. Maintainers teach it by adding to a topic's `examples`.
 */
export class TopicClassifier {
  private readonly classifier: TextClassifier;

  constructor(topics: Topic[], chitChat: readonly { text: string }[] = [], shorthand?: Shorthand) {
    const examples = [
      ...topics.flatMap((t) => [t.title, ...t.synonyms, ...t.examples].map((text) => ({ text, label: t.id }))),
      // "Is this thing on", "skint till payday lol": what a message with no cue sounds like.
      ...chitChat.map((e) => ({ text: e.text, label: NO_TOPIC })),
    ];
    this.classifier = TextClassifier.train(shorthand ? shorthand.readExamples(examples) : examples);
  }

  /** Topics best first, with the network's share and activation. */
  guesses(text: string): TopicGuess[] {
    return this.classifier.classify(text).map((s) => ({ topic: s.label as TopicId, score: s.score, activation: s.activation }));
  }

  /** The topic when the network is sure of it; otherwise none. */
  sure(text: string): TopicGuess | undefined {
    const [top] = this.guesses(text);
    return top && top.score >= SURE_SHARE && top.activation >= SURE_ACTIVATION ? top : undefined;
  }
}
