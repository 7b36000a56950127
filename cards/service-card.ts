import type { Directory } from '../directory/load';
import type { Service } from '../directory/schema';
import { adaptiveCard, type CardMessage, heading, paragraph } from './elements';
import { areaLabel, serviceBlock } from './service';

/** One service as a card of its own, for dropping into any chat from the compose box. */
export function serviceCard(directory: Directory, service: Service): CardMessage {
  const topics = service.topics.map((t) => directory.topic(t).title).join(', ');
  return adaptiveCard(
    [heading(service.name, 'Medium'), paragraph(`${areaLabel(directory, service)} · ${topics}`, { isSubtle: true, spacing: 'None' }), serviceBlock(directory, service, { detail: true })],
    [],
    `${service.name}: ${service.description}`,
  );
}

/** The one-line preview Teams shows in the search results list. */
export function servicePreview(directory: Directory, service: Service): { title: string; text: string } {
  return { title: service.name, text: `${service.description} · ${areaLabel(directory, service)}` };
}
