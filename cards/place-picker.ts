import type { TopicId } from '../directory/ids';
import type { Directory } from '../directory/load';
import type { PlaceId } from '../directory/ids';
import { PLACE_INPUT_ID } from './actions';
import { actionSet, adaptiveCard, type CardMessage, heading, type Json, paragraph, submit } from './elements';

/** A labelled drop-down of the eight Places and a button to save the choice. */
export function placePicker(directory: Directory, options: { current?: PlaceId | null; topic?: TopicId | null; label?: string } = {}): Json[] {
  return [
    {
      type: 'Input.ChoiceSet',
      id: PLACE_INPUT_ID,
      label: options.label ?? 'Your Place',
      style: 'compact',
      isRequired: true,
      errorMessage: 'Choose the Place you work in',
      placeholder: 'Choose where you work',
      ...(options.current ? { value: options.current } : {}),
      choices: directory.places.map((p) => ({ title: p.name, value: p.id })),
    },
    // The chosen value arrives in the activity's value under PLACE_INPUT_ID, merged over this data.
    actionSet([submit('Save my Place', { action: 'setPlace', place: options.current ?? 'derby-city', topic: options.topic ?? null }, { associatedInputs: 'auto' })]),
  ];
}

export function placeCard(directory: Directory, current: PlaceId | null, topic: TopicId | null = null): CardMessage {
  const now = current ? `Your Place is ${directory.place(current).name}.` : 'No Place set yet.';
  return adaptiveCard(
    [
      heading('Choose your Place'),
      paragraph(`${now} Services are shown for the Place Alliance you work in. You can also type a town, GP practice or vaccination site, e.g. "I'm in Buxton".`),
      ...placePicker(directory, { current, topic }),
    ],
    [],
    'Choose your Place',
  );
}

export function placeSetCard(directory: Directory, place: PlaceId): CardMessage {
  const name = directory.place(place).name;
  return adaptiveCard(
    [
      heading(`Place set: ${name}`, 'Medium'),
      paragraph(`I'll show services for ${name} from now on. Ask about any topic, for example "smoking" or "cold home".`),
    ],
    [submit('Change Place', { action: 'changePlace' }), submit('Browse topics', { action: 'browse' })],
    `Place set to ${name}`,
  );
}
