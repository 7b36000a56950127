import {
  ActivityTypes, CardFactory, type ConversationState, type MessagingExtensionQuery, type MessagingExtensionResponse,
  type StatePropertyAccessor, TeamsActivityHandler, TurnContext, type UserState, type Activity,
} from 'botbuilder';
import type { ComposeSearch } from '../chat/compose-search';
import type { CardMessage } from '../cards/elements';
import { type Conversation, type Incoming, NO_PREFERENCES, type Outcome, type TurnPorts, type UserPreferences } from '../chat/respond';
import type { MaintainersChannel } from './maintainers-channel';
import type { MaintainerAccess } from './maintainer-access';
import type { Metrics } from './metrics';
import type { RateLimiter } from './rate-limit';
import { mightIdentifyPatient } from '../reports/report';
import { privacyReminderCard } from '../cards/notice';
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
export interface SignpostBotOptions {
  conversation: () => Conversation;
  composeSearch: () => ComposeSearch;
  userState: UserState;
  conversationState: ConversationState;
  log: Logger;
  metrics: Metrics;
  maintainers?: MaintainersChannel;
  /** Microsoft Entra tenant ids allowed to use the bot; empty means any. */
  allowedTenants?: string[];
  rateLimits?: { typed?: RateLimiter; cards?: RateLimiter; reports?: RateLimiter };
  /** Who may set the maintainers' channel and close reports; without it, nobody. */
  maintainerAccess?: MaintainerAccess;
  /** Directory edits from Teams: takes the turns that are about editing (bot/editing.ts). */
  editing?: { handle(context: TurnContext): Promise<boolean> };
}

export class SignpostBot extends TeamsActivityHandler {
  private readonly preferences: StatePropertyAccessor<UserPreferences>;
  private readonly welcomed: StatePropertyAccessor<boolean>;
  private readonly conversation: () => Conversation;
  private readonly composeSearch: () => ComposeSearch;
  private readonly userState: UserState;
  private readonly conversationState: ConversationState;
  private readonly log: Logger;
  private readonly metrics: Metrics;
  private readonly maintainers?: MaintainersChannel;

