import type { Directory } from '../directory/load';
import type { PlaceId, TopicId } from '../directory/ids';
import type { Service } from '../directory/schema';
import { adaptiveCard, type CardMessage, heading, paragraph, submit } from './elements';
import { serviceBlock } from './service';

/** Every service for a topic and Place, with hours, cost and when each was checked. */
export function moreServicesCard(directory: Directory, topic: TopicId, place: PlaceId | null, services: Service[]): CardMessage {
  const title = directory.topic(topic).title;
  return adaptiveCard(
    [
      heading(`All services: ${title}`),
      paragraph(place ? `For ${directory.place(place).name}, nearest first` : 'Place not set: county-wide, city-wide and national services', { isSubtle: true, spacing: 'None' }),
      ...services.map((s) => serviceBlock(directory, s, { detail: true })),
    ],
    [submit('Back to topic', { action: 'topic', topic, place }), submit('Change Place', { action: 'changePlace' })],
    `${services.length} services for ${title}`,
  );
}
