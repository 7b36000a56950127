import type { Directory } from '../directory/load';
import type { PlaceId } from '../directory/ids';
import { actionSet, adaptiveCard, type CardMessage, container, heading, markdown, paragraph, submit } from './elements';
import { crisisFooter } from './crisis';
import { placePicker } from './place-picker';

/** Questions that show what the bot does; each button sends the question as if typed. */
export const EXAMPLE_QUESTIONS = ['smoking', 'cold house in Buxton', 'debt advice', 'lonely older man', 'suicide prevention'];

/** The welcome on install, and the answer to "help". */
export function welcomeCard(directory: Directory, place: PlaceId | null): CardMessage {
  return adaptiveCard(
    [
      heading('MECC signposting'),
      paragraph('Noticed a cue in a contact? Type the topic, e.g. smoking, cold home, money worries or low mood. I reply with a Quality Conversation prompt (Ask, Assist, Act) and the right local services for your Place.'),
      container(
        [markdown('🔒 **Please do not type names, NHS numbers, addresses or other details that could identify a patient.** Describe the topic only.')],
        { style: 'warning', spacing: 'Medium' },
      ),
      markdown('**Try asking**', { spacing: 'Medium' }),
      // Two to a row, so they fit a phone.
      ...[0, 2, 4].map((i) => actionSet(EXAMPLE_QUESTIONS.slice(i, i + 2).map((q) => submit(q, { action: 'ask', query: q })))),
      markdown('**Your Place**', { spacing: 'Medium' }),
      paragraph(place ? `Your Place is ${directory.place(place).name}. Change it here or type "set place" any time.` : 'Choose where you work so I show local services first. You can also type a town or GP practice, e.g. "I\'m in Chesterfield".', { spacing: 'Small' }),
      ...placePicker(directory, { current: place }),
      paragraph('Trainers: type "train smoking" to step through a conversation. Type "topics" to browse everything.', { isSubtle: true, spacing: 'Medium' }),
      crisisFooter(directory),
    ],
    [submit('Browse all topics', { action: 'browse' })],
    'MECC signposting: type a topic to get a prompt and local services',
  );
}
