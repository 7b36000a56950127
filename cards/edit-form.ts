import type { Directory } from '../directory/load';
import { REFERRALS, AREA_LABELS, type FormField, NEW_ID_INPUT, RETIRE_REASON_INPUT, RETIRE_SUCCESSORS_INPUT, REVIEWED_INPUT, SERVICE_FIELDS, SOURCE_FIELDS, TOPIC_FIELDS } from '../editing/fields';
import type { FormInputs } from '../editing/form';
import type { ChangeKind } from '../editing/proposal';
import { type RecordRef, recordKey } from '../editing/records';
import { adaptiveCard, type CardMessage, container, heading, type Json, markdown, paragraph, subheading } from './elements';
import { editButton } from './edit-actions';

/** A problem as the form shows it: validate's whole line at the top, its message beside the input. */
export interface FormProblem {
  input?: string;
  line: string;
  message: string;
}

export interface EditFormModel {
  mode: ChangeKind;
  ref: RecordRef;
  /** The record's name ('Live Life Better Derbyshire'), or the topic's title. */
  name?: string;
  /** What the inputs hold: the record's values, or what was typed. */
  values: FormInputs;
  /** The version of the record the form was opened on. */
  version: string;
  errors?: FormProblem[];
  warnings?: FormProblem[];
  /** A line saying who changed the record meanwhile, when a conflict brought the form back. */
  notice?: string;
  /** The staff report the change answers (from "Edit this service" on a report). */
  report?: string;
  /** Whether the proposer could approve it themselves (single-maintainer deployments). */
  selfApproval: boolean;
  /** A crisis line or a topic prompt: another maintainer must approve. */
  needsSecond?: string;
  today: string;
}

const TITLES: Record<ChangeKind, string> = { edit: 'Edit', add: 'Add a service', retire: 'Retire', review: 'Mark reviewed' };
const BUTTONS: Record<ChangeKind, string> = { edit: 'Propose this change', add: 'Propose this service', retire: 'Propose retiring it', review: 'Propose as reviewed' };

function choicesFor(directory: Directory, f: FormField): { title: string; value: string }[] {
  switch (f.input) {
    case 'area':
      return Object.entries(AREA_LABELS).map(([value, title]) => ({ title, value }));
    case 'referral':
      return Object.entries(REFERRALS).map(([value, title]) => ({ title, value }));
    case 'places':
      return directory.places.map((p) => ({ title: p.name, value: p.id }));
    case 'topics':
    case 'mainTopic':
      return directory.topics.map((t) => ({ title: t.title, value: t.id }));
    case 'sourceSupports':
      return ['phone', 'text', 'email', 'website', 'hours', 'description', 'eligibility', 'referral', 'places', 'name', 'cost'].map((w) => ({ title: w, value: w }));
    case RETIRE_SUCCESSORS_INPUT:
      return directory.services.map((s) => ({ title: s.name, value: s.id }));
    default:
      return [];
  }
}

/** Inputs kept in the folded "where and what" part of a service's form. */
const SCOPE_INPUTS = ['area', 'places', 'mainTopic', 'topics'];

function scopeSummary(directory: Directory, values: FormInputs): string {
  const area = AREA_LABELS[values.area as keyof typeof AREA_LABELS] ?? 'not set';
  const places = values.area === 'local' ? ` (${(values.places ?? '').split(',').filter(Boolean).map((id) => directory.places.find((p) => p.id === id)?.name ?? id).join(', ') || 'no Places'})` : '';
  const topics = [values.mainTopic, ...(values.topics ?? '').split(',')].filter(Boolean).map((id) => directory.topics.find((t) => t.id === id)?.title ?? id).join(', ');
  return `Where: ${area}${places} · Topics: ${topics || 'none'}`;
}

/**
 * A part of the form shown by a button (Action.ToggleVisibility, which Teams supports): its
 * inputs are sent whether shown or not, so what they hold is kept either way.
 */
