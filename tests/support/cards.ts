import * as AC from 'adaptivecards';
import type { Json } from '../../cards/elements';

/** https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/cards-format#adaptive-cards-overflow-menu */
const TEAMS_PRIMARY_ACTIONS = 6;

/**
 * Every problem with a card as Teams would see it: the official adaptivecards parser
 * (unknown elements, bad enum values, duplicate ids, missing urls), plus the checks it
 * skips (a version at all, version <= 1.5, full width, wrapping text, a summary).
 */
export function cardProblems(card: Json, summary?: string): string[] {
  const problems: string[] = [];
  if (card.type !== 'AdaptiveCard') problems.push('type must be AdaptiveCard');
  const version = String(card.version ?? '');
  if (!/^1\.[0-5]$/.test(version)) problems.push(`version must be 1.0-1.5 for Teams, got '${version}'`);
  if ((card.msteams as Json | undefined)?.width !== 'Full') problems.push('msteams.width must be Full');
  if (summary !== undefined && !summary.trim()) problems.push('the message needs a summary');
  if (!String(card.fallbackText ?? '').trim()) problems.push('fallbackText missing');

  const parsed = new AC.AdaptiveCard();
  // The renderer's default allows 5 actions in all; Teams shows up to six primary ones and
  // puts secondary ones (mode: "secondary") in the "..." menu, so those are counted below.
  parsed.hostConfig = new AC.HostConfig({ actions: { maxActions: 100 } });
  const context = new AC.SerializationContext();
  parsed.parse(card, context);
  for (let i = 0; i < context.eventCount; i++) problems.push(`parser: ${context.getEventAt(i).message}`);
  for (const e of parsed.validateProperties().validationEvents) problems.push(`validator: ${e.message}`);

  const walk = (node: unknown, path: string): void => {
    if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${path}[${i}]`));
    if (!node || typeof node !== 'object') return;
    const el = node as Json;
    if (el.type === 'TextBlock') {
      if (el.wrap !== true) problems.push(`${path}: TextBlock must wrap`);
      if (!String(el.text ?? '').trim()) problems.push(`${path}: TextBlock has no text`);
    }
    if (el.type === 'Media') problems.push(`${path}: Teams does not show Media elements in bot cards`);
    if (el.type === 'Action.Submit' && !String(el.title ?? '').trim()) problems.push(`${path}: button has no title`);
    if (Array.isArray(el.actions) && (el.type === 'ActionSet' || path === 'actions')) {
      const primary = (el.actions as Json[]).filter((a) => a.mode !== 'secondary').length;
      if (primary > TEAMS_PRIMARY_ACTIONS) problems.push(`${path}: ${primary} primary buttons; Teams shows at most ${TEAMS_PRIMARY_ACTIONS}`);
    }
    if (typeof el.type === 'string' && el.type.startsWith('Input.') && !el.label) problems.push(`${path}: input needs a label`);
    for (const [k, v] of Object.entries(el)) if (k !== 'data') walk(v, `${path}.${k}`);
  };
  walk(card.body, 'body');
  walk({ actions: card.actions ?? [] }, 'actions');
  if (JSON.stringify(card).length > 40_000) problems.push('card is over the 40 KB Teams limit');
  return problems;
}

/** Every Action.Submit in a card, with its data: what a client would send back on a click. */
export function submitActions(card: Json): { title: string; data: Json }[] {
  const found: { title: string; data: Json }[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const el = node as Json;
    if (el.type === 'Action.Submit') found.push({ title: String(el.title), data: el.data as Json });
    for (const [k, v] of Object.entries(el)) if (k !== 'data') walk(v);
  };
  walk(card);
  return found;
}

/** All the text a card shows, for assertions on content. */
export function cardText(card: Json): string {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const el = node as Json;
    if (typeof el.text === 'string') out.push(el.text);
    if (el.type === 'Action.Submit' || el.type === 'Action.OpenUrl') out.push(String(el.title));
    for (const [k, v] of Object.entries(el)) if (k !== 'data') walk(v);
  };
  walk(card);
  return out.join('\n');
}
