import type { CitizenService, Takeaway } from './summary';

function contactLines(s: CitizenService): string[] {
  return [
    s.phone && `Phone: ${s.phone}`,
    s.text && `Text: ${s.textMessage ? `${s.textMessage} to ` : ''}${s.text}`,
    s.website && `Website: ${s.website}`,
    s.email && `Email: ${s.email}`,
    s.hours && `Open: ${s.hours}`,
  ].filter((l): l is string => Boolean(l));
}

function serviceText(s: CitizenService): string[] {
  return [s.name, s.description, ...contactLines(s), s.howToStart];
}

/**
 * The take-away as plain text for a text message, an email or a letter: no markup, one fact
 * a line, the crisis lines first when they apply, the page's address at the foot.
 */
export function takeawayText(takeaway: Takeaway, pageUrl?: string): string {
  const out: string[] = [takeaway.placeName ? `Help near you in ${takeaway.placeName}` : 'Help near you'];
  if (takeaway.crisis.length) {
    out.push('', 'If you need help now, any time of day or night:');
    for (const s of takeaway.crisis) out.push(`- ${s.name}: ${contactLines(s).filter((l) => !l.startsWith('Open:')).join(', ')}`);
  }
  for (const section of takeaway.sections) {
    out.push('', section.heading.toUpperCase(), section.intro);
    for (const s of section.services) out.push('', ...serviceText(s));
    for (const s of section.fallback) out.push('', 'You can also contact:', ...serviceText(s));
  }
  if (takeaway.emergency && !takeaway.crisis.length) out.push('', `In an emergency, call ${takeaway.emergency.phone}.`);
  if (pageUrl) out.push('', `This list online: ${pageUrl}`);
  return out.join('\n');
}