function folded(id: string, open: boolean, summary: string | undefined, title: string, items: Json[]): Json[] {
  return [
    ...(summary ? [paragraph(summary, { spacing: 'Medium', size: 'Small' })] : []),
    { type: 'ActionSet', spacing: summary ? 'Small' : 'Medium', actions: [{ type: 'Action.ToggleVisibility', title, targetElements: [id] }] },
    container(items, { id, isVisible: open, spacing: 'Small' }),
  ];
}

/** One input, with what it holds and, below it, any problem with it (in words, never colour alone). */
function input(directory: Directory, f: FormField, values: FormInputs, problems: FormProblem[]): Json[] {
  const value = values[f.input] ?? '';
  let el: Json;
  switch (f.kind) {
    case 'choice':
    case 'multi':
      el = { type: 'Input.ChoiceSet', id: f.input, label: f.label, style: 'compact', isMultiSelect: f.kind === 'multi', ...(value ? { value } : {}), choices: choicesFor(directory, f) };
      if (f.kind === 'choice') el.placeholder = f.input === RETIRE_SUCCESSORS_INPUT ? 'None' : 'Choose one';
      break;
    case 'date':
      el = { type: 'Input.Date', id: f.input, label: f.label, ...(value ? { value } : {}) };
      break;
    case 'toggle':
      el = { type: 'Input.Toggle', id: f.input, title: f.label, label: 'Reviewed', wrap: true, value: value === 'true' ? 'true' : 'false', valueOn: 'true', valueOff: 'false' };
      break;
    default:
      el = { type: 'Input.Text', id: f.input, label: f.label, value, ...(f.maxLength ? { maxLength: f.maxLength } : {}), ...(f.kind === 'multiline' ? { isMultiline: true } : {}), ...(f.placeholder ? { placeholder: f.placeholder } : {}) };
  }
  const mine = problems.filter((p) => p.input === f.input);
  return [el, ...mine.map((p) => paragraph(`Problem: ${p.message}`, { color: 'Attention', size: 'Small', spacing: 'None' }))];
}

function problemList(title: string, list: FormProblem[], style: 'attention' | 'warning'): Json {
  return container([markdown(`**${title}**`), ...list.map((p) => paragraph(p.line, { size: 'Small', spacing: 'Small' }))], { style, spacing: 'Medium' });
}

/**
 * The form behind "edit <service>", "Edit this service", "Add a service", "Retire" and
 * "Mark reviewed": every field filled in, every problem listed at once in validate's words
 * (and each beside its input), and what was typed kept when it comes back with problems.
 */
