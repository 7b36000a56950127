import { AREAS } from '../directory/schema';

/**
 * The fields of the Teams edit forms: which input holds which field of the record, how it is
 * labelled and how long it may be (the schema's limits). The form builder (cards/edit-form.ts)
 * and the reader of a submitted form (editing/form.ts) both work from these, so an input and
 * the field it fills cannot drift apart.
 */
export type InputKind = 'text' | 'multiline' | 'choice' | 'multi' | 'date' | 'toggle';

export interface FormField {
  /** The input's id on the card; its value arrives under this name. */
  input: string;
  /** The record field it fills, in editing/merge.ts's terms ('contact.phone'); undefined for inputs that are not a field. */
  field?: string;
  label: string;
  kind: InputKind;
  maxLength?: number;
  placeholder?: string;
  /** A contact detail: changing it needs a source. */
  contact?: boolean;
}

export const SERVICE_FIELDS: FormField[] = [
  { input: 'name', field: 'name', label: 'Name', kind: 'text', maxLength: 120 },
  { input: 'provider', field: 'provider', label: 'Provider (optional)', kind: 'text', maxLength: 160 },
  { input: 'description', field: 'description', label: 'What it offers (one or two lines)', kind: 'multiline', maxLength: 200 },
  { input: 'phone', field: 'contact.phone', label: 'Phone', kind: 'text', maxLength: 40, placeholder: 'e.g. 01629 538200', contact: true },
  { input: 'text', field: 'contact.text', label: 'Number to text', kind: 'text', maxLength: 20, placeholder: 'e.g. 85258', contact: true },
  { input: 'textMessage', field: 'contact.textMessage', label: 'Word to text', kind: 'text', maxLength: 20, placeholder: 'e.g. SHOUT', contact: true },
  { input: 'email', field: 'contact.email', label: 'Email', kind: 'text', maxLength: 254, contact: true },
  { input: 'website', field: 'contact.website', label: 'Website', kind: 'text', maxLength: 500, placeholder: 'https://…', contact: true },
  { input: 'hours', field: 'hours', label: 'Hours', kind: 'text', maxLength: 200 },
  { input: 'area', field: 'area', label: 'Where it is offered', kind: 'choice' },
  { input: 'places', field: 'places', label: 'Places (for a local service; other areas fill them in)', kind: 'multi' },
  { input: 'mainTopic', field: 'topics', label: 'Main topic', kind: 'choice' },
  { input: 'topics', field: 'topics', label: 'Other topics (optional)', kind: 'multi' },
  { input: 'eligibility', field: 'eligibility', label: 'Who it is for', kind: 'multiline', maxLength: 400 },
  { input: 'referral', field: 'referral', label: 'How people are referred', kind: 'choice' },
  { input: 'cost', field: 'cost', label: 'Cost', kind: 'text', maxLength: 120 },
];

export const TOPIC_FIELDS: FormField[] = [
  { input: 'ask', field: 'prompt.ask', label: 'Ask', kind: 'multiline', maxLength: 300 },
  { input: 'assist', field: 'prompt.assist', label: 'Assist (one line of brief advice)', kind: 'multiline', maxLength: 300 },
  { input: 'assistSourceTitle', field: 'prompt.assistSource', label: 'Source of the advice: title', kind: 'text', maxLength: 200 },
  { input: 'assistSourceUrl', field: 'prompt.assistSource', label: 'Source of the advice: address', kind: 'text', maxLength: 500, placeholder: 'https://…' },
  { input: 'act', field: 'prompt.act', label: 'Act (the offer to signpost)', kind: 'multiline', maxLength: 300 },
];

/** Where the facts of a change were read: a source entry on the record. */
export const SOURCE_FIELDS: FormField[] = [
  { input: 'sourceUrl', label: 'Source: the address of the page you read', kind: 'text', maxLength: 500, placeholder: 'https://…' },
  { input: 'sourceChecked', label: 'Date you checked it', kind: 'date' },
  { input: 'sourcePublished', label: "What the page says of its own date (optional, e.g. 'updated March 2026')", kind: 'text', maxLength: 200 },
  { input: 'sourcePageDate', label: "The page's own date as YYYY, YYYY-MM or YYYY-MM-DD (optional)", kind: 'text', maxLength: 10 },
  { input: 'sourceSupports', label: 'What this page shows (optional: the changed fields if left empty)', kind: 'multi' },
];

export const REVIEWED_INPUT = 'reviewedToday';
export const NEW_ID_INPUT = 'newId';
export const RETIRE_REASON_INPUT = 'retireReason';
export const RETIRE_SUCCESSORS_INPUT = 'retireSuccessors';

/** Every input id a form may send, besides the button's own data. */
export const ALL_INPUTS = [
  ...SERVICE_FIELDS, ...TOPIC_FIELDS, ...SOURCE_FIELDS,
].map((f) => f.input).concat([REVIEWED_INPUT, NEW_ID_INPUT, RETIRE_REASON_INPUT, RETIRE_SUCCESSORS_INPUT]);

export const REFERRALS = { self: 'Self-referral', professional: 'Professional referral', both: 'Self or professional referral', unknown: 'Not confirmed' } as const;

export const AREA_LABELS: Record<(typeof AREAS)[number], string> = {
  local: 'Local: the Places listed',
  'derbyshire-county': 'Derbyshire County (not Derby City)',
  'derby-city': 'Derby City',
  'derby-and-derbyshire': 'Derby and Derbyshire',
  national: 'National',
};

/** The words a source's `supports` uses: contact.phone -> phone, prompt.ask -> prompt. */
export function supportWord(field: string): string {
  return field.startsWith('contact.') ? field.slice('contact.'.length) : field.split('.')[0];
}

/** A field as maintainers read it on the review card. */
export function fieldLabel(field: string): string {
  const known = [...SERVICE_FIELDS, ...TOPIC_FIELDS].find((f) => f.field === field);
  if (known) return known.label.replace(/ \(.*\)$/, '').replace(/: (title|address)$/, '');
  const words: Record<string, string> = { sources: 'Sources', reviewed: 'Reviewed', retired: 'Retired', id: 'Id', access: 'How to reach it', knownChange: 'Known change', notes: 'Notes', title: 'Title', summary: 'Summary' };
  return words[field] ?? field;
}
