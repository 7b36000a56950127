import { isPlaceId, isTopicId, type PlaceId, type TopicId } from '../directory/ids';
import type { Answer, Signposter } from './answer';

export interface QueryRow {
  query: string;
  /** Acceptable topics; empty means no topic should be matched. */
  topics: TopicId[];
  place: PlaceId | null;
  crisis: boolean;
}

/** Reads a query set in the format of tests/queries/dev.tsv (see tests/queries/README.md). */
export function parseQuerySet(tsv: string): QueryRow[] {
  const lines = tsv.split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = lines.shift()?.split('\t').map((h) => h.trim().toLowerCase()) ?? [];
  const col = (name: string) => header.indexOf(name);
  if (col('query') < 0 || col('topic') < 0) throw new Error('the header must name the columns query, topic, place, crisis');
  return lines.map((line, i) => {
    const cells = line.split('\t');
    const cell = (name: string) => (col(name) >= 0 ? (cells[col(name)] ?? '').trim() : '');
    const topics = cell('topic') === 'none' || cell('topic') === '' ? [] : cell('topic').split('|').map((t) => t.trim());
    for (const t of topics) if (!isTopicId(t)) throw new Error(`line ${i + 2}: unknown topic '${t}'`);
    const place = cell('place') || null;
    if (place !== null && !isPlaceId(place)) throw new Error(`line ${i + 2}: unknown Place '${place}'`);
    return { query: cells[col('query')] ?? '', topics: topics as TopicId[], place, crisis: /^(yes|y|true|1)$/i.test(cell('crisis')) };
  });
}

export interface EvalSummary {
  queries: number;
  topic_accuracy: number;
  place_accuracy: number;
  crisis_recall: number;
  crisis_expected: number;
  false_crisis_alarms: number;
  misses: number;
}

export interface EvalResult {
  row: QueryRow;
  answer: Answer;
  topicOk: boolean;
  placeOk: boolean;
  crisisOk: boolean;
  ok: boolean;
}

export function evaluate(signposter: Signposter, rows: QueryRow[]): { results: EvalResult[]; summary: EvalSummary } {
  const results = rows.map((row) => {
    const answer = signposter.ask(row.query);
    const topicOk = row.topics.length === 0 ? answer.topic === null : answer.topic !== null && row.topics.includes(answer.topic);
    const placeOk = answer.place === row.place;
    const crisisOk = answer.crisis === row.crisis;
    return { row, answer, topicOk, placeOk, crisisOk, ok: topicOk && placeOk && crisisOk };
  });
  const n = results.length || 1;
  const crisisExpected = results.filter((r) => r.row.crisis);
  return {
    results,
    summary: {
      queries: results.length,
      topic_accuracy: results.filter((r) => r.topicOk).length / n,
      place_accuracy: results.filter((r) => r.placeOk).length / n,
      crisis_recall: crisisExpected.length ? crisisExpected.filter((r) => r.answer.crisis).length / crisisExpected.length : 1,
      crisis_expected: crisisExpected.length,
      false_crisis_alarms: results.filter((r) => !r.row.crisis && r.answer.crisis).length,
      misses: results.filter((r) => !r.ok).length,
    },
  };
}
