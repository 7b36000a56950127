import type { Directory } from '../directory/load';
import type { Service } from '../directory/schema';
import { actionSet, container, escapeMarkdown, hostOf, type Json, link, markdown, paragraph, submit, telUrl } from './elements';

const REFERRAL: Record<Service['referral'], string> = {
  self: 'Self-referral: the person can contact them directly',
  professional: 'Professional referral needed',
  both: 'Self-referral or professional referral',
  unknown: 'Referral route not confirmed: check when you contact them',
};

/** Where a service is offered, in words staff recognise. */
export function areaLabel(directory: Directory, service: Service): string {
  switch (service.area) {
    case 'national':
      return 'National';
    case 'derby-and-derbyshire':
      return 'Derby and Derbyshire';
    case 'derbyshire-county':
      return 'Derbyshire County (not Derby City)';
    case 'derby-city':
      return 'Derby City';
    case 'local':
      return service.places.map((p) => directory.place(p).name).join(', ');
  }
}

/** How to get in touch, one line per route, phone first as a tap-to-call link. */
export function contactLines(service: Service): string[] {
  const c = service.contact;
  const lines: string[] = [];
  if (c.phone) lines.push(`**Phone:** ${link(c.phone, telUrl(c.phone))}`);
  if (c.text) lines.push(`**Text:** ${c.textMessage ? `${c.textMessage} to ` : ''}${c.text}`);
  if (c.website) lines.push(`**Website:** ${link(hostOf(c.website), c.website)}`);
  if (c.email) lines.push(`**Email:** ${link(c.email, `mailto:${c.email}`)}`);
  return lines;
}

/** For a service with no number or address of its own: how to reach it, and through whom. */
export function accessLines(directory: Directory, service: Service): string[] {
  if (!service.access) return [];
  const lines = [`**How to reach it:** ${escapeMarkdown(service.access.how)}`];
  const via = service.access.via ? directory.service(service.access.via) : undefined;
  if (via) lines.push(`**${escapeMarkdown(via.name)}:** ${contactLines(via).map((l) => l.replace(/^\*\*[^*]+:\*\* /, '')).join(' · ')}`);
  return lines;
}

export function serviceBlock(directory: Directory, service: Service, options: { detail?: boolean } = {}): Json {
  const contact = [...contactLines(service), ...accessLines(directory, service)];
  const items: Json[] = [
    markdown(`**${escapeMarkdown(service.name)}**  ·  ${areaLabel(directory, service)}`),
    paragraph(service.description, { spacing: 'None' }),
    contact.length
      ? markdown(contact.join('\n\n'), { spacing: 'Small' })
      : paragraph('Contact details not yet confirmed in this directory: use another service listed here meanwhile.', { isSubtle: true, spacing: 'Small' }),
  ];
  // An unknown referral route is said once, in "More services", not on every short card.
  if (service.referral !== 'unknown' || options.detail) items.push(paragraph(REFERRAL[service.referral], { isSubtle: true, spacing: 'Small', size: 'Small' }));
  if (service.eligibility) items.push(paragraph(`Who for: ${service.eligibility}`, { isSubtle: true, spacing: 'None', size: 'Small' }));
  if (options.detail) {
    if (service.hours) items.push(paragraph(`Hours: ${service.hours}`, { isSubtle: true, spacing: 'None', size: 'Small' }));
    if (service.cost) items.push(paragraph(`Cost: ${service.cost}`, { isSubtle: true, spacing: 'None', size: 'Small' }));
    items.push(paragraph(`Checked ${service.reviewed}`, { isSubtle: true, spacing: 'None', size: 'Small' }));
  }
  items.push(actionSet([submit('Report a problem', { action: 'reportForm', service: service.id })]));
  return container(items, { separator: true, spacing: 'Medium' });
}
