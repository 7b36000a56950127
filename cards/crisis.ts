import type { Directory } from '../directory/load';
import type { Service } from '../directory/schema';
import { contactLines, hasContactRoute, textLine } from './service';
import { adaptiveCard, type CardMessage, container, escapeMarkdown, type Json, link, markdown, paragraph, telUrl } from './elements';

/** The short name staff know a line by: "Derbyshire Mental Health Helpline", not its full title. */
function shortName(service: Service): string {
  const name = service.name.split(/ \(| and /)[0];
  // "Shout 85258" beside "Text SHOUT to 85258" says the number twice.
  const text = service.contact.text;
  return text && name.endsWith(` ${text}`) ? name.slice(0, -text.length - 1) : name;
}

/** The crisis lines that can be reached now, in crisis.json order: a line with no route is never shown as help. */
function reachableLines(directory: Directory): Service[] {
  return directory.crisisLines.filter(hasContactRoute);
}

/** "📞 999 · Emergency services (999)": the tap target first, so the eye lands on it. */
function crisisLine(service: Service): Json {
  const c = service.contact;
  const tap = c.phone ? `📞 **${link(c.phone, telUrl(c.phone))}**` : c.text ? `💬 Text **${textLine(service)}**` : contactLines(service)[0];
  const hours = service.hours && /24 hours/i.test(service.hours) ? ' (24/7)' : '';
  return markdown(`${tap}  ·  ${escapeMarkdown(shortName(service))}${hours}`, { spacing: 'Small' });
}

/**
 * The crisis message: sent on its own, before anything else, so it is the first thing on
 * screen when a crisis reply arrives. Only what to do now: the 24/7 lines, one tap each,
 * and how to ask directly. The topic card with local services follows it.
 */
export function crisisCard(directory: Directory): CardMessage {
  const { crisis } = directory;
  return adaptiveCard(
    [
      container(
        [
          markdown(`⚠️ **${escapeMarkdown(crisis.title)}**`, { size: 'Medium', style: 'heading' }),
          paragraph(crisis.intro, { spacing: 'Small' }),
          ...reachableLines(directory).map(crisisLine),
          markdown('**Asking directly**', { spacing: 'Medium' }),
          markdown(crisis.askDirectly.map((l) => `- ${escapeMarkdown(l)}`).join('\n'), { spacing: 'Small' }),
        ],
        { style: 'attention' },
      ),
    ],
    [],
    `${crisis.title}: ${reachableLines(directory).map((s) => s.contact.phone ?? s.contact.text).join(', ')}`,
  );
}

/**
 * The fuller crisis block, with what each line is for: the first step of the suicide
 * prevention walkthrough, where trainers talk it through.
 */
export function crisisBlock(directory: Directory): Json {
  const { crisis } = directory;
  const lines = reachableLines(directory).map((s) =>
    container(
      [
        markdown(`**${escapeMarkdown(s.name)}**${s.hours ? `  ·  ${escapeMarkdown(s.hours)}` : ''}`),
        paragraph(s.description, { spacing: 'None' }),
        markdown(contactLines(s).join('\n\n'), { spacing: 'None' }),
      ],
      { spacing: 'Small' },
    ),
  );
  return container(
    [
      markdown(`⚠️ **${escapeMarkdown(crisis.title)}**`, { size: 'Medium', style: 'heading' }),
      paragraph(crisis.intro, { spacing: 'Small' }),
      ...lines,
      markdown('**Asking directly**', { spacing: 'Medium' }),
      markdown(crisis.askDirectly.map((l) => `- ${escapeMarkdown(l)}`).join('\n'), { spacing: 'Small' }),
    ],
    { style: 'attention' },
  );
}


/**
 * One line under every reply that is not a confident topic answer, in case a crisis was
 * missed: the first three phone lines of crisis.json (999, the Derbyshire 24/7 helpline,
 * Samaritans), each a tap to call.
 */
export function crisisFooter(directory: Directory): Json {
  const lines = reachableLines(directory).filter((s) => s.contact.phone).slice(0, 3);
  const parts = lines.map((s) => `${escapeMarkdown(shortName(s))} ${link(s.contact.phone!, telUrl(s.contact.phone!))}`);
  return markdown(`⚠️ Risk of suicide or self-harm? ${parts.join('  ·  ')}`, { size: 'Small', spacing: 'Large', separator: true, wrap: true });
}
