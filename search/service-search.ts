import Fuse from 'fuse.js';
import type { Directory } from '../directory/load';
import type { PlaceId, TopicId } from '../directory/ids';
import type { Service } from '../directory/schema';
import type { Signposter } from './answer';
import { normalise } from './text';

/** The topics staff ask about most (MECC's core lifestyle areas first), for an empty search. */
export const MOST_USED_TOPICS: TopicId[] = ['smoking', 'alcohol-drugs', 'mental-wellbeing', 'suicide-prevention', 'healthy-weight', 'physical-activity', 'affordable-warmth', 'money-advice', 'loneliness'];

export type SearchHit = { kind: 'service'; service: Service } | { kind: 'topic'; topic: TopicId };

export interface ServiceSearchResult {
  hits: SearchHit[];
  place: PlaceId | null;
  topic: TopicId | null;
  total: number;
}

/**
 * Finds services from the compose box: a topic ("stop smoking chesterfield") lists that
 * topic's services for the Place; anything else is a fuzzy search over service names,
 * providers and descriptions.
 */
export class ServiceSearch {
  private fuseIndex?: Fuse<Service>;

  constructor(private readonly signposter: Signposter, private readonly directory: Directory = signposter.directory) {}

  /** Built on the first free-text search, not at start-up: most searches name a topic. */
  private get fuse(): Fuse<Service> {
    return (this.fuseIndex ??= new Fuse(this.directory.services, {
      keys: [
        { name: 'name', weight: 3 },
        { name: 'provider', weight: 1 },
        { name: 'description', weight: 1 },
      ],
      ignoreLocation: true,
      threshold: 0.3,
      minMatchCharLength: 3,
    }));
  }

  search(query: string, options: { skip?: number; count?: number; place?: PlaceId | null } = {}): ServiceSearchResult {
    const skip = Math.max(0, Math.floor(options.skip ?? 0));
    const count = Math.min(25, Math.max(1, Math.floor(options.count ?? 10)));
    const text = normalise(query);
    if (!text) {
      const hits: SearchHit[] = MOST_USED_TOPICS.map((topic) => ({ kind: 'topic', topic }));
      return { hits: hits.slice(skip, skip + count), place: options.place ?? null, topic: null, total: hits.length };
    }
    const answer = this.signposter.ask(query, { place: options.place ?? null });
    let services: Service[];
    if (answer.topic) {
      services = this.signposter.servicesFor(answer.topic, answer.place);
      if (answer.crisis) services = [...new Set([...this.directory.crisisLines, ...services])];
    } else {
      services = this.fuse.search(text, { limit: 50 }).map((r) => r.item).filter((s) => !answer.place || s.places.includes(answer.place));
    }
    const hits: SearchHit[] = services.map((service) => ({ kind: 'service', service }));
    return { hits: hits.slice(skip, skip + count), place: answer.place, topic: answer.topic, total: hits.length };
  }
}
