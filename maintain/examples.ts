import type { Directory } from '../directory/load';
import { normalise } from '../search/text';
import { Signposter } from '../search/answer';
import type { Finding } from './checks';

/**
 * What a maintainer's new example phrasing will do: an example that the bot answers with
 * another topic (or with nothing) teaches staff to expect an answer they will not get, and the
 * same phrasing under two topics teaches the classifier nothing but doubt. Both are warnings:
 * the example still helps, and the maintainer decides which topic it belongs to.
 */
export function checkExamples(directory: Directory): Finding[] {
  const signposter = new Signposter(directory);
  const findings: Finding[] = [];
  const owners = new Map<string, string[]>();
  for (const topic of directory.topics) {
    const file = `topics/${topic.id}.json`;
    topic.examples.forEach((example, i) => {
      const key = normalise(example);
      owners.set(key, [...(owners.get(key) ?? []), topic.id]);
      const answer = signposter.ask(example);
      if (answer.crisis || answer.topic === topic.id) return;
      findings.push({
        file,
        record: topic.id,
        field: `examples[${i}]`,
        rule: 'example-answered-elsewhere',
        severity: 'warning',
        message: `"${example}" is answered with ${answer.topic ? `the topic '${answer.topic}'` : 'no topic'}: add a synonym or reword the example so it says what staff mean`,
      });
    });
  }
  for (const [key, topics] of owners) {
    const distinct = [...new Set(topics)];
    if (distinct.length < 2) continue;
    for (const id of distinct) {
      findings.push({
        file: `topics/${id}.json`,
        record: id,
        field: 'examples',
        rule: 'example-collision',
        severity: 'warning',
        message: `the example "${key}" is also an example of ${distinct.filter((t) => t !== id).map((t) => `'${t}'`).join(' and ')}: keep it under one topic`,
      });
    }
  }
  return findings;
}
