import type { Directory } from '../../directory/load';
import { type Example, TextClassifier } from '../classifier';
import type { Shorthand } from '../shorthand';

/**
 * Trains the crisis classifier from the directory's example phrasings: risk against its
 * look-alikes and against the everyday descriptions of every other topic, so "the boiler has
 * died" and "can't afford to heat the house" teach it what is not risk as much as the idioms do.
 */
export function crisisClassifier(directory: Pick<Directory, 'crisisExamples' | 'topics'>, shorthand?: Shorthand): TextClassifier {
  const examples: Example[] = [
    ...directory.crisisExamples.risk.map((e) => ({ text: e.text, label: 'crisis' })),
    ...directory.crisisExamples.lookAlikes.map((e) => ({ text: e.text, label: 'other' })),
    ...directory.topics.filter((t) => t.id !== 'suicide-prevention').flatMap((t) => [...t.examples, ...t.synonyms].map((text) => ({ text, label: 'other' }))),
  ];
  return TextClassifier.train(shorthand ? shorthand.readExamples(examples) : examples);
}
