import type { Directory } from '../directory/load';
import type { Service } from '../directory/schema';
import { actionSet, container, escapeMarkdown, hostOf, type Json, link, markdown, paragraph, smsUrl, submit, telUrl } from './elements';

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

/** A phone, text number, email or website: something staff can pass on that reaches the service now. */
export function hasContactRoute(service: Service): boolean {
  const c = service.contact;
  return Boolean(c.phone || c.text || c.email || c.website);
}

/** "Text SHOUT to 85258", with the number tappable where the device can text. */
export function textLine(service: Service): string | undefined {
  const c = service.contact;
  if (!c.text) return undefined;
  return `${c.textMessage ? `${escapeMarkdown(c.textMessage)} to ` : ''}${link(c.text, smsUrl(c.text, c.textMessage))}`;
}

/** How to get in touch, one line per route, phone first as a tap-to-call link. */
export function contactLines(service: Service): string[] {
  const c = service.contact;
  const lines: string[] = [];
  if (c.phone) lines.push(`**Phone:** ${link(c.phone, telUrl(c.phone))}`);
  if (c.text) lines.push(`**Text:** ${textLine(service)}`);
  if (c.website) lines.push(`**Website:** ${link(hostOf(c.website), c.website)}`);
  if (c.email) lines.push(`**Email:** ${link(c.email, `mailto:${c.email}`)}`);
  return lines;
}

/** A service staff can put the person in touch with now: its own contact route, or one through a service that has one. */
export function reachableNow(directory: Directory, service: Service): boolean {
  if (hasContactRoute(service)) return true;
  const via = service.access?.via ? directory.service(service.access.via) : undefined;
  return via !== undefined && hasContactRoute(via);
}

/** For a service with no number or address of its own: how to reach it, and through whom. */
export function accessLines(directory: Directory, service: Service): string[] {
  if (!service.access) return [];
  const lines = [`**How to reach it:** ${escapeMarkdown(service.access.how)}`];
  const via = service.access.via ? directory.service(service.access.via) : undefined;
  if (via) lines.push(`**${escapeMarkdown(via.name)}:** ${contactLines(via).map((l) => l.replace(/^\*\*[^*]+:\*\* /, '')).join(' · ')}`);
  return lines;
}

/** What to tell staff about a service with no contact route, so it is never a dead end. */
export function howToReach(service: Service): string {
  return service.referral === 'professional'
    ? 'How to reach it: by referral from a health or care professional, e.g. their GP practice. No direct phone or website is recorded here yet.'
    : 'How to reach it: no phone, text or website is recorded here yet. Search for its name, or offer a service that can be contacted now.';
}

/**
 * The short form for the first screen of a topic card: who, whether the person can self-refer,
 * and one line of contacts. What the service does and who it is for are in "More services".
 * On a card for a Place the service's area goes unsaid: every service listed serves that Place.
 */
export function compactServiceBlock(directory: Directory, service: Service, options: { forPlace?: boolean } = {}): Json {
  const c = service.contact;
  const routes = [
    c.phone && `📞 ${link(c.phone, telUrl(c.phone))}`,
    c.text && `💬 Text ${textLine(service)}`,
    c.website && `🌐 ${link(hostOf(c.website), c.website)}`,
    c.email && `✉️ ${link(c.email, `mailto:${c.email}`)}`,
  ].filter(Boolean);
  const where = [options.forPlace ? '' : areaLabel(directory, service), service.referral === 'unknown' ? '' : SHORT_REFERRAL[service.referral]].filter(Boolean).join(' · ');
  return container(
    [
      markdown(`**${escapeMarkdown(service.name)}**${where ? `  ·  ${escapeMarkdown(where)}` : ''}`),
      routes.length
        ? markdown(routes.join('  ·  '), { spacing: 'Small' })
        : service.access
          ? markdown(accessLines(directory, service).join('\n\n'), { spacing: 'Small' })
          : paragraph(howToReach(service), { isSubtle: true, spacing: 'Small' }),
    ],
    { separator: true, spacing: 'Medium' },
  );
}

const SHORT_REFERRAL: Record<Exclude<Service['referral'], 'unknown'>, string> = {
  self: 'self-referral',
  professional: 'professional referral',
  both: 'self or professional referral',
};

export function serviceBlock(directory: Directory, service: Service, options: { detail?: boolean } = {}): Json {
  const contact = [...contactLines(service), ...accessLines(directory, service)];
  const items: Json[] = [
    markdown(`**${escapeMarkdown(service.name)}**  ·  ${areaLabel(directory, service)}`),
    paragraph(service.description, { spacing: 'None' }),
    contact.length
      ? markdown(contact.join('\n\n'), { spacing: 'Small' })
      : paragraph(howToReach(service), { isSubtle: true, spacing: 'Small' }),
  ];
  // An unknown referral route is said once, in "More services", not on every short card.
  if (service.referral !== 'unknown' || options.detail) items.push(paragraph(REFERRAL[service.referral], { isSubtle: true, spacing: 'Small', size: 'Small' }));
  if (service.eligibility) items.push(paragraph(`Who for: ${service.eligibility}`, { isSubtle: true, spacing: 'None', size: 'Small' }));
  if (options.detail) {
    if (service.hours) items.push(paragraph(`Hours: ${service.hours}`, { isSubtle: true, spacing: 'None', size: 'Small' }));
    if (service.cost) items.push(paragraph(`Cost: ${service.cost}`, { isSubtle: true, spacing: 'None', size: 'Small' }));
    items.push(paragraph(`Checked ${service.reviewed}`, { isSubtle: true, spacing: 'None', size: 'Small' }));
    // Full details are where a wrong one is noticed: the report button sits beside them.
    items.push(actionSet([submit('Report a problem', { action: 'reportForm', service: service.id })]));
  }
  return container(items, { separator: true, spacing: 'Medium' });
}
