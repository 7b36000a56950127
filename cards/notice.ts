import { adaptiveCard, type CardMessage, heading, paragraph, submit } from './elements';

/** A kind message when something cannot be done, always with a way back. */
export function noticeCard(title: string, message: string): CardMessage {
  return adaptiveCard([heading(title, 'Medium'), paragraph(message)], [submit('Help', { action: 'help' }), submit('Browse topics', { action: 'browse' })], title);
}
