import QRCode from 'qrcode';
import type { CardAction } from '../cards/actions';
import type { CardMessage } from '../cards/elements';
import { noticeCard } from '../cards/notice';
import { takeawayCard } from '../cards/takeaway';
import type { Directory } from '../directory/load';
import { TOPIC_IDS, type TopicId } from '../directory/ids';
import type { Service } from '../directory/schema';
import { takeawayUrl } from '../takeaway/address';
import { takeawayText } from '../takeaway/plain-text';
import { buildTakeaway, checkChoice, crisisFirst, MAX_SERVICES, MAX_TOPICS, offerable, type TakeawayChoice } from '../takeaway/summary';
import type { Answer } from '../search/answer';
import { firstScreenServices } from './topic-reply';

type TakeawayAction = Extract<CardAction, { action: 'takeaway' }>;

/**
 * "Give to the person" from a topic card: builds the take-away from the ids the button
 * carries (and the card's inputs, when staff changed the services or added a topic), and the
 * card that hands it over. The public page is built from the same choice by the edge.
 */
export class TakeawayDesk {
  constructor(
    private readonly directory: Directory,
    /** The public base address, asked for at each turn: the port is known only once listening. */
    private readonly publicBaseUrl: () => string,
    private readonly topicAnswer: (topic: TopicId, place: TakeawayChoice['place']) => Answer,
  ) {}

  async respond(action: TakeawayAction): Promise<CardMessage> {
    const place = action.place ?? null;
    const topics = [...action.topics];
    let services = action.chosen !== undefined ? action.chosen.split(',').map((s) => s.trim()).filter(Boolean) : [...action.services];
    const added = action.addTopic;
    if (added && !topics.includes(added) && topics.length < MAX_TOPICS) {
      topics.push(added);
      // A new topic comes with its card's default: the services nearest first that can be contacted.
      services.push(...this.defaults(added, place).filter((id) => !services.includes(id)));
    }
    // The crisis lines lead a mental health take-away on their own: not listed twice.
    if (crisisFirst(topics)) services = services.filter((id) => !this.directory.crisisLines.some((s) => s.id === id));
    services = services.slice(0, MAX_SERVICES);
    const choice = checkChoice(this.directory, { topics, place, services });
    if (!choice) {
      return noticeCard('That list has changed', 'One of those services is no longer in the directory, or does not serve this Place. Open the topic again and press "Give to the person".', this.directory);
    }
    return this.card(choice);
  }

  /** The services a topic card shows first, for a take-away started without a card's choice. */
  defaults(topic: TopicId, place: TakeawayChoice['place']): string[] {
    const allowed = new Set(offerable(this.directory, topic, place).map((s) => s.id));
    return firstScreenServices(this.topicAnswer(topic, place), new Set()).map((s) => s.id).filter((id) => allowed.has(id));
  }

  private async card(choice: TakeawayChoice): Promise<CardMessage> {
    const takeaway = buildTakeaway(this.directory, choice);
    const base = this.publicBaseUrl();
    const pageUrl = takeawayUrl(base, choice);
    const qrDataUri = await QRCode.toDataURL(pageUrl, { errorCorrectionLevel: 'M', margin: 4, scale: 6 });
    const seen = new Set<string>();
    const offer: Service[] = [];
    for (const topic of choice.topics) for (const s of offerable(this.directory, topic, choice.place)) if (!seen.has(s.id)) seen.add(s.id) && offer.push(s);
    return takeawayCard(this.directory, {
      takeaway,
      pageUrl,
      largePrintUrl: takeawayUrl(base, choice, { large: true }),
      qrDataUri,
      plainText: takeawayText(takeaway, pageUrl),
      offerable: offer,
      addable: choice.topics.length < MAX_TOPICS ? TOPIC_IDS.filter((t) => !choice.topics.includes(t)) : [],
    });
  }
}
