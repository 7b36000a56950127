import type { Directory } from '../directory/load';
import type { Answer } from '../search/answer';
import type { Service } from '../directory/schema';

function serviceLine(s: Service): string {
  const how = [s.contact.phone && `tel ${s.contact.phone}`, s.contact.text && `text ${s.contact.textMessage ?? ''} to ${s.contact.text}`.replace('  ', ' '), s.contact.website].filter(Boolean).join(' | ');
  return `  - ${s.name} [${s.area === 'local' ? s.places.join(', ') : s.area}]: ${s.description}${how ? `\n      ${how}` : ''}`;
}

/** A plain-text rendering of an answer, for the terminal. */
export function describeAnswer(directory: Directory, answer: Answer): string {
  const lines: string[] = [];
  const placeName = answer.place ? directory.place(answer.place).name : 'not set (showing county-wide, city-wide and national services)';
  if (answer.crisis) {
    lines.push(`CRISIS SUPPORT FIRST: ${directory.crisis.intro}`);
    for (const s of directory.crisisLines) lines.push(serviceLine(s));
    lines.push(...directory.crisis.askDirectly.map((l) => `  * ${l}`), '');
  }
  if (answer.topic) {
    const topic = directory.topic(answer.topic);
    lines.push(`${topic.title}  (Place: ${placeName})`, '');
    lines.push(`Ask:    ${topic.prompt.ask}`, `Assist: ${topic.prompt.assist} (source: ${topic.prompt.assistSource.title})`, `Act:    ${topic.prompt.act}`, '');
    const shown = answer.services.filter((s) => !answer.crisis || !directory.crisisLines.includes(s));
    lines.push('Services:', ...shown.map(serviceLine));
  } else if (answer.kind === 'place') {
    lines.push(answer.place ? `Place: ${placeName}` : 'Which Place are you in? Try "set place chesterfield".');
  } else if (answer.kind === 'did-you-mean') {
    lines.push('Not sure which topic you mean. Did you mean:', ...answer.alternatives.map((t) => `  - ${directory.topic(t).title} (${t})`));
  } else {
    lines.push('No topic matched. Try a word like "smoking", "cold home", "debt" or "lonely", or type "topics" to see them all.');
  }
  if (answer.topic && answer.alternatives.length) lines.push('', `Related: ${answer.alternatives.join(', ')}`);
  return lines.join('\n');
}
