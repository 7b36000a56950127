import type { PlaceId, TopicId } from '../directory/ids';
import type { Directory } from '../directory/load';
import { organisationOf } from '../activity/organisations';
import { ACTION_RECORD, type ActivityKeys, type RecordTicket, recordActionSchema } from '../activity/record';
import { activityReport, conversationsFrom, monthRange, staffTally } from '../activity/report';
import type { ActivityLog } from '../activity/store';
import type { CardMessage } from '../cards/elements';
import { monthSummaryCard, myTallyCard, notRecordedCard, recordedCard } from '../cards/record';

/** Who is tapping, and where: supplied by the Teams edge for each turn. */
export interface ActivityTurn {
  user: string;
  tenant?: string;
  team?: string;
  isMaintainer?(action: 'view-activity'): Promise<boolean>;
}

export interface ActivityReplyResult {
  messages: CardMessage[];
  /** The confirmation replaces the card that was tapped, in any chat. */
  replaceTapped: boolean;
  outcome: { outcome: 'record' | 'activity'; topic?: TopicId | null; place?: PlaceId | null };
}

export type ActivityIntent = 'my-conversations' | 'activity-this-month';

/** "my conversations" and "activity this month", typed on their own. */
export function activityIntentOf(text: string): ActivityIntent | undefined {
  const t = text.trim().toLowerCase().replace(/[.!?]+$/, '');
  if (/^(show )?my (conversations|tally|mecc conversations)( this month)?$/.test(t)) return 'my-conversations';
  if (/^(mecc )?activity (this|for this) month$/.test(t)) return 'activity-this-month';
  return undefined;
}

export function isRecordAction(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { action?: unknown }).action === ACTION_RECORD;
}

/**
 * Recording Quality Conversations from a topic card, and the tallies built from them. The
 * record is stored before the confirmation is sent, so a confirmed tap is never lost.
 */
export class ActivityDesk {
  constructor(
    private readonly log: ActivityLog,
    private readonly keys: ActivityKeys,
    private readonly organisations: Map<string, string>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The signed ticket a topic card's "What did you do?" buttons carry (cards/record.ts draws them). */
  ticket(topic: TopicId, place: PlaceId | null): RecordTicket {
    return this.keys.ticket(topic, place);
  }

  async record(directory: Directory, value: unknown, turn: ActivityTurn): Promise<ActivityReplyResult> {
    const parsed = recordActionSchema.safeParse(value);
    const refused = (title: string, text: string): ActivityReplyResult => ({ messages: [notRecordedCard(title, text)], replaceTapped: false, outcome: { outcome: 'record' } });
    if (!parsed.success || !this.keys.verify(parsed.data)) {
      return refused('Not recorded', 'This card\'s buttons were changed or are from an older version, so nothing was recorded. Ask about the topic again and tap what you did on the new card.');
    }
    const a = parsed.data;
    const ticket: RecordTicket = { key: a.key, topic: a.topic, where: a.where, sig: a.sig };
    const result = await this.log.record({
      key: a.key, topic: a.topic, place: a.where, outcome: a.outcome, setting: a.setting ?? null, ageBand: a.ageBand ?? null,
      organisation: organisationOf(this.organisations, turn), staff: this.keys.staff(turn.user), at: this.now().toISOString(),
    });
    const outcome = { outcome: 'record' as const, topic: a.topic, place: a.where };
    switch (result.status) {
      case 'recorded':
      case 'corrected':
      case 'unchanged':
        return { messages: [recordedCard(directory, ticket, result.event, result.status)], replaceTapped: true, outcome };
      case 'closed':
        return { ...refused('Already recorded', 'This conversation was recorded more than a few minutes ago, so it can no longer be changed. Nothing new was counted.'), outcome };
      case 'someone-else':
        return { ...refused('Recorded by a colleague', 'A colleague has already recorded this conversation from this card, so it counts once. Ask about the topic yourself to record your own.'), outcome };
      case 'topic-mismatch':
        return { ...refused('Not recorded', 'This card\'s buttons were changed, so nothing was recorded. Ask about the topic again and tap what you did on the new card.'), outcome };
    }
  }

  async myConversations(directory: Directory, turn: ActivityTurn): Promise<ActivityReplyResult> {
    const range = monthRange(this.now());
    const tally = staffTally(conversationsFrom(await this.log.taps()), this.keys.staff(turn.user), range);
    return { messages: [myTallyCard(directory, range.from.slice(0, 7), tally)], replaceTapped: false, outcome: { outcome: 'activity' } };
  }

  async monthSummary(directory: Directory, turn: ActivityTurn): Promise<ActivityReplyResult> {
    if (!(await turn.isMaintainer?.('view-activity'))) {
      return { messages: [notRecordedCard('Only for the maintainers', 'The month\'s activity summary is posted in the maintainers\' channel. "my conversations" shows your own tally.')], replaceTapped: false, outcome: { outcome: 'activity' } };
    }
    const range = monthRange(this.now());
    const conversations = conversationsFrom(await this.log.taps());
    return {
      messages: [monthSummaryCard(directory, range.from.slice(0, 7), activityReport(conversations, { ...range, by: ['outcome'] }), activityReport(conversations, { ...range, by: ['topic'] }))],
      replaceTapped: false,
      outcome: { outcome: 'activity' },
    };
  }
}
