import { COUNTY_PLACE_IDS, PLACE_IDS } from '../directory/ids';
import type { Problem } from '../directory/problems';
import { normaliseDate } from '../maintain/dates';
import {
  NEW_ID_INPUT, RETIRE_REASON_INPUT, RETIRE_SUCCESSORS_INPUT, REVIEWED_INPUT, SERVICE_FIELDS, SOURCE_FIELDS, supportWord, TOPIC_FIELDS,
} from './fields';
import { changedFieldNames, fieldsOf, recordFrom } from './merge';
import type { ChangeKind } from './proposal';
import { type Json, type RecordRef, recordFile } from './records';

/** A problem with a proposed change: a directory Problem, with the rule and how serious (as validate gives them). */
export interface EditProblem extends Problem {
  rule: string;
  severity: 'error' | 'warning';
}

/** What a submitted form sent: input id to the text typed or chosen. */
export type FormInputs = Record<string, string | undefined>;

export interface FormResult {
  after: Json;
  /** The fields changed. */
  fields: string[];
  /** Problems the form itself can see (a changed contact detail with no source); the directory checks come after. */
  problems: EditProblem[];
  /** The index in `sources` of the source the form added or updated, so its problems show beside its inputs. */
  sourceIndex?: number;
}

const AREA_PLACES: Record<string, readonly string[]> = {
  'derbyshire-county': COUNTY_PLACE_IDS,
  'derby-city': ['derby-city'],
  'derby-and-derbyshire': PLACE_IDS,
  national: PLACE_IDS,
};

const list = (v: string | undefined) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean);
const clone = <T>(v: T): T => (v === undefined ? v : JSON.parse(JSON.stringify(v)));

/** A new service's id from its name: lower-case words joined by hyphens. */
export function idFromName(name: string): string {
  return name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/\([^)]*\)/g, ' ').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60).replace(/-+$/, '');
}

/**
 * A service record after the form: each input replaces its field (an empty input removes an
 * optional field; an input the client did not send leaves it as it was). A Place list is filled
 * in from any area but 'local'. The source given is added to `sources`, or updates the entry
 * with the same address, and lists what it shows.
 */
export function applyServiceForm(mode: ChangeKind, ref: RecordRef, before: Json | null, inputs: FormInputs, today: string): FormResult {
  const start = clone(before) ?? { id: ref.id };
  const fields = fieldsOf(start);
  if (mode === 'edit' || mode === 'add') {
    for (const f of SERVICE_FIELDS) {
      const raw = inputs[f.input];
      if (raw === undefined || f.field === 'topics') continue;
      const value = raw.trim();
      if (f.kind === 'multi') fields.set(f.field!, list(value));
      else if (value) fields.set(f.field!, value);
      else fields.delete(f.field!);
    }
    // The main topic leads (search reads a service's first topic as its main one).
    if (inputs.mainTopic !== undefined || inputs.topics !== undefined) {
      const main = (inputs.mainTopic ?? '').trim() || (fields.get('topics') as string[] | undefined)?.[0];
      const others = inputs.topics !== undefined ? list(inputs.topics) : ((fields.get('topics') as string[] | undefined) ?? []).slice(1);
      fields.set('topics', [...new Set([...(main ? [main] : []), ...others])]);
    }
    const area = fields.get('area');
    if (typeof area === 'string' && AREA_PLACES[area]) fields.set('places', [...AREA_PLACES[area]]);
    if (mode === 'add') fields.set('reviewed', today);
  }
  if (mode === 'retire') {
    const successors = list(inputs[RETIRE_SUCCESSORS_INPUT]);
    fields.set('retired', { date: today, reason: (inputs[RETIRE_REASON_INPUT] ?? '').trim(), ...(successors.length ? { successors } : {}) });
  }
  if (inputs[REVIEWED_INPUT] === 'true' || mode === 'review') fields.set('reviewed', today);
  const draft = recordFrom(fields);
  if (mode === 'add' && !draft.id) draft.id = ref.id;
  return withSource(mode, ref, before, draft, inputs);
}

/** A topic's Ask / Assist / Act prompt after the form. */
export function applyTopicForm(ref: RecordRef, before: Json, inputs: FormInputs, today: string): FormResult {
  const after = clone(before);
  const prompt = { ...((after.prompt as Json | undefined) ?? {}) };
  for (const f of TOPIC_FIELDS) {
    const raw = inputs[f.input];
    if (raw === undefined || f.field === 'prompt.assistSource') continue;
    prompt[f.field!.slice('prompt.'.length)] = raw.trim();
  }
  const source = { ...((prompt.assistSource as Json | undefined) ?? {}) };
  if (inputs.assistSourceTitle !== undefined) source.title = inputs.assistSourceTitle.trim();
  if (inputs.assistSourceUrl !== undefined) source.url = inputs.assistSourceUrl.trim();
  prompt.assistSource = source;
  after.prompt = prompt;
  if (inputs[REVIEWED_INPUT] === 'true') after.reviewed = today;
  return { after, fields: changedFieldNames(before, after), problems: [] };
}

const FACT_FIELDS_EXCLUDED = new Set(['sources', 'reviewed', 'retired']);

