import type { Directory } from '../directory/load';
import type { PlaceId, TopicId } from '../directory/ids';
import { cardActionSchema, type CardAction } from '../cards/actions';
import { didYouMeanCard, noMatchCard, topicListCard } from '../cards/choices';
import type { CardMessage } from '../cards/elements';
import { guideCard } from '../cards/guide';
import { moreServicesCard } from '../cards/more-services';
import { noticeCard, staleTrainingCard } from '../cards/notice';
import { didYouMeanTrainingCard, START } from '../cards/choices';
import { placeCard, placeSetCard } from '../cards/place-picker';
import { welcomeCard } from '../cards/welcome';
import { reportFormCard, reportResolvedCard, reportThanksCard } from '../cards/report';
import type { Report } from '../reports/report';
import type { ReportStore } from '../reports/store';
import { practiceCard, practiceFeedbackCard, walkthroughCard } from '../cards/walkthrough';
import type { Answer, Signposter } from '../search/answer';
import { leadsWithCrisis, topicMessages } from './topic-reply';
import { type ActivityDesk, type ActivityReplyResult, activityIntentOf, isRecordAction } from './activity-reply';
import { TakeawayDesk } from './takeaway';
import { CohortDesk, type CohortTurn } from './cohort-reply';
import type { ForPerson } from '../cards/topic';

/** What the bot knows about the member of staff between messages. */
export interface UserPreferences {
  place: PlaceId | null;
  /** The Place is asked for once, on the first topic card; after that only on request. */
  askedForPlace: boolean;
}

export const NO_PREFERENCES: UserPreferences = { place: null, askedForPlace: false };

/** What happened, for logs and metrics: ids and categories only, never message text. */
export interface Outcome {
  outcome: 'cohort' | 'clinic-brief' | 'takeaway' | 'report' | 'topic' | 'crisis' | 'did-you-mean' | 'no-match' | 'help' | 'browse' | 'place-set' | 'place-picker' | 'guide' | 'more-services' | 'thanks' | 'stale-action' | 'empty' | 'train' | 'practice' | 'maintainers' | 'record' | 'activity';
  topic?: TopicId | null;
  place?: PlaceId | null;
}

export interface Reply {
  messages: CardMessage[];
  /** Replace the card that was clicked rather than post a new one (trainer mode in group chats and meetings). */
  updateInPlace?: boolean;
  /** Replace the tapped card in any chat, personal too (a recorded conversation's confirmation). */
  replaceTapped?: boolean;
  preferences: UserPreferences;
  outcome: Outcome;
}

export type Incoming = { kind: 'text'; text: string } | { kind: 'action'; value: unknown };

/**
 * What a turn may do beyond replying, supplied by the Teams edge for this turn: store a
 * staff report, tell the maintainers, remember the maintainers' channel.
 */
export interface TurnPorts {
  /** The member of staff's Teams id, for reports. */
  user: string;
  /** Where the turn comes from, for the organisation a recorded conversation belongs to. */
  tenant?: string;
  team?: string;
  reports?: ReportStore;
  notifyMaintainers?(report: Report): Promise<void>;
  setMaintainersChannel?(): Promise<void>;
  /** Whether this member of staff is a configured maintainer (asked before a maintainers' action). */
  isMaintainer?(action: 'set-channel' | 'resolve-report' | 'view-activity'): Promise<boolean>;
}

const NO_PORTS: TurnPorts = { user: 'unknown' };

/**
 * Decides the reply to one message or card click. Pure apart from the search index: no
 * botbuilder, no I/O, so it is tested directly and survives a change of bot SDK.
 */
export class Conversation {
  private readonly takeaway: TakeawayDesk;
  private readonly activity?: ActivityDesk;
  private readonly cohorts: CohortDesk;

  constructor(private readonly signposter: Signposter, options: { activity?: ActivityDesk; publicBaseUrl?: () => string } = {}) {
    this.activity = options.activity;
    this.cohorts = new CohortDesk(signposter);
    this.takeaway = new TakeawayDesk(signposter.directory, options.publicBaseUrl ?? (() => 'http://localhost:3978'), (t, p) => signposter.topic(t, p));
  }

  private get directory(): Directory {
    return this.signposter.directory;
  }