export function editFormCard(directory: Directory, model: EditFormModel): CardMessage {
  const { mode, ref, values } = model;
  const errors = model.errors ?? [];
  const warnings = model.warnings ?? [];
  const all = [...errors, ...warnings];
  const title = mode === 'add' ? TITLES.add : `${TITLES[mode]}: ${model.name ?? ref.id}`;
  const body: Json[] = [heading(title, 'Medium')];
  const review = model.needsSecond
    ? `${model.needsSecond} Nothing changes for staff until then.`
    : model.selfApproval
      ? 'You can publish it yourself once proposed (self-approval is on here); it is recorded as self-approved.'
      : 'Another maintainer reviews the change before staff see it.';
  body.push(paragraph(review, { isSubtle: true, size: 'Small', spacing: 'None' }));
  if (model.notice) body.push(container([paragraph(model.notice)], { style: 'warning', spacing: 'Small' }));
  if (errors.length) body.push(problemList(`${errors.length} problem${errors.length === 1 ? '' : 's'} to fix (nothing was proposed yet; what you typed is kept):`, errors, 'attention'));
  if (warnings.length) body.push(problemList(`${warnings.length} warning${warnings.length === 1 ? '' : 's'} (these do not stop the change):`, warnings, 'warning'));

  if (mode === 'edit' || mode === 'add') {
    if (ref.kind === 'topic') for (const f of TOPIC_FIELDS) body.push(...input(directory, f, values, all));
    else {
      for (const f of SERVICE_FIELDS.filter((x) => !SCOPE_INPUTS.includes(x.input))) {
        body.push(...input(directory, f, values, all));
        if (mode === 'add' && f.input === 'name') body.push(...input(directory, { input: NEW_ID_INPUT, label: 'Id (optional: made from the name; lower-case words joined by hyphens)', kind: 'text', maxLength: 100 }, values, all));
      }
      const scope = SERVICE_FIELDS.filter((x) => SCOPE_INPUTS.includes(x.input)).flatMap((f) => input(directory, f, values, all));
      // Where an existing service is offered and its topics change rarely and take room (26
      // topics): folded away behind one button, unless one of them has a problem.
      if (mode === 'add') body.push(...scope);
      else body.push(...folded('editScope', all.some((p) => p.input && SCOPE_INPUTS.includes(p.input)), scopeSummary(directory, values), 'Change where or topics', scope));
    }
  }
  if (mode === 'retire') {
    body.push(paragraph('A retired service is kept in the data with the reason, and never offered to staff again.', { spacing: 'Small' }));
    body.push(...input(directory, { input: RETIRE_REASON_INPUT, label: 'Why it is retired (what ended, and where you read it)', kind: 'multiline', maxLength: 400 }, values, all));
    body.push(...input(directory, { input: RETIRE_SUCCESSORS_INPUT, label: 'What replaced it (optional)', kind: 'choice' }, values, all));
  }
  if (mode === 'review') body.push(paragraph(`Confirm the whole record against a current page: its reviewed date becomes ${model.today}.`, { spacing: 'Small' }));
  if (ref.kind === 'service') {
    const sourceBox: Json[] = [
      subheading('Source for this change'),
      paragraph(mode === 'review' ? 'The page you checked the record against.' : mode === 'retire' ? 'The page that says it has ended or moved (optional, but it helps the next maintainer).' : 'Needed when a phone, text, email or website is new or changed: the page that shows it, and the date you checked.', { isSubtle: true, size: 'Small', spacing: 'None' }),
    ];
    const [url, checked, ...more] = SOURCE_FIELDS;
    sourceBox.push(...input(directory, url, values, all), ...input(directory, checked, values, all));
    const moreOpen = all.some((p) => p.input && more.some((f) => f.input === p.input)) || more.some((f) => values[f.input]);
    sourceBox.push(...folded('editSourceMore', moreOpen, undefined, 'More about the source (optional)', more.flatMap((f) => input(directory, f, values, all))));
    body.push(container(sourceBox, { separator: true, spacing: 'Medium' }));
  }
  if (mode === 'edit') body.push(...input(directory, { input: REVIEWED_INPUT, label: `I checked the whole record: set its reviewed date to ${model.today}`, kind: 'toggle' }, values, all));
  const data = { action: 'editSubmit', record: mode === 'add' ? 'service:new' : recordKey(ref), mode, version: model.version, ...(model.report ? { report: model.report } : {}) };
  return adaptiveCard(body, [editButton(BUTTONS[mode], data, { associatedInputs: 'auto' })], mode === 'add' ? 'Add a service' : `${TITLES[mode]}: ${model.name ?? ref.id}`);
}

/** "edit llbd" found several records, or none: the ones to choose from, or how to add one. */
export function recordChoicesCard(query: string, matches: { key: string; name: string }[], mode: 'edit' | 'retire' | 'review' | 'history'): CardMessage {
  const verb = { edit: 'edit', retire: 'retire', review: 'mark reviewed', history: 'see the history of' }[mode];
  const body: Json[] = [
    heading(matches.length ? 'Which one?' : 'No service matches', 'Medium'),
    paragraph(matches.length ? `Several records match '${query}'. Choose the one to ${verb}.` : `No service or topic matches '${query}'. Check the name (or type its id), or add it as a new service.`),
  ];
  const actions = matches.length
    ? matches.map((m) => editButton(m.name.slice(0, 60), mode === 'history' ? { action: 'editHistory', record: m.key } : { action: 'editOpen', record: m.key, mode }))
    : [editButton('Add a service', { action: 'editAdd' })];
  return adaptiveCard(body, actions, matches.length ? `Which one: ${query}` : `No service matches ${query}`);
}