function withSource(mode: ChangeKind, ref: RecordRef, before: Json | null, draft: Json, inputs: FormInputs): FormResult {
  const file = recordFile(ref);
  const problems: EditProblem[] = [];
  const changed = changedFieldNames(before, draft);
  // New or changed contact details (a removed one needs no source).
  const contactChanged = changed.filter((f) => f.startsWith('contact.') && (draft.contact as Json | undefined)?.[f.slice('contact.'.length)] !== undefined);
  const url = inputs.sourceUrl?.trim();
  let sourceIndex: number | undefined;
  if (url) {
    const chosen = list(inputs.sourceSupports);
    const shown = chosen.length ? chosen : [...new Set(changed.filter((f) => !FACT_FIELDS_EXCLUDED.has(f)).map(supportWord))];
    const contactWords = Object.keys((draft.contact as Json | undefined) ?? {});
    const supports = shown.length ? shown : contactWords.length ? contactWords : ['description'];
    const checkedText = inputs.sourceChecked?.trim() ?? '';
    const checked = normaliseDate(checkedText) ?? (checkedText || undefined);
    const extra = {
      ...(inputs.sourcePublished?.trim() ? { published: inputs.sourcePublished.trim() } : {}),
      ...(inputs.sourcePageDate?.trim() ? { pageDate: inputs.sourcePageDate.trim() } : {}),
    };
    const sources = Array.isArray(draft.sources) ? [...(draft.sources as Json[])] : [];
    const at = sources.findIndex((s) => s && s.url === url);
    if (at >= 0) {
      const old = sources[at];
      sources[at] = { ...old, ...(checked ? { checked } : {}), ...extra, supports: [...new Set([...((old.supports as string[] | undefined) ?? []), ...supports])] };
      sourceIndex = at;
    } else {
      sources.push({ url, ...(checked ? { checked } : {}), ...extra, supports });
      sourceIndex = sources.length - 1;
    }
    draft.sources = sources;
    const backed = new Set(chosen.length ? chosen : supports);
    for (const f of contactChanged) {
      const word = supportWord(f);
      if (!backed.has(word) && !(word === 'textMessage' && backed.has('text'))) {
        problems.push({ file, record: ref.id, field: f, rule: 'needs-source', severity: 'error', message: `has changed, but the source given does not list '${word}' in what it shows: choose '${word}' there, or give the page that shows it` });
      }
    }
  } else {
    for (const f of contactChanged) {
      problems.push({ file, record: ref.id, field: f, rule: 'needs-source', severity: 'error', message: 'has changed, so it needs a source: give the address of the page that shows it and the date you checked it, or leave the detail as it was' });
    }
    if (mode === 'review') problems.push({ file, record: ref.id, field: 'sources', rule: 'needs-source', severity: 'error', message: 'a review needs the page you checked: give its address and the date you checked it' });
  }
  return { after: draft, fields: changedFieldNames(before, draft), problems, sourceIndex };
}

/** The input a problem's field belongs to, so the form can show the problem beside it. */
export function inputForField(field: string | undefined, sourceIndex?: number): string | undefined {
  if (!field) return undefined;
  const source = /^sources\[(\d+)\](?:\.(\w+))?/.exec(field);
  if (source) {
    if (sourceIndex === undefined || Number(source[1]) !== sourceIndex) return undefined;
    const map: Record<string, string> = { url: 'sourceUrl', checked: 'sourceChecked', published: 'sourcePublished', pageDate: 'sourcePageDate', supports: 'sourceSupports' };
    return map[source[2] ?? 'url'] ?? 'sourceUrl';
  }
  if (field === 'sources') return 'sourceUrl';
  if (field === 'reviewed') return REVIEWED_INPUT;
  if (field === 'id') return NEW_ID_INPUT;
  if (field.startsWith('retired.successors')) return RETIRE_SUCCESSORS_INPUT;
  if (field.startsWith('retired')) return RETIRE_REASON_INPUT;
  if (field.startsWith('prompt.assistSource')) return field.endsWith('.title') ? 'assistSourceTitle' : 'assistSourceUrl';
  if (field === 'topics[0]') return 'mainTopic';
  const base = field.replace(/\[\d+\]$/, '');
  return [...SERVICE_FIELDS, ...TOPIC_FIELDS, ...SOURCE_FIELDS].find((f) => f.field === base)?.input;
}

/** A record's values as the form's inputs hold them (multi-selects as comma-separated ids). */
export function formValues(kind: RecordRef['kind'], record: Json | null | undefined): FormInputs {
  const out: FormInputs = {};
  if (!record) return out;
  if (kind === 'topic') {
    const prompt = (record.prompt as Json | undefined) ?? {};
    const source = (prompt.assistSource as Json | undefined) ?? {};
    return { ask: String(prompt.ask ?? ''), assist: String(prompt.assist ?? ''), act: String(prompt.act ?? ''), assistSourceTitle: String(source.title ?? ''), assistSourceUrl: String(source.url ?? '') };
  }
  const fields = fieldsOf(record);
  for (const f of SERVICE_FIELDS) {
    if (f.field === 'topics') continue;
    const v = fields.get(f.field!);
    if (v === undefined) continue;
    out[f.input] = Array.isArray(v) ? v.join(',') : String(v);
  }
  const topics = (fields.get('topics') as string[] | undefined) ?? [];
  out.mainTopic = topics[0] ?? '';
  out.topics = topics.slice(1).join(',');
  return out;
}
