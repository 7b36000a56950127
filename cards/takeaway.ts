import type { Directory } from '../directory/load';
import type { PlaceId, TopicId } from '../directory/ids';
import type { Service } from '../directory/schema';
import type { Takeaway } from '../takeaway/summary';
import { TAKEAWAY_SERVICES_INPUT_ID, TAKEAWAY_TOPIC_INPUT_ID } from './actions';
import { actionSet, adaptiveCard, type CardMessage, container, escapeMarkdown, heading, type Json, markdown, paragraph, submit } from './elements';

export interface TakeawayCardInput {
  takeaway: Takeaway;
  /** The public page's address, which the QR code holds. */
  pageUrl: string;
  largePrintUrl: string;
  /** The QR code of pageUrl, as a PNG data URI (Teams shows data-URI images in bot cards). */
  qrDataUri: string;
  plainText: string;
  /** Every service staff may choose from, per topic, for the Place. */
  offerable: Service[];
  /** Topics that could still be added. */
  addable: TopicId[];
}

/**
 * "Give to the person": the same take-away three ways (a QR code to scan, a page to print,
 * text to copy), with the services staff can change and another topic to add. The card is
 * for staff; what the person sees is only the page and the text.
 */
export function takeawayCard(directory: Directory, input: TakeawayCardInput): CardMessage {
  const { takeaway } = input;
  const { topics, place, services } = takeaway.choice;
  const titles = topics.map((t) => directory.topic(t).title).join(', ');
  const data = { action: 'takeaway' as const, topics, place: place as PlaceId | null, services };
  const body: Json[] = [
    heading('Give to the person', 'Medium'),
    paragraph(`${titles} · ${takeaway.placeName ?? 'Place not set: county-wide and national services'}`, { isSubtle: true, spacing: 'None' }),
    paragraph('Ask them to scan this code with their phone camera. It opens a page with the services below. It holds no personal details.', { spacing: 'Small' }),
    { type: 'Image', url: input.qrDataUri, altText: `QR code that opens ${input.pageUrl}`, size: 'Large', horizontalAlignment: 'Center' },
    paragraph(input.pageUrl, { isSubtle: true, size: 'Small', horizontalAlignment: 'Center', spacing: 'None' }),
    paragraph('Or copy this text into a text message, an email or a letter:', { spacing: 'Medium', weight: 'Bolder' }),
    // Text, not an input box: an editable box would send whatever staff typed in it back to the bot.
    container([markdown(input.plainText.split('\n').map((l) => (l ? escapeMarkdown(l) : '')).join('\n\n').replace(/\n{3,}/g, '\n\n'))], { style: 'emphasis', spacing: 'Small' }),
  ];
  if (input.offerable.length) {
    body.push(container(
      [
        {
          type: 'Input.ChoiceSet', id: TAKEAWAY_SERVICES_INPUT_ID, isMultiSelect: true, style: 'expanded', label: 'Services on the page',
          value: services.join(','), choices: input.offerable.map((s) => ({ title: s.name, value: s.id })),
        },
        actionSet([submit('Update the page', data, { associatedInputs: 'auto' })]),
      ],
      { separator: true, spacing: 'Medium' },
    ));
  }
  if (input.addable.length) {
    body.push(container(
      [
        {
          type: 'Input.ChoiceSet', id: TAKEAWAY_TOPIC_INPUT_ID, style: 'compact', label: 'Add another topic', placeholder: 'Choose a topic',
          choices: input.addable.map((t) => ({ title: directory.topic(t).title, value: t })),
        },
        actionSet([submit('Add topic', data, { associatedInputs: 'auto' })]),
      ],
      { separator: true, spacing: 'Medium' },
    ));
  }
  const actions: Json[] = [
    { type: 'Action.OpenUrl', title: 'Open the page to print', url: input.pageUrl },
    { type: 'Action.OpenUrl', title: 'Large print', url: input.largePrintUrl },
  ];
  return adaptiveCard(body, actions, `Give to the person: ${titles}`);
}

/** The topic card's button: the services on the card are the take-away's default. */
export function giveToThePerson(input: { topic: TopicId; place: PlaceId | null; services: Service[] }): Json {
  return submit('Give to the person', { action: 'takeaway', topics: [input.topic], place: input.place, services: input.services.map((s) => s.id) });
}
