import type { Directory } from '../directory/load';
import type { TopicId } from '../directory/ids';
import { ACTION_RECORD, type ActivityEvent, type RecordTicket } from '../activity/record';
import { type ActivityReport, labelOf, type Shown } from '../activity/report';
import { AGE_BANDS, CORRECTION_MINUTES, OUTCOMES, type OutcomeId, SETTINGS } from '../activity/vocabulary';
import { actionSet, adaptiveCard, type CardMessage, container, heading, type Json, markdown, paragraph, submit } from './elements';
import type { CardAction } from './actions';

export const SETTING_INPUT_ID = 'setting';
export const AGE_BAND_INPUT_ID = 'ageBand';

/** Record buttons carry a signed ticket the card schema does not know: built here, checked in activity/. */
function recordButton(ticket: RecordTicket, outcome: OutcomeId, withInputs: boolean): Json {
  const data = { action: ACTION_RECORD, ...ticket, outcome } as unknown as CardAction;
  return submit(OUTCOMES[outcome], data, withInputs ? { associatedInputs: 'auto' } : {});
}

function optionalChoices(current?: Pick<ActivityEvent, 'setting' | 'ageBand'>): Json[] {
  return [
    { type: 'Input.ChoiceSet', id: SETTING_INPUT_ID, label: 'Setting (optional)', style: 'compact', placeholder: 'Where was it?', ...(current?.setting ? { value: current.setting } : {}), choices: Object.entries(SETTINGS).map(([value, title]) => ({ title, value })) },
    { type: 'Input.ChoiceSet', id: AGE_BAND_INPUT_ID, label: 'Their age band (optional)', style: 'compact', placeholder: 'Age band', ...(current?.ageBand ? { value: current.ageBand } : {}), choices: Object.entries(AGE_BANDS).map(([value, title]) => ({ title, value })) },
  ];
}

/**
 * "What did you do?" on a topic card: one tap records the conversation. Only the four buttons
 * sit on the topic card, at the foot of its body: the chat scrolls to a new card's bottom, so
 * every pixel added there pushes the card's title and Ask line up, and the setting and age band
 * inputs (two labelled drop-downs, about 60 px) would push them off a phone's first screen
 * (tests/e2e/first-screen.e2e.ts). They are on the same card once tapped: the confirmation
 * replaces it in place and offers both, correctable for CORRECTION_MINUTES.
 */
export function recordBlock(ticket: RecordTicket): Json {
  return container(
    [
      markdown('**What did you do?** One tap records it. No names.', { size: 'Small' }),
      actionSet((Object.keys(OUTCOMES) as OutcomeId[]).map((o) => recordButton(ticket, o, false))),
    ],
    { separator: true, spacing: 'Medium' },
  );
}

const describe = (e: Pick<ActivityEvent, 'outcome' | 'setting' | 'ageBand'>) =>
  [OUTCOMES[e.outcome], e.setting ? SETTINGS[e.setting] : undefined, e.ageBand ? `age ${AGE_BANDS[e.ageBand]}` : undefined].filter(Boolean).join(' · ');

/** The card after a tap, replacing the topic card: what was recorded, and how to correct it. */
export function recordedCard(directory: Directory, ticket: RecordTicket, event: ActivityEvent, status: 'recorded' | 'corrected' | 'unchanged'): CardMessage {
  const topic = directory.topic(event.topic).title;
  const said = status === 'corrected' ? 'Corrected' : status === 'unchanged' ? 'Already recorded (counted once)' : 'Recorded';
  return adaptiveCard(
    [
      heading(`${said}: ${topic}`, 'Medium'),
      paragraph(describe(event), { spacing: 'None' }),
      paragraph(`Optional: choose where it was and their age band, then tap what you did again to add them. Tapped the wrong one? Correct it here within ${CORRECTION_MINUTES} minutes.`, { isSubtle: true, size: 'Small' }),
      ...optionalChoices(event),
      actionSet((Object.keys(OUTCOMES) as OutcomeId[]).map((o) => recordButton(ticket, o, true))),
    ],
    [submit('Another topic', { action: 'browse' })],
    `${said}: ${topic}, ${OUTCOMES[event.outcome]}`,
  );
}

/** A tap that could not be taken: said kindly, with a way on. */
export function notRecordedCard(title: string, text: string): CardMessage {
  return adaptiveCard([heading(title, 'Medium'), paragraph(text)], [submit('Browse topics', { action: 'browse' })], title);
}

/** "My conversations": the member of staff's own tally this month. */
export function myTallyCard(directory: Directory, month: string, tally: { topic: TopicId; count: number }[]): CardMessage {
  const total = tally.reduce((n, t) => n + t.count, 0);
  const body: Json[] = [heading('My conversations this month', 'Medium'), paragraph(`${monthName(month)}: ${total} recorded`, { isSubtle: true, spacing: 'None' })];
  if (tally.length) {
    body.push({ type: 'FactSet', facts: tally.map((t) => ({ title: directory.topic(t.topic).title, value: String(t.count) })) });
  } else {
    body.push(paragraph('None recorded yet. After a Quality Conversation, tap what you did on the topic card.'));
  }
  body.push(paragraph('Only you see this tally. Reports for MECC leads never name staff.', { isSubtle: true, size: 'Small' }));
  return adaptiveCard(body, [submit('Browse topics', { action: 'browse' })], `My conversations: ${total} this month`);
}

const shown = (n: Shown) => String(n);

/** The month's summary for the maintainers' channel: small numbers suppressed, as in every export. */
export function monthSummaryCard(directory: Directory, month: string, byOutcome: ActivityReport, byTopic: ActivityReport): CardMessage {
  const names = { topic: (id: TopicId) => directory.topic(id).title, place: (id: Parameters<Directory['place']>[0]) => directory.place(id).name };
  const body: Json[] = [
    heading(`MECC activity: ${monthName(month)}`, 'Medium'),
    paragraph(`${shown(byOutcome.total)} conversations recorded`, { spacing: 'None' }),
    { type: 'FactSet', facts: byOutcome.rows.map((r) => ({ title: labelOf('outcome', r.values.outcome), value: shown(r.conversations) })) },
    markdown('**By topic**', { spacing: 'Medium' }),
    { type: 'FactSet', facts: byTopic.rows.map((r) => ({ title: labelOf('topic', r.values.topic, names), value: shown(r.conversations) })) },
    paragraph('Counts of 1 to 4 are shown as <5. For weeks, Places and the national interventions: npm run activity -- report.', { isSubtle: true, size: 'Small' }),
  ];
  return adaptiveCard(body, [], `MECC activity ${monthName(month)}: ${shown(byOutcome.total)} conversations`);
}

function monthName(month: string): string {
  return new Date(`${month}-01T00:00:00Z`).toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
}
