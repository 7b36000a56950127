import type { Directory } from '../directory/load';
import { contactLines } from './service';
import { container, escapeMarkdown, type Json, markdown, paragraph } from './elements';

/**
 * The crisis block: what to do now, then the 24/7 lines in order, then how to ask
 * directly. It leads every crisis answer and the suicide-prevention topic card.
 */
export function crisisBlock(directory: Directory): Json {
  const { crisis, crisisLines } = directory;
  const lines = crisisLines.map((s) =>
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