  async respond(incoming: Incoming, prefs: UserPreferences, ports: TurnPorts = NO_PORTS): Promise<Reply> {
    if (incoming.kind === 'action') return this.onAction(incoming.value, prefs, ports);
    const text = incoming.text.trim();
    if (!text) return { messages: [welcomeCard(this.directory, prefs.place)], preferences: prefs, outcome: { outcome: 'empty' } };
    const activityIntent = this.activity && activityIntentOf(text);
    if (activityIntent) return this.activityReply(activityIntent === 'my-conversations' ? this.activity!.myConversations(this.directory, ports) : this.activity!.monthSummary(this.directory, ports), prefs);
    const answer = this.signposter.ask(text, { place: prefs.place });
    if (answer.intent === 'maintainers') return this.setMaintainersChannel(prefs, ports);
    // Who is in front of me: a person or a clinic described (crisis answers never go this way).
    const cohort = this.cohorts.forText(text, answer);
    if (cohort) return this.cohortReply(cohort, prefs);
    return this.onAnswer(answer, prefs);
  }

  welcome(prefs: UserPreferences): CardMessage {
    return welcomeCard(this.directory, prefs.place);
  }

  private onAnswer(answer: Answer, prefs: UserPreferences): Reply {
    switch (answer.kind) {
      case 'crisis':
      case 'topic':
        return this.topicReply(answer, prefs);
      case 'place':
        if (answer.place && answer.placeFromMessage) {
          return { messages: [placeSetCard(this.directory, answer.place)], preferences: { ...prefs, place: answer.place, askedForPlace: true }, outcome: { outcome: 'place-set', place: answer.place } };
        }
        return { messages: [placeCard(this.directory, prefs.place)], preferences: prefs, outcome: { outcome: 'place-picker', place: prefs.place } };
      case 'did-you-mean':
        return { messages: [didYouMeanCard(this.directory, answer.alternatives)], preferences: prefs, outcome: { outcome: 'did-you-mean', place: answer.place } };
      case 'intent':
        return this.onIntent(answer, prefs);
      case 'none':
        return { messages: [noMatchCard(this.directory)], preferences: prefs, outcome: { outcome: 'no-match', place: answer.place } };
    }
  }

  private onIntent(answer: Answer, prefs: UserPreferences): Reply {
    switch (answer.intent) {
      case 'browse':
        return { messages: [topicListCard(this.directory)], preferences: prefs, outcome: { outcome: 'browse' } };
      case 'thanks':
        return { messages: [noticeCard('You\'re welcome', 'Type another topic whenever you need one.', this.directory)], preferences: prefs, outcome: { outcome: 'thanks' } };
      case 'train':
      case 'practice':
        if (answer.topic) return answer.intent === 'train' || answer.crisis ? this.walk(answer.topic, 1, prefs.place, prefs, false) : this.practice(answer.topic, 1, prefs, false);
        return {
          messages: [didYouMeanTrainingCard(this.directory, answer.alternatives)],
          preferences: prefs,
          outcome: { outcome: 'train' },
        };
      case 'maintainers':
      case 'greeting':
      case 'help':
      default:
        return { messages: [welcomeCard(this.directory, prefs.place)], preferences: prefs, outcome: { outcome: 'help' } };
    }
  }

  private cohortReply(turn: CohortTurn, prefs: UserPreferences): Reply {
    if (turn.kind === 'topic') return this.topicReply(turn.answer, prefs, turn.forPerson);
    return { messages: [turn.message], preferences: prefs, outcome: { outcome: turn.outcome, place: turn.place } };
  }

  private topicReply(answer: Answer, prefs: UserPreferences, forPerson?: ForPerson): Reply {
    const topic = answer.topic!;
    // Never under a crisis message: the picker would push 999 off the screen. Asked next time.
    const askForPlace = !answer.place && !prefs.askedForPlace && !leadsWithCrisis(answer);
    const messages = topicMessages(this.directory, answer, askForPlace, forPerson);
    return {
      messages: this.activity ? this.activity.withRecordBlock(messages, topic, answer.place, { inMenu: true }) : messages,
      preferences: askForPlace ? { ...prefs, askedForPlace: true } : prefs,
      outcome: { outcome: answer.crisis ? 'crisis' : 'topic', topic, place: answer.place },
    };
  }

