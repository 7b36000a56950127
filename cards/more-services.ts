import type { Directory } from '../directory/load';
import type { PlaceId, TopicId } from '../directory/ids';
import type { Service } from '../directory/schema';
import { adaptiveCard, type CardMessage, heading, paragraph, subheading, submit } from './elements';
import { hasContactRoute, reachableNow, serviceBlock } from './service';

/**
 * Every service for a topic and Place, with hours, cost and when each was checked. Those
 * that can be contacted now come first, nearest first; the rest follow, each saying how to
 * reach it, so the list never leads with a dead end.
 */
export function moreServicesCard(directory: Directory, topic: TopicId, place: PlaceId | null, services: Service[]): CardMessage {
  const title = directory.topic(topic).title;
  // Direct routes first, then those reached through another service (a Safe Haven through the helpline).
  const reachable = [...services.filter(hasContactRoute), ...services.filter((s) => !hasContactRoute(s) && reachableNow(directory, s))];
  const rest = services.filter((s) => !reachableNow(directory, s));
  return adaptiveCard(
    [
      heading(`All services: ${title}`),
      paragraph(place ? `For ${directory.place(place).name}, nearest first` : 'Place not set: county-wide, city-wide and national services', { isSubtle: true, spacing: 'None' }),
      ...reachable.map((s) => serviceBlock(directory, s, { detail: true })),
      ...(rest.length ? [subheading('No contact details recorded yet'), ...rest.map((s) => serviceBlock(directory, s, { detail: true }))] : []),
    ],
    [submit('Back to topic', { action: 'topic', topic, place }), submit('Change Place', { action: 'changePlace' })],
    `${services.length} services for ${title}`,
  );
}
