import {
  ActivityTypes, CardFactory, type ConversationState, type MessagingExtensionQuery, type MessagingExtensionResponse,
  type StatePropertyAccessor, TeamsActivityHandler, TurnContext, type UserState, type Activity,
} from 'botbuilder';
import type { ComposeSearch } from '../chat/compose-search';
import type { CardMessage } from '../cards/elements';
import { type Conversation, type Incoming, NO_PREFERENCES, type Outcome, type TurnPorts, type UserPreferences } from '../chat/respond';
import type { MaintainersChannel } from './maintainers-channel';
import type { Logger } from './logger';

export function cardActivity(message: CardMessage): Partial<Activity> {
  return { type: ActivityTypes.Message, summary: message.summary, attachments: [CardFactory.adaptiveCard(message.card)] };
}

/** The text a member of staff typed, with the bot's @mention (group chats, channels) removed. */
export function messageText(activity: Activity): string {
  const stripped = TurnContext.removeRecipientMention(activity) ?? activity.text ?? '';
  return stripped.replace(/<at>[^<]*<\/at>/gi, ' ').trim();
}

/**
 * The Teams edge: turns activities into calls on the Conversation and its replies back into
 * activities. Routing is by activity type and nothing else; every decision lives in chat/.
 */
export class SignpostBot extends TeamsActivityHandler {
  private readonly preferences: StatePropertyAccessor<UserPreferences>;
  private readonly welcomed: StatePropertyAccessor<boolean>;

  constructor(
    private readonly conversation: () => Conversation,
    private readonly composeSearch: () => ComposeSearch,
    private readonly userState: UserState,
    private readonly conversationState: ConversationState,
    private readonly log: Logger,
    private readonly maintainers?: MaintainersChannel,
  ) {
    super();
    this.preferences = userState.createProperty<UserPreferences>('preferences');
    this.welcomed = conversationState.createProperty<boolean>('welcomed');

    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const botAdded = (context.activity.membersAdded ?? []).some((m) => m.id === context.activity.recipient?.id);
      if (botAdded) await this.welcome(context);
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      await this.welcome(context);
      await next();
    });
  }

  async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await this.userState.saveChanges(context);
    await this.conversationState.saveChanges(context);
  }

  /** What this turn may do besides reply, bound to the member of staff and the conversation. */
  private portsFor(context: TurnContext): TurnPorts {
    const { activity } = context;
    const user = activity.from?.aadObjectId ?? activity.from?.id ?? 'unknown';
    if (!this.maintainers) return { user };
    const maintainers = this.maintainers;
    return {
      user,
      reports: maintainers.reports,
      notifyMaintainers: (report) => maintainers.notify(report),
      setMaintainersChannel: () => maintainers.useConversation(TurnContext.getConversationReference(activity)),
    };
  }

  protected async handleTeamsMessagingExtensionQuery(_context: TurnContext, query: MessagingExtensionQuery): Promise<MessagingExtensionResponse> {
    const response = this.composeSearch().query(query) as MessagingExtensionResponse;
    this.log.info({ event: 'compose-query', results: response.composeExtension?.attachments?.length ?? 0 }, 'compose search');
    return response;
  }

  protected async handleTeamsMessagingExtensionSelectItem(_context: TurnContext, item: unknown): Promise<MessagingExtensionResponse> {
    return this.composeSearch().selectItem(item) as MessagingExtensionResponse;
  }

  private async welcome(context: TurnContext): Promise<void> {
    // Teams sends both conversationUpdate and installationUpdate on install: welcome once.
    if (await this.welcomed.get(context, false)) return;
    await this.welcomed.set(context, true);
    const prefs = await this.preferences.get(context, { ...NO_PREFERENCES });
    await context.sendActivity(cardActivity(this.conversation().welcome(prefs)));
    this.log.info({ event: 'welcome', conversationType: context.activity.conversation?.conversationType ?? 'personal' }, 'welcome sent');
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const started = process.hrtime.bigint();
    await context.sendActivity({ type: ActivityTypes.Typing });
    const activity = context.activity;
    const incoming: Incoming = activity.value !== undefined && activity.value !== null && !activity.text
      ? { kind: 'action', value: activity.value }
      : { kind: 'text', text: messageText(activity) };
    const prefs = { ...NO_PREFERENCES, ...(await this.preferences.get(context, { ...NO_PREFERENCES })) };
    const reply = await this.conversation().respond(incoming, prefs, this.portsFor(context));
    await this.preferences.set(context, reply.preferences);
    if (reply.updateInPlace && await this.updateClickedCard(context, reply.messages)) {
      this.logOutcome(reply.outcome, incoming, started, context);
      return;
    }
    // One activity per card, in order: the crisis card, when there is one, always comes first.
    await context.sendActivities(reply.messages.map(cardActivity));
    this.logOutcome(reply.outcome, incoming, started, context);
  }

  /**
   * In a group chat, channel or meeting, a walkthrough click replaces the card everyone is
   * looking at instead of adding one per click. Falls back to a new message if Teams refuses.
   */
  private async updateClickedCard(context: TurnContext, messages: { card: Record<string, unknown>; summary: string }[]): Promise<boolean> {
    const { activity } = context;
    const shared = activity.conversation?.conversationType && activity.conversation.conversationType !== 'personal';
    if (!shared || !activity.replyToId || messages.length !== 1) return false;
    try {
      await context.updateActivity({ ...cardActivity(messages[0]), id: activity.replyToId, conversation: activity.conversation });
      return true;
    } catch (error) {
      this.log.warn({ event: 'update-failed', error: (error as Error).name }, 'could not update the card in place; sending a new one');
      return false;
    }
  }

  private logOutcome(outcome: Outcome, incoming: Incoming, started: bigint, context: TurnContext): void {
    this.log.info(
      {
        event: 'turn',
        input: incoming.kind,
        ...(incoming.kind === 'text' ? { chars: incoming.text.length } : {}),
        outcome: outcome.outcome,
        topic: outcome.topic ?? undefined,
        place: outcome.place ?? undefined,
        conversationType: context.activity.conversation?.conversationType ?? 'personal',
        ms: Number(process.hrtime.bigint() - started) / 1e6,
      },
      'turn',
    );
  }
}