  private async onAction(value: unknown, prefs: UserPreferences, ports: TurnPorts): Promise<Reply> {
    if (this.activity && isRecordAction(value)) return this.activityReply(this.activity.record(this.directory, value, ports), prefs);
    const parsed = cardActionSchema.safeParse(value);
    if (!parsed.success) {
      return {
        messages: [noticeCard('That button has expired', 'This card is out of date or its data was changed, so I could not act on it. Type a topic, or use the buttons below to start again.', this.directory)],
        preferences: prefs,
        outcome: { outcome: 'stale-action' },
      };
    }
    switch (parsed.data.action) {
      case 'report':
        return this.saveReport(parsed.data, prefs, ports);
      case 'resolveReport':
        return this.resolveReport(parsed.data.id, prefs, ports);
      case 'ask':
        return this.respond({ kind: 'text', text: parsed.data.query }, prefs, ports);
      case 'takeaway':
        return { messages: [await this.takeaway.respond(parsed.data)], preferences: prefs, outcome: { outcome: 'takeaway', topic: parsed.data.topics[0], place: parsed.data.place ?? null } };
      default:
        return this.onCardAction(parsed.data, prefs);
    }
  }

  private onCardAction(action: CardAction, prefs: UserPreferences): Reply {
    const d = this.directory;
    switch (action.action) {
      case 'topic': {
        const place = action.place ?? prefs.place;
        if (action.who) return this.cohortReply(this.cohorts.forTopicButton(action.topic, place, action.who), prefs);
        return this.topicReply(this.signposter.topic(action.topic, place), prefs);
      }
      case 'clinicBrief':
        return this.cohortReply(this.cohorts.clinicBriefFor(action.who, action.place ?? prefs.place), prefs);
      case 'moreServices': {
        const answer = this.signposter.topic(action.topic, action.place ?? null);
        // For a person described earlier, only the services they can use (the topic card named the others).
        const services = action.who ? this.cohorts.usableBy(answer.allServices, action.who) : answer.allServices;
        return { messages: [moreServicesCard(d, action.topic, answer.place, services)], preferences: prefs, outcome: { outcome: 'more-services', topic: action.topic, place: answer.place } };
      }
      case 'guide':
        return { messages: [guideCard(d, action.topic)], preferences: prefs, outcome: { outcome: 'guide', topic: action.topic } };
      case 'changePlace':
        return { messages: [placeCard(d, prefs.place)], preferences: prefs, outcome: { outcome: 'place-picker', place: prefs.place } };
      case 'setPlace': {
        // The drop-down's value wins over the button's default; both were checked by the schema.
        const place = action.place;
        const next = { ...prefs, place, askedForPlace: true };
        const messages = [placeSetCard(d, place)];
        if (action.topic) messages.push(...this.topicReply(this.signposter.topic(action.topic, place), next).messages);
        return { messages, preferences: next, outcome: { outcome: 'place-set', place, topic: action.topic ?? null } };
      }
      case 'help':
        return { messages: [welcomeCard(d, prefs.place)], preferences: prefs, outcome: { outcome: 'help' } };
      case 'browse':
        return { messages: [topicListCard(d)], preferences: prefs, outcome: { outcome: 'browse' } };
      case 'reportForm': {
        const service = d.service(action.service);
        if (!service) return this.expired(prefs);
        return { messages: [reportFormCard(d, service)], preferences: prefs, outcome: { outcome: 'report' } };
      }
      case 'report':
      case 'resolveReport':
      case 'ask':
      case 'takeaway':
        return this.expired(prefs);
      case 'walk': {
        const script = d.walkthroughs.get(action.topic)!;
        const fresh = action.version === START && action.step === 1;
        if ((!fresh && action.version !== script.contentVersion) || action.step < 1 || action.step > script.steps.length) return this.staleTraining(action.topic, prefs);
        return this.walk(action.topic, action.step, action.place ?? prefs.place, prefs, true);
      }
      case 'practice': {
        const script = d.walkthroughs.get(action.topic)!;
        if (action.version !== script.contentVersion || action.scenario < 1 || action.scenario > script.practice.length) return this.staleTraining(action.topic, prefs);
        return this.practice(action.topic, action.scenario, prefs, true);
      }
      case 'practiceAnswer': {
        const script = d.walkthroughs.get(action.topic)!;
        const p = script.practice[action.scenario - 1];
        if (action.version !== script.contentVersion || !p || action.choice < 1 || action.choice > p.replies.length) return this.staleTraining(action.topic, prefs);
        return { messages: [practiceFeedbackCard(d, script, action.scenario, action.choice)], preferences: prefs, updateInPlace: true, outcome: { outcome: 'practice', topic: action.topic } };
      }
    }
  }

