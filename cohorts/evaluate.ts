import { AGE_BAND_IDS, type AgeBandId } from '../activity/vocabulary';
import { isTopicId, type TopicId } from '../directory/ids';
import type { Signposter } from '../search/answer';
import { decideForPerson, replyTopic } from './decide';
import { describePerson, LIFE_STAGES, type LifeStage, type Person, type Sex } from './person';

/** One row of a cohort query set (columns query, age_band, sex, life_stage, topic, crisis; `|` joins acceptable values). */
export interface CohortRow {
  query: string;
  ageBands: AgeBandId[];
  sex: Sex[];
  lifeStages: LifeStage[];
  topics: TopicId[];
  crisis: boolean;
}

function cellValues<T extends string>(cell: string, allowed: readonly string[], what: string, line: number): T[] {
  const values = cell.split('|').map((v) => v.trim().toLowerCase()).filter((v) => v && v !== 'none' && v !== '-');
  for (const v of values) if (!allowed.includes(v)) throw new Error(`line ${line}: unknown ${what} '${v}' (expected one of ${allowed.join(', ')})`);
  return values as T[];
}

export function parseCohortSet(tsv: string): CohortRow[] {
  const lines = tsv.split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = lines.shift()?.split('\t').map((h) => h.trim().toLowerCase()) ?? [];
  const col = (name: string) => header.indexOf(name);
  for (const name of ['query', 'age_band', 'sex', 'life_stage']) if (col(name) < 0) throw new Error(`the header must name the columns query, age_band, sex, life_stage, topic, crisis (missing ${name})`);
  return lines.map((line, i) => {
    const cells = line.split('\t');
    const cell = (name: string) => (col(name) >= 0 ? (cells[col(name)] ?? '').trim() : '');
    const topics = cell('topic').split('|').map((t) => t.trim()).filter((t) => t && t !== 'none');
    for (const t of topics) if (!isTopicId(t)) throw new Error(`line ${i + 2}: unknown topic '${t}'`);
    return {
      query: cells[col('query')] ?? '',
      ageBands: cellValues<AgeBandId>(cell('age_band'), AGE_BAND_IDS, 'age band', i + 2),
      sex: cellValues<Sex>(cell('sex'), ['male', 'female'], 'sex', i + 2),
      lifeStages: cellValues<LifeStage>(cell('life_stage'), LIFE_STAGES, 'life stage', i + 2),
      topics: topics as TopicId[],
      crisis: /^(yes|y|true|1)$/i.test(cell('crisis')),
    };
  });
}

/**
 * Right when nothing was expected and nothing was read, or when something was read and every
 * value read is one of those accepted: "in his 60s" read as 50-64 or 65-74 is right only if
 * both are accepted.
 */
function setRight<T>(read: T[], accepted: T[]): boolean {
  if (!accepted.length) return read.length === 0;
  return read.length > 0 && read.every((v) => accepted.includes(v));
}

export interface CohortResult {
  row: CohortRow;
  person: Person | null;
  topic: TopicId | null;
  crisis: boolean;
  ageOk: boolean;
  sexOk: boolean;
  stageOk: boolean;
  cohortOk: boolean;
  topicOk: boolean;
  crisisOk: boolean;
}

export interface CohortSummary {
  queries: number;
  cohort_accuracy: number;
  age_band_accuracy: number;
  sex_accuracy: number;
  life_stage_accuracy: number;
  topic_accuracy: number;
  crisis_recall: number;
  crisis_expected: number;
  false_crisis_alarms: number;
}

/**
 * Scores the person read from each message, and the topic and crisis the reply leads with, as
 * cohorts/decide.ts decides it (a cohort card answers no topic). `today` is the clock for dates
 * of birth ("DOB 1948"); without it, the machine's.
 */
export function evaluateCohorts(signposter: Signposter, rows: CohortRow[], options: { today?: Date } = {}): { results: CohortResult[]; summary: CohortSummary } {
  const results = rows.map((row): CohortResult => {
    // Ages from dates of birth depend on the day: a set is scored on the day it was written for.
    const person = describePerson(row.query, { today: options.today });
    const answer = signposter.ask(row.query);
    const ageOk = setRight(person?.ageBands ?? [], row.ageBands);
    const sexOk = setRight(person?.sex ? [person.sex] : [], row.sex);
    const stageOk = setRight(person?.lifeStages ?? [], row.lifeStages);
    const topic = replyTopic(decideForPerson(signposter, row.query, answer, person), answer);
    const topicOk = row.topics.length ? topic !== null && row.topics.includes(topic) : topic === null;
    return { row, person, topic, crisis: answer.crisis, ageOk, sexOk, stageOk, cohortOk: ageOk && sexOk && stageOk, topicOk, crisisOk: answer.crisis === row.crisis };
  });
  const n = results.length || 1;
  const share = (f: (r: CohortResult) => boolean) => results.filter(f).length / n;
  const expected = results.filter((r) => r.row.crisis);
  return {
    results,
    summary: {
      queries: results.length,
      cohort_accuracy: share((r) => r.cohortOk),
      age_band_accuracy: share((r) => r.ageOk),
      sex_accuracy: share((r) => r.sexOk),
      life_stage_accuracy: share((r) => r.stageOk),
      topic_accuracy: share((r) => r.topicOk),
      crisis_recall: expected.length ? expected.filter((r) => r.crisis).length / expected.length : 1,
      crisis_expected: expected.length,
      false_crisis_alarms: results.filter((r) => !r.row.crisis && r.crisis).length,
    },
  };
}

/**
 * The topic accuracy of the replies on a topic query set (tests/queries/*.tsv), with the person
 * decision and without it: the decision must never cost a topic a set expects.
 */
export function replyTopicAccuracy(signposter: Signposter, rows: { query: string; topics: TopicId[] }[]): { search: number; reply: number; changed: { query: string; search: TopicId | null; reply: TopicId | null }[] } {
  let search = 0;
  let reply = 0;
  const changed: { query: string; search: TopicId | null; reply: TopicId | null }[] = [];
  const ok = (t: TopicId | null, topics: TopicId[]) => (topics.length ? t !== null && topics.includes(t) : t === null);
  for (const row of rows) {
    const answer = signposter.ask(row.query);
    const before = answer.kind === 'topic' || answer.kind === 'crisis' ? answer.topic : null;
    const after = replyTopic(decideForPerson(signposter, row.query, answer, describePerson(row.query)), answer);
    if (ok(before, row.topics)) search++;
    if (ok(after, row.topics)) reply++;
    if (before !== after) changed.push({ query: row.query, search: before, reply: after });
  }
  const n = rows.length || 1;
  return { search: search / n, reply: reply / n, changed };
}
