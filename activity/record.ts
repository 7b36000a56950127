import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { PLACE_IDS, type PlaceId, TOPIC_IDS, type TopicId } from '../directory/ids';
import { AGE_BAND_IDS, type AgeBandId, OUTCOME_IDS, type OutcomeId, SETTING_IDS, type SettingId } from './vocabulary';

/**
 * One tap on a card's "what did you do" block: ids from fixed vocabularies, the staff member
 * as a keyed hash, the organisation from configuration. Nothing typed is ever part of it.
 */
export interface ActivityEvent {
  /** The card's idempotency key: every tap on one card is the same conversation. */
  key: string;
  topic: TopicId;
  place: PlaceId | null;
  outcome: OutcomeId;
  setting: SettingId | null;
  ageBand: AgeBandId | null;
  organisation: string;
  /** HMAC of the member of staff's Entra id: their own tally, never a name in a report. */
  staff: string;
  /** ISO time of this tap. */
  at: string;
}

export const ACTION_RECORD = 'recordConversation';

/** Optional inputs arrive as '' when left empty (Teams sends every input on the card). */
const optional = <T extends z.ZodTypeAny>(schema: T) => z.preprocess((v) => (v === '' || v === undefined ? null : v), schema.nullable());

/**
 * The data a record button carries back, with the card's inputs merged over it. Strict: an
 * unknown outcome, a wrong type or a changed topic (caught by the signature) is refused.
 */
export const recordActionSchema = z.object({
  action: z.literal(ACTION_RECORD),
  key: z.string().regex(/^[0-9a-f-]{36}$/),
  topic: z.enum(TOPIC_IDS),
  where: z.enum(PLACE_IDS).nullable(),
  sig: z.string().regex(/^[A-Za-z0-9_-]{22}$/),
  outcome: z.enum(OUTCOME_IDS),
  setting: optional(z.enum(SETTING_IDS)),
  ageBand: optional(z.enum(AGE_BAND_IDS)),
  // Other inputs on the same card (the Place picker) may ride along; they are not recorded.
  place: z.unknown().optional(),
});
export type RecordAction = z.infer<typeof recordActionSchema>;

/** The card's part of a record action: what the bot put on the card, signed. */
export interface RecordTicket {
  key: string;
  topic: TopicId;
  where: PlaceId | null;
  sig: string;
}

/**
 * Signs what the bot puts on a card and hashes staff ids, with one configured secret
 * (ACTIVITY_SECRET). A record button whose topic or Place was edited no longer matches
 * its signature and is refused.
 */
export class ActivityKeys {
  constructor(private readonly secret: string) {
    if (secret.length < 32) throw new Error('The activity secret must be at least 32 characters.');
  }

  private mac(purpose: string, value: string, length: number): string {
    return createHmac('sha256', this.secret).update(`${purpose}\u0000${value}`).digest('base64url').slice(0, length);
  }

  /** The member of staff's tally key: the same for one person on every instance, unreadable without the secret. */
  staff(entraId: string): string {
    return this.mac('staff', entraId.toLowerCase(), 32);
  }

  ticket(topic: TopicId, where: PlaceId | null, key: string = randomUUID()): RecordTicket {
    return { key, topic, where, sig: this.mac('card', `${key}|${topic}|${where ?? ''}`, 22) };
  }

  verify(ticket: Omit<RecordTicket, 'sig'> & { sig: string }): boolean {
    const expected = Buffer.from(this.ticket(ticket.topic, ticket.where, ticket.key).sig);
    const given = Buffer.from(ticket.sig);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}
