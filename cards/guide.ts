import type { Directory } from '../directory/load';
import type { TopicId } from '../directory/ids';
import { adaptiveCard, type CardMessage, container, escapeMarkdown, heading, link, markdown, submit } from './elements';

function bullets(lines: string[]): string {
  return lines.map((l) => `- ${escapeMarkdown(l)}`).join('\n');
}

/** The full conversation guide for a topic: key facts, then Ask / Assist / Act phrasings. */
export function guideCard(directory: Directory, topicId: TopicId): CardMessage {
  const topic = directory.topic(topicId);
  const { guide } = topic;
  const body = [heading(`Conversation guide: ${topic.title}`)];
  if (guide.facts.length) {
    body.push(markdown('**Key facts**', { spacing: 'Medium' }));
    body.push(markdown(guide.facts.map((f) => `- ${escapeMarkdown(f.text)} (${link(f.source.title, f.source.url)})`).join('\n')));
  }
  const sections: [string, string[]][] = [
    ['Ask: open the conversation', guide.ask],
    ['Assist: brief advice', guide.assist],
    ['Act: offer to signpost', guide.act],
    ['Try to avoid', guide.avoid],
  ];
  for (const [title, lines] of sections) {
    if (lines.length) body.push(container([markdown(`**${title}**`), markdown(bullets(lines), { spacing: 'Small' })], { spacing: 'Medium' }));
  }
  return adaptiveCard(body, [submit('Back to services', { action: 'topic', topic: topicId })], `Conversation guide: ${topic.title}`);
}
