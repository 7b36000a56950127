import type { PlaceId, TopicId } from '../directory/ids';
import type { Service } from '../directory/schema';

/** How close to the person a service is: local first, national last. */
export function reach(service: Service, place: PlaceId | null): number | undefined {
  if (place && !service.places.includes(place)) return undefined;
  switch (service.area) {
    case 'local':
      return place ? 0 : undefined; // a local service is only right when we know where
    case 'derbyshire-county':
    case 'derby-city':
      return 1;
    case 'derby-and-derbyshire':
      return 2;
    case 'national':
      return 3;
  }
}

export function isNational(service: Service): boolean {
  return service.area === 'national';
}

/**
 * Every service for the topic that serves the Place, nearest first; within a tier, services
 * whose main topic this is come before those that also help with it.
 */
export function servicesFor(services: Service[], topic: TopicId, place: PlaceId | null): Service[] {
  const relevance = (s: Service) => {
    const i = s.topics.indexOf(topic);
    return i < 0 ? 99 : i;
  };
  return services
    .filter((s) => s.topics.includes(topic))
    .map((s) => ({ s, tier: reach(s, place) }))
    .filter((x): x is { s: Service; tier: number } => x.tier !== undefined)
    .sort((a, b) => a.tier - b.tier || relevance(a.s) - relevance(b.s) || a.s.name.localeCompare(b.s.name))
    .map((x) => x.s);
}

export const LOCAL_SHOWN = 3;
export const NATIONAL_SHOWN = 2;

/** The short list a topic card shows: the nearest few, then the national fallback. */
export function shortList(ranked: Service[]): { local: Service[]; national: Service[] } {
  return {
    local: ranked.filter((s) => !isNational(s)).slice(0, LOCAL_SHOWN),
    national: ranked.filter(isNational).slice(0, NATIONAL_SHOWN),
  };
}
