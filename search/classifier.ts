import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { NeuralNetwork } from '@nlpjs/neural';
import { isStopword, normalise, stem, words } from './text';

export interface Example {
  text: string;
  label: string;
}

export interface Scored {
  label: string;
  /** This label's share of all labels' activation, 0 to 1. */
  score: number;
  /** The label's own output, about 1 for a text like its training examples and 0 for one unlike them. */
  activation: number;
}

/**
 * Function words that change what a phrase means ("killing me", "end it all", "not here"),
 * kept although the topic matcher drops them. Who said it ("she said", "he told me") is
 * dropped: it is how staff write, not what was said, and would teach the network a style.
 */
const MEANINGFUL = new Set(['me', 'myself', 'himself', 'herself', 'themselves', 'it', 'all', 'no', 'not', 'never', 'here', 'around', 'any', 'more', 'anymore', 'own', 'off', 'out', 'over', 'down', 'od']);

const MIN_KNOWN_FEATURES = 2;
/** Bump when features() changes, so networks cached under the old features are not reused. */
const FEATURES_VERSION = 1;

/**
 * What the network sees of a text: word stems and pairs of neighbouring stems. Pairs carry the
 * difference between "killing me" and "kill for", which single words cannot.
 */
export function features(text: string): Record<string, number> {
  const stems = words(normalise(text)).filter((w) => MEANINGFUL.has(w) || (w.length > 2 && !isStopword(w))).map(stem);
  const out: Record<string, number> = {};
  for (let i = 0; i < stems.length; i++) {
    out[stems[i]] = 1;
    if (i + 1 < stems.length) out[`${stems[i]}_${stems[i + 1]}`] = 1;
  }
  return out;
}

/**
 * A text classifier trained in-process from example phrasings, using NLP.js's neural network
 * (one layer of perceptrons over stemmed words and word pairs, the network NLP.js trains for
 * chatbot intents). It needs no network access and no model download, and trains in a second
 * or two from the examples in directory-data/, so maintainers teach it by adding a phrasing.
 */
export class TextClassifier {
  private constructor(private readonly network: NeuralNetwork) {}

  static train(examples: Example[], settings: { iterations?: number; cacheDir?: string } = {}): TextClassifier {
    const iterations = settings.iterations ?? 2000;
    // Training takes about a second; the same examples always give the same network, so a
    // trained network is kept on disk by the hash of what it learned from and start-up reads it.
    const key = createHash('sha256').update(JSON.stringify([FEATURES_VERSION, iterations, examples])).digest('hex').slice(0, 16);
    const cacheDir = settings.cacheDir ?? process.env.UNDERSTANDING_CACHE_DIR ?? join(dirname(require.resolve('@nlpjs/neural/package.json')), '..', '..', '.cache', 'mecc-understanding');
    const file = join(cacheDir, `${key}.json`);
    try {
      const network = new NeuralNetwork();
      network.fromJSON(JSON.parse(readFileSync(file, 'utf8')));
      return new TextClassifier(network);
    } catch {
      /* not trained yet, or unreadable: train again */
    }
    const network = new NeuralNetwork({ iterations, log: false });
    const corpus = examples
      .map((e) => ({ input: features(e.text), output: { [e.label]: 1 } }))
      .filter((e) => Object.keys(e.input).length > 0);
    network.train(corpus);
    try {
      mkdirSync(cacheDir, { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(network.toJSON()));
      renameSync(tmp, file); // whole or not at all: a reader never sees half a network
    } catch {
      /* a read-only install trains at every start; slower, never wrong */
    }
    return new TextClassifier(network);
  }

  /**
   * Labels best first; empty when fewer than two of the text's words and word pairs were in the
   * training examples: the network's shares mean nothing for "is this thing on".
   */
  classify(text: string): Scored[] {
    const input = features(text);
    if ((this.network.lookup?.transformInput(input).keys.length ?? 0) < MIN_KNOWN_FEATURES) return [];
    const raw = (this.network.run(input) ?? {}) as Record<string, number>;
    const total = Object.values(raw).reduce((a, b) => a + b, 0);
    if (!(total > 0)) return [];
    return Object.entries(raw)
      .map(([label, v]) => ({ label, score: v / total, activation: v }))
      .sort((a, b) => b.score - a.score);
  }

  /** One label's share and activation (both 0 when the text is unknown to the network). */
  score(text: string, label: string): Scored {
    return this.classify(text).find((s) => s.label === label) ?? { label, score: 0, activation: 0 };
  }
}
