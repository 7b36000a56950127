/**
 * What a maintainer typed, when it is about editing the directory. Only "edit", "add a
 * service", "retire", "history", "pending changes" and "directory digest" are read this way;
 * anything else is left to the chat (a member of staff asking about a topic is never caught).
 */
export type EditIntent =
  | { intent: 'edit'; query: string; topicsOnly: boolean }
  | { intent: 'add' }
  | { intent: 'retire'; query: string }
  | { intent: 'review'; query: string }
  | { intent: 'history'; query: string }
  | { intent: 'pending' }
  | { intent: 'digest' };

export function editIntentOf(text: string): EditIntent | undefined {
  const t = text.trim().replace(/\s+/g, ' ').replace(/[.!?]+$/, '');
  let m: RegExpExecArray | null;
  if (/^(add|new) (a )?(new )?service$/i.test(t)) return { intent: 'add' };
  if ((m = /^edit (?:the )?topic (.+)$/i.exec(t))) return { intent: 'edit', query: m[1], topicsOnly: true };
  if ((m = /^edit (?:the )?(?:service )?(.+)$/i.exec(t))) return { intent: 'edit', query: m[1], topicsOnly: false };
  if ((m = /^retire (?:the )?(?:service )?(.+)$/i.exec(t))) return { intent: 'retire', query: m[1] };
  if ((m = /^mark (.+) (?:as )?reviewed$/i.exec(t)) || (m = /^mark reviewed:? (.+)$/i.exec(t))) return { intent: 'review', query: m[1] };
  if (/^(directory )?(history|changes)$/i.test(t) || /^recent changes$/i.test(t)) return { intent: 'history', query: '' };
  // "history of falls" is a member of staff describing a cue: only "history <record>" and "history for/of changes to <record>".
  if ((m = /^(?:directory )?history (?:for |of changes to )?(.+)$/i.exec(t)) && !/^history of (?!changes to )/i.test(t)) return { intent: 'history', query: m[1] };
  if (/^(pending|open) (changes|proposals|edits)$|^changes to review$/i.test(t)) return { intent: 'pending' };
  if (/^(show (the )?)?(weekly |directory )?digest( now)?$/i.test(t)) return { intent: 'digest' };
  return undefined;
}