  constructor(private readonly options: SignpostBotOptions) {
    super();
    ({ conversation: this.conversation, composeSearch: this.composeSearch, userState: this.userState, conversationState: this.conversationState, log: this.log, metrics: this.metrics, maintainers: this.maintainers } = options);
    const { userState, conversationState } = options;
    this.preferences = userState.createProperty<UserPreferences>('preferences');
    this.welcomed = conversationState.createProperty<boolean>('welcomed');

    this.onMessage(async (context, next) => {
      if (!(await this.options.editing?.handle(context))) await this.handleMessage(context);
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
    const { activity } = context;
    this.metrics.count(`activities.${activity.type}`);
    if (!this.tenantAllowed(activity)) {
      this.metrics.count('refused.tenant');
      this.log.warn({ event: 'tenant-refused', activityType: activity.type }, 'request from a tenant that is not allowed');
      if (activity.type === ActivityTypes.Message) {
        await context.sendActivity('Sorry, this signposting bot is only available to staff in the organisations that run it.');
      }
      return;
    }
    if (activity.type === ActivityTypes.Message && !(await this.withinLimits(context))) return;
    await super.run(context);
    await this.saveState(context);
  }

  /**
   * Typed messages, card clicks and staff reports each have their own limit: a trainer clicking
   * quickly through a walkthrough is not a flood, but a hundred clicks a second are, and a
   * report is a stored record, so far fewer of those are allowed.
   */
  private async withinLimits(context: TurnContext): Promise<boolean> {
    const { activity } = context;
    const limits = this.options.rateLimits;
    const limit = !activity.text && (activity.value as { action?: unknown } | undefined)?.action === 'report' ? 'reports' : activity.text ? 'typed' : 'cards';
    const limiter = limits?.[limit];
    if (!limiter) return true;
    const verdict = limiter.take(activity.from?.aadObjectId ?? activity.from?.id ?? 'unknown');
    if (verdict === 'ok') return true;
    this.metrics.count(`throttled${limit === 'typed' ? '' : `.${limit}`}`);
    if (verdict === 'warn') {
      await context.sendActivity(limit === 'reports'
        ? 'Thank you: you have sent several reports in a short time, so I have paused taking more for a while. If something is urgent, email the directory maintainers.'
        : 'You are sending messages very quickly, so I have paused for a moment. Please wait a few seconds and ask again.');
    }
    return false;
  }

  /** The tenant a Teams activity comes from: conversation.tenantId, or channelData.tenant.id. */
  private tenantAllowed(activity: Activity): boolean {
    const allowed = this.options.allowedTenants ?? [];
    if (!allowed.length) return true;
    const tenant = activity.conversation?.tenantId ?? (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
    return Boolean(tenant) && allowed.some((t) => t.toLowerCase() === tenant!.toLowerCase());
  }

  /**
   * Saves preferences; if another instance changed this user's record meanwhile (an eTag
   * conflict), reloads it and applies this turn's change again rather than losing either.
   */
  private async saveState(context: TurnContext): Promise<void> {
    const prefs = await this.preferences.get(context);
    for (let attempt = 0; ; attempt++) {
      try {
        await this.userState.saveChanges(context);
        break;
      } catch (error) {
        if (!isConflict(error) || attempt >= 3) throw error;
        this.metrics.count('state.conflicts');
        await this.userState.load(context, true);
        if (prefs) await this.preferences.set(context, prefs);
      }
    }
    try {
      await this.conversationState.saveChanges(context);
    } catch (error) {
      if (!isConflict(error)) throw error;
      this.metrics.count('state.conflicts');
    }
  }

  /** What this turn may do besides reply, bound to the member of staff and the conversation. */
  private portsFor(context: TurnContext): TurnPorts {
    const { activity } = context;
    const user = activity.from?.aadObjectId ?? activity.from?.id ?? 'unknown';
    const channelData = activity.channelData as { tenant?: { id?: string }; team?: { id?: string } } | undefined;
    const where = { tenant: activity.conversation?.tenantId ?? channelData?.tenant?.id, team: channelData?.team?.id };
    if (!this.maintainers) return { user, ...where };
    const maintainers = this.maintainers;
    return {
      user,
      ...where,
      reports: maintainers.reports,
      notifyMaintainers: (report) => maintainers.notify(report),
      setMaintainersChannel: () => maintainers.useConversation(TurnContext.getConversationReference(activity)),
      isMaintainer: (action) => this.options.maintainerAccess?.allows(context, action) ?? Promise.resolve(false),
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

  /** Conversations welcomed by this process recently: the two install events can arrive at the same moment. */
  private readonly welcoming = new Map<string, number>();

  private async welcome(context: TurnContext): Promise<void> {
    // Teams sends both conversationUpdate and installationUpdate on install: welcome once.
    const id = context.activity.conversation?.id ?? '';
    const now = Date.now();
    if ((this.welcoming.get(id) ?? 0) > now - 60_000) return;
    this.welcoming.set(id, now);
    if (this.welcoming.size > 1000) for (const [k, t] of this.welcoming) if (t < now - 60_000) this.welcoming.delete(k);
    if (await this.welcomed.get(context, false)) return;
    await this.welcomed.set(context, true);
    const prefs = await this.preferences.get(context, { ...NO_PREFERENCES });
    await context.sendActivity(cardActivity(this.conversation().welcome(prefs)));
    this.log.info({ event: 'welcome', conversationType: context.activity.conversation?.conversationType ?? 'personal' }, 'welcome sent');
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const started = process.hrtime.bigint();
    // Teams shows "typing…" while we work. A caller that asked for the replies in the HTTP
    // response (expectReplies) gets them all at once, so there it would only be noise.
    if (context.activity.deliveryMode !== 'expectReplies') await context.sendActivity({ type: ActivityTypes.Typing });
    const activity = context.activity;
    const incoming: Incoming = activity.value !== undefined && activity.value !== null && !activity.text
      ? { kind: 'action', value: activity.value }
      : { kind: 'text', text: messageText(activity) };
    const prefs = { ...NO_PREFERENCES, ...(await this.preferences.get(context, { ...NO_PREFERENCES })) };
    const reply = await this.conversation().respond(incoming, prefs, this.portsFor(context));
    await this.preferences.set(context, reply.preferences);
    if ((reply.updateInPlace || reply.replaceTapped) && await this.updateClickedCard(context, reply.messages, reply.replaceTapped)) {
      this.logOutcome(reply.outcome, incoming, started, context);
      return;
    }
    // One activity per card, in order: the crisis card, when there is one, always comes first.
    await context.sendActivities(reply.messages.map(cardActivity));
    this.logOutcome(reply.outcome, incoming, started, context);
    if (incoming.kind === 'text' && mightIdentifyPatient(incoming.text)) {
      // The answer has been given; a gentle reminder follows it.
      this.metrics.count('privacy-reminders');
      await context.sendActivity(cardActivity(privacyReminderCard()));
    }
  }

  /**
   * In a group chat, channel or meeting, a walkthrough click replaces the card everyone is
   * looking at instead of adding one per click. Falls back to a new message if Teams refuses.
   */
  private async updateClickedCard(context: TurnContext, messages: { card: Record<string, unknown>; summary: string }[], anyChat = false): Promise<boolean> {
    const { activity } = context;
    const shared = activity.conversation?.conversationType && activity.conversation.conversationType !== 'personal';
    if ((!shared && !anyChat) || !activity.replyToId || messages.length !== 1) return false;
    try {
      await context.updateActivity({ ...cardActivity(messages[0]), id: activity.replyToId, conversation: activity.conversation });
      return true;
    } catch (error) {
      this.log.warn({ event: 'update-failed', error: (error as Error).name }, 'could not update the card in place; sending a new one');
      return false;
    }
  }

  private logOutcome(outcome: Outcome, incoming: Incoming, started: bigint, context: TurnContext): void {
    this.metrics.count(`outcomes.${outcome.outcome}`);
    this.log.info(
      {
        event: 'turn',
        activityType: context.activity.type,
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

function isConflict(error: unknown): boolean {
  const e = error as { name?: string; statusCode?: number; code?: string; message?: string };
  return e?.name === 'ETagConflictError' || e?.statusCode === 412 || e?.code === 'ConditionNotMet' || /etag|precondition|condition.*not met/i.test(String(e?.message));
}