  private async saveReport(action: Extract<CardAction, { action: 'report' }>, prefs: UserPreferences, ports: TurnPorts): Promise<Reply> {
    const service = this.directory.service(action.service);
    if (!service) return this.expired(prefs);
    if (!ports.reports) return { messages: [noticeCard('Reports are not available', 'This copy of the bot cannot store reports. Please email the directory maintainers instead.')], preferences: prefs, outcome: { outcome: 'report' } };
    // The thank-you is only sent once the report is safely stored.
    const report = await ports.reports.add({ serviceId: service.id, reason: action.reason, comment: action.comment, reporter: ports.user });
    await ports.notifyMaintainers?.(report);
    return { messages: [reportThanksCard(service)], preferences: prefs, outcome: { outcome: 'report' } };
  }

  private async resolveReport(id: string, prefs: UserPreferences, ports: TurnPorts): Promise<Reply> {
    if (!(await ports.isMaintainer?.('resolve-report'))) return this.notAMaintainer(prefs, 'close staff reports');
    const report = await ports.reports?.resolve(id, ports.user, 'Resolved from the maintainers\' channel');
    if (!report) return this.expired(prefs);
    return { messages: [reportResolvedCard(report)], preferences: prefs, updateInPlace: true, outcome: { outcome: 'report' } };
  }

  private notAMaintainer(prefs: UserPreferences, what: string): Reply {
    return {
      messages: [noticeCard('Only for the directory maintainers', `Only the directory maintainers can ${what}. If you should be one, ask whoever runs this bot to add you. You can still report a problem with any service from its card.`)],
      preferences: prefs,
      outcome: { outcome: 'maintainers' },
    };
  }

  private async setMaintainersChannel(prefs: UserPreferences, ports: TurnPorts): Promise<Reply> {
    if (!ports.setMaintainersChannel) return { messages: [noticeCard('Not available here', 'Staff reports cannot be sent to a channel from this copy of the bot.')], preferences: prefs, outcome: { outcome: 'maintainers' } };
    if (!(await ports.isMaintainer?.('set-channel'))) return this.notAMaintainer(prefs, 'choose where staff reports are posted');
    await ports.setMaintainersChannel();
    return { messages: [noticeCard('Maintainers\' channel set', 'New staff reports of wrong or missing details will be posted here, each with a "Mark resolved" button.')], preferences: prefs, outcome: { outcome: 'maintainers' } };
  }

  private async activityReply(result: Promise<ActivityReplyResult>, prefs: UserPreferences): Promise<Reply> {
    const { messages, replaceTapped, outcome } = await result;
    return { messages, replaceTapped, preferences: prefs, outcome };
  }

  private expired(prefs: UserPreferences): Reply {
    return {
      messages: [noticeCard('That button has expired', 'This card is out of date or its data was changed, so I could not act on it. Type a topic, or use the buttons below to start again.', this.directory)],
      preferences: prefs,
      outcome: { outcome: 'stale-action' },
    };
  }

  private walk(topic: TopicId, step: number, place: PlaceId | null, prefs: UserPreferences, updateInPlace: boolean): Reply {
    const script = this.directory.walkthroughs.get(topic)!;
    const services = script.steps[step - 1].stage === 'signpost' ? this.signposter.topic(topic, place).services.filter((s) => !this.directory.crisisLines.includes(s) || topic !== 'suicide-prevention') : [];
    return {
      messages: [walkthroughCard(this.directory, { script, step, place, services })],
      preferences: prefs,
      updateInPlace,
      outcome: { outcome: 'train', topic, place },
    };
  }

  private practice(topic: TopicId, scenario: number, prefs: UserPreferences, updateInPlace: boolean): Reply {
    const script = this.directory.walkthroughs.get(topic)!;
    return { messages: [practiceCard(this.directory, script, scenario)], preferences: prefs, updateInPlace, outcome: { outcome: 'practice', topic } };
  }

  /** A click from an older version of the content, or a step that no longer exists: offer a fresh start. */
  private staleTraining(topic: TopicId, prefs: UserPreferences): Reply {
    const script = this.directory.walkthroughs.get(topic)!;
    return {
      messages: [staleTrainingCard(this.directory, topic, script.contentVersion)],
      preferences: prefs,
      outcome: { outcome: 'stale-action', topic },
    };
  }
}
