import type { Directory } from '../directory/load';
import type { TopicId } from '../directory/ids';
import { crisisFooter } from './crisis';
import { adaptiveCard, type CardMessage, heading, paragraph, submit } from './elements';

/** A kind message when something cannot be done, always with a way back (and the crisis lines, when the directory is at hand). */
export function noticeCard(title: string, message: string, directory?: Directory): CardMessage {
  return adaptiveCard([heading(title, 'Medium'), paragraph(message), ...(directory ? [crisisFooter(directory)] : [])], [submit('Help', { action: 'help' }), submit('Browse topics', { action: 'browse' })], title);
}

/** A walkthrough button from an older version of the content: say so and offer step 1. */
export function staleTrainingCard(directory: Directory, topic: TopicId, version: string): CardMessage {
  const title = directory.topic(topic).title;
  return adaptiveCard(
    [heading('This walkthrough has changed', 'Medium'), paragraph(`The content for ${title} was updated since this card was sent, or the step no longer exists. Start again to see the current version.`)],
    [submit('Start again', { action: 'walk', topic, step: 1, version }), submit('Browse topics', { action: 'browse' })],
    'This walkthrough has changed',
  );
}

/** After an answer to a message that seemed to hold an NHS number or a postcode with a name. */
export function privacyReminderCard(): CardMessage {
  return adaptiveCard(
    [paragraph('🔒 A gentle reminder: please do not type names, NHS numbers, addresses or postcodes here. Describe the topic only; the answer does not need them.')],
    [],
    'Reminder: no patient details, please',
  );
}
