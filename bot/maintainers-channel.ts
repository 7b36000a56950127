import type { CloudAdapter, ConversationReference, Storage } from 'botbuilder';
import { maintainersReportCard } from '../cards/report';
import type { CardMessage } from '../cards/elements';
import type { Directory } from '../directory/load';
import type { Report } from '../reports/report';
import type { ReportStore } from '../reports/store';
import type { Logger } from './logger';
import { cardActivity } from './signpost-bot';

const CHANNEL_KEY = 'config/maintainers-channel';

/**
 * Where staff reports go: the durable store always, and the maintainers' Teams channel when
 * a maintainer has typed "maintainers: use this channel" there (a proactive message).
 */
export class MaintainersChannel {
  constructor(
    readonly reports: ReportStore,
    private readonly storage: Storage,
    private readonly adapter: CloudAdapter,
    private readonly botAppId: string,
    private readonly directory: () => Directory,
    private readonly log: Logger,
  ) {}

  async useConversation(reference: Partial<ConversationReference>): Promise<void> {
    await this.storage.write({ [CHANNEL_KEY]: { reference, eTag: '*' } });
    this.log.info({ event: 'maintainers-channel-set' }, 'maintainers channel set');
  }

  /** The maintainers' channel's conversation id (without a thread's ;messageid=), if one is set. */
  async channelId(): Promise<string | undefined> {
    const items = await this.storage.read([CHANNEL_KEY]);
    const id = (items[CHANNEL_KEY]?.reference as Partial<ConversationReference> | undefined)?.conversation?.id;
    return id?.split(';')[0];
  }

  /** Posts a card to the maintainers' channel; false if none is set or Teams could not be reached (logged). */
  async post(message: CardMessage, what: string): Promise<boolean> {
    const items = await this.storage.read([CHANNEL_KEY]);
    const reference = items[CHANNEL_KEY]?.reference as Partial<ConversationReference> | undefined;
    if (!reference) return false;
    try {
      await this.adapter.continueConversationAsync(this.botAppId, reference, async (context) => {
        await context.sendActivity(cardActivity(message));
      });
      return true;
    } catch (error) {
      this.log.warn({ event: 'channel-post-failed', what, error: (error as Error).name }, 'could not post to the maintainers channel');
      return false;
    }
  }

  /** Posts the report to the channel; a failure is logged, never lost: the report is already stored. */
  async notify(report: Report): Promise<void> {
    const items = await this.storage.read([CHANNEL_KEY]);
    const reference = items[CHANNEL_KEY]?.reference as Partial<ConversationReference> | undefined;
    if (!reference) return;
    const d = this.directory();
    try {
      await this.adapter.continueConversationAsync(this.botAppId, reference, async (context) => {
        await context.sendActivity(cardActivity(maintainersReportCard(d, report, d.service(report.serviceId))));
      });
      this.log.info({ event: 'report-posted', report: report.id }, 'report posted to maintainers');
    } catch (error) {
      this.log.warn({ event: 'report-post-failed', report: report.id, error: (error as Error).name }, 'could not post report to the maintainers channel');
    }
  }
}
