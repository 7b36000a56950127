import { z } from 'zod';
import { TOPIC_IDS } from '../directory/ids';
import { serviceCard, servicePreview } from '../cards/service-card';
import { topicCard } from '../cards/topic';
import { firstScreenServices } from './topic-reply';
import type { Signposter } from '../search/answer';
import { ServiceSearch, type SearchHit } from '../search/service-search';

/** The search command declared in manifest/ (composeExtensions). */
export const SEARCH_COMMAND_ID = 'searchServices';

const ADAPTIVE = 'application/vnd.microsoft.card.adaptive';
const THUMBNAIL = 'application/vnd.microsoft.card.thumbnail';

export interface ComposeQuery {
  commandId?: string;
  parameters?: { name?: string; value?: unknown }[];
  queryOptions?: { skip?: number; count?: number };
}

const itemSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('service'), id: z.string().max(100) }),
  z.object({ kind: z.literal('topic'), topic: z.enum(TOPIC_IDS) }),
]);

type Json = Record<string, unknown>;

function message(text: string): Json {
  return { composeExtension: { type: 'message', text } };
}

/**
 * The message extension in protocol terms: composeExtension/query lists services with a
 * preview each; composeExtension/selectItem returns the full card to insert.
 */
export class ComposeSearch {
  private readonly search: ServiceSearch;

  constructor(private readonly signposter: Signposter) {
    this.search = new ServiceSearch(signposter);
  }

  query(query: ComposeQuery): Json {
    if (query.commandId !== SEARCH_COMMAND_ID) return message('This search is not available in this version of the app. Try updating the MECC Signposting app.');
    const param = (query.parameters ?? []).find((p) => p.name === 'query' || p.name === 'initialRun');
    const text = typeof param?.value === 'string' && param.name === 'query' ? param.value.slice(0, 500) : '';
    const result = this.search.search(text, { skip: Number(query.queryOptions?.skip) || 0, count: Number(query.queryOptions?.count) || 10 });
    if (!result.hits.length) {
      return message(result.total ? 'No more results.' : 'No services found. Try a topic such as "carers" or "stop smoking chesterfield".');
    }
    return { composeExtension: { type: 'result', attachmentLayout: 'list', attachments: result.hits.map((h) => this.attachment(h)) } };
  }

  selectItem(value: unknown): Json {
    const parsed = itemSchema.safeParse(value);
    const d = this.signposter.directory;
    if (parsed.success && parsed.data.kind === 'service') {
      const service = d.service(parsed.data.id);
      if (service) return this.result(serviceCard(d, service).card);
    }
    if (parsed.success && parsed.data.kind === 'topic') return this.result(this.topicCardFor(parsed.data.topic));
    return message('That result is no longer available: please search again.');
  }

  private topicCardFor(topic: (typeof TOPIC_IDS)[number]): Json {
    const answer = this.signposter.topic(topic, null);
    const crisis = topic === 'suicide-prevention';
    const d = this.signposter.directory;
    const services = firstScreenServices(answer, new Set(crisis ? d.crisisLines.map((s) => s.id) : []));
    return topicCard(d, { topic, place: null, services, moreCount: 0, askForPlace: false, related: [], otherCues: [], afterCrisis: false, inlineCrisis: crisis }).card;
  }

  private result(card: Json): Json {
    return { composeExtension: { type: 'result', attachmentLayout: 'list', attachments: [{ contentType: ADAPTIVE, content: card }] } };
  }

  private attachment(hit: SearchHit): Json {
    const d = this.signposter.directory;
    if (hit.kind === 'topic') {
      const t = d.topic(hit.topic);
      return {
        contentType: ADAPTIVE,
        content: this.topicCardFor(hit.topic),
        preview: { contentType: THUMBNAIL, content: { title: t.title, text: t.summary, tap: { type: 'invoke', value: { kind: 'topic', topic: t.id } } } },
      };
    }
    const preview = servicePreview(d, hit.service);
    return {
      contentType: ADAPTIVE,
      content: serviceCard(d, hit.service).card,
      preview: { contentType: THUMBNAIL, content: { ...preview, tap: { type: 'invoke', value: { kind: 'service', id: hit.service.id } } } },
    };
  }
}
