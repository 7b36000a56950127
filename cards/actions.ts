import { z } from 'zod';
import { PLACE_IDS, TOPIC_IDS } from '../directory/ids';

/**
 * The data every card button carries back to the bot. Buttons hold their own state
 * (topic, Place, step) so a click works after a restart or from anyone in a group chat;
 * anything that does not parse is treated as stale or tampered, never trusted.
 */
const topic = z.enum(TOPIC_IDS);
const place = z.enum(PLACE_IDS);
/** Who a topic card or clinic brief is for, as read from a message: numbers and ids only, never text. */
const age = z.number().int().min(0).max(120);
const who = z
  .object({
    minAge: age.optional(),
    maxAge: age.optional(),
    age: age.optional(),
    estimated: z.boolean().optional(),
    sex: z.enum(['male', 'female']).optional(),
    lifeStages: z.array(z.enum(['pregnant', 'new-parent', 'carer', 'young-carer'])).max(4).optional(),
  })
  .strict();

export const cardActionSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('topic'), topic, place: place.nullish(), who: who.optional() }),
  z.object({ action: z.literal('clinicBrief'), who, place: place.nullish() }),
  z.object({ action: z.literal('moreServices'), topic, place: place.nullish(), who: who.optional() }),
  z.object({ action: z.literal('guide'), topic }),
  z.object({ action: z.literal('changePlace') }),
  z.object({ action: z.literal('setPlace'), place, topic: topic.nullish() }),
  z.object({ action: z.literal('ask'), query: z.string().max(200) }),
  z.object({ action: z.literal('help') }),
  z.object({ action: z.literal('browse') }),
  // Trainer mode: the step and the content version travel in the button, so a walkthrough
  // survives a restart and several people can click in a meeting.
  z.object({ action: z.literal('walk'), topic, step: z.number().int(), version: z.string().max(40), place: place.nullish() }),
  z.object({ action: z.literal('practice'), topic, scenario: z.number().int(), version: z.string().max(40) }),
  // Staff reports of wrong details: the form's inputs (reason, comment) arrive beside this data.
  z.object({ action: z.literal('reportForm'), service: z.string().max(100) }),
  z.object({ action: z.literal('report'), service: z.string().max(100), reason: z.enum(['wrong-phone', 'wrong-website', 'closed', 'wrong-place', 'other']), comment: z.string().max(5000).optional() }),
  z.object({ action: z.literal('resolveReport'), id: z.string().max(40) }),
  // The choice arrives from the card's choice list as a string ("2"), over the button's default.
  // The citizen take-away: ids only. Staff's choices arrive from the card's inputs beside the
  // data (`chosen`: service ids joined by commas; `addTopic`: one more topic), over the defaults.
  z.object({ action: z.literal('takeaway'), topics: z.array(topic).min(1).max(4), place: place.nullish(), services: z.array(z.string().max(100)).max(12), chosen: z.string().max(2000).optional(), addTopic: z.union([topic, z.literal('')]).optional() }),
  z.object({ action: z.literal('practiceAnswer'), topic, scenario: z.number().int(), choice: z.coerce.number().int(), version: z.string().max(40) }),
]);

export type CardAction = z.infer<typeof cardActionSchema>;

/** Id of the Place picker's input: its value arrives beside the button's data. */
export const PLACE_INPUT_ID = 'place';

/** Id of the practice card's choice list: the chosen reply arrives as `choice`, over the button's data. */
export const PRACTICE_INPUT_ID = 'choice';

/** Ids of the take-away card's inputs: the services chosen, and a topic to add. */
export const TAKEAWAY_SERVICES_INPUT_ID = 'chosen';
export const TAKEAWAY_TOPIC_INPUT_ID = 'addTopic';
