import { createHash } from 'node:crypto';
import { ActivityTypes, type TurnContext } from 'botbuilder';
import type { CardMessage } from '../cards/elements';
import { noticeCard } from '../cards/notice';
import type { Directory } from '../directory/load';
import { type EditDesk, type EditReply, type EditTurn, type Incoming } from '../editing/desk';
import type { Actor } from '../editing/proposal';
import { todayIso } from '../maintain/dates';
import type { ReportStore } from '../reports/store';
import type { Logger } from './logger';
import type { MaintainerAccess } from './maintainer-access';
import type { MaintainersChannel } from './maintainers-channel';
import type { Metrics } from './metrics';
import { cardActivity, messageText } from './signpost-bot';

/** A maintainer in the audit trail: their Teams display name, and a hash of their Entra id (never the id itself). */
export function actorOf(activity: TurnContext['activity']): Actor {
  const id = (activity.from?.aadObjectId ?? activity.from?.id ?? 'unknown').toLowerCase();
  return { name: (activity.from?.name ?? '').trim().slice(0, 80) || 'A maintainer', ref: createHash('sha256').update(`mecc-maintainer\u0000${id}`).digest('hex').slice(0, 16) };
}

export interface EditingHandlerDeps {
  desk: () => EditDesk;
  access?: MaintainerAccess;
  maintainers: MaintainersChannel;
  reports: ReportStore;
  log: Logger;
  metrics: Metrics;
  directory: () => Directory;
}

/** Outcomes that are refusals, by the counter they go in. */
const REFUSALS: Partial<Record<EditReply['outcome']['outcome'], string>> = {
  tampered: 'refused.edit.tampered',
  stale: 'refused.edit.stale',
  'refused-where': 'refused.edit.where',
  'refused-self-approval': 'refused.edit.self-approval',
};

/**
 * The Teams edge of directory editing: is this message or click one of the maintainers'
 * editing ones (editing/desk.ts decides), and if so send what the desk replies, replace the
 * tapped card, post a new proposal to the maintainers' channel, and log and count it (ids and
 * field names only, never what was typed).
 */
export class EditingHandler {
  constructor(private readonly deps: EditingHandlerDeps) {}

  private async whereFrom(context: TurnContext): Promise<EditTurn['where']> {
    const conversation = context.activity.conversation;
    if (!conversation?.conversationType || conversation.conversationType === 'personal') return 'personal';
    const channel = await this.deps.maintainers.channelId();
    return channel && conversation.id?.split(';')[0] === channel ? 'maintainers' : 'elsewhere';
  }

  /** Handles the turn if it is about editing the directory; false leaves it to the chat. */
  async handle(context: TurnContext): Promise<boolean> {
    const { activity } = context;
    if (activity.type !== ActivityTypes.Message) return false;
    const incoming: Incoming = activity.value !== undefined && activity.value !== null && !activity.text
      ? { kind: 'action', value: activity.value }
      : { kind: 'text', text: messageText(activity) };
    const desk = this.deps.desk();
    const access = this.deps.access;
    const turn: EditTurn = {
      actor: actorOf(activity),
      where: 'personal',
      isMaintainer: () => access?.isMaintainer(context) ?? Promise.resolve(false),
      mayEdit: () => access?.allows(context, 'edit-directory') ?? Promise.resolve(false),
      today: todayIso(),
    };
    if (!(await desk.claims(incoming, turn))) return false;
    turn.where = await this.whereFrom(context);
    const started = process.hrtime.bigint();
    const reply = await desk.respond(incoming, turn);
    await this.deliver(context, reply);
    const { outcome } = reply;
    this.deps.metrics.count(`edits.${outcome.outcome}`);
    const refusal = REFUSALS[outcome.outcome];
    if (refusal) this.deps.metrics.count(refusal);
    const line = { event: 'edit', outcome: outcome.outcome, record: outcome.record, proposal: outcome.proposal, fields: outcome.fields, reason: outcome.reason, by: turn.actor.ref, ms: Number(process.hrtime.bigint() - started) / 1e6 };
    if (refusal) this.deps.log.warn({ ...line, event: 'edit-refused' }, 'a directory edit was refused');
    else this.deps.log.info(line, 'directory edit');
    return true;
  }

  private async deliver(context: TurnContext, reply: EditReply): Promise<void> {
    if (reply.resolveReport) {
      try {
        await this.deps.reports.resolve(reply.resolveReport.id, actorOf(context.activity).ref, reply.resolveReport.note);
      } catch (error) {
        this.deps.log.warn({ event: 'report-resolve-failed', report: reply.resolveReport.id, error: (error as Error).name }, 'could not resolve the report a change answers');
      }
    }
    const notices: CardMessage[] = [];
    for (const card of reply.toChannel ?? []) {
      if (!(await this.deps.maintainers.post(card, 'proposal'))) {
        notices.push(noticeCard('Sent for review', 'No maintainers\' channel is set (a maintainer types "maintainers: use this channel" there), so colleagues see this change when they type "pending changes" to me.'));
      }
    }
    if (!(reply.replaceTapped && (await this.replaceTapped(context, reply.messages)))) await context.sendActivities(reply.messages.map(cardActivity));
    if (notices.length) await context.sendActivities(notices.map(cardActivity));
  }

  /** The form (with its problems) or the review card (once decided) replaces the card that was tapped. */
  private async replaceTapped(context: TurnContext, messages: CardMessage[]): Promise<boolean> {
    const { activity } = context;
    if (!activity.replyToId || messages.length !== 1) return false;
    try {
      await context.updateActivity({ ...cardActivity(messages[0]), id: activity.replyToId, conversation: activity.conversation });
      return true;
    } catch (error) {
      this.deps.log.warn({ event: 'update-failed', error: (error as Error).name }, 'could not update the card in place; sending a new one');
      return false;
    }
  }
}
