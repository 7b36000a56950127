/**
 * Small builders for Adaptive Card elements. Every TextBlock wraps (cards are read on
 * phones) and meaning is never carried by colour alone.
 */
import type { CardAction } from './actions';

export type Json = Record<string, unknown>;

export const CARD_VERSION = '1.5';

export interface CardMessage {
  card: Json;
  /** Shown in notifications and chat lists instead of "Sent a card". */
  summary: string;
}

export function adaptiveCard(body: Json[], actions: Json[], summary: string): CardMessage {
  return {
    summary,
    card: {
      type: 'AdaptiveCard',
      $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
      version: CARD_VERSION,
      msteams: { width: 'Full' },
      fallbackText: summary,
      speak: summary,
      body,
      ...(actions.length ? { actions } : {}),
    },
  };
}

export function heading(text: string, size: 'Large' | 'Medium' = 'Large'): Json {
  return { type: 'TextBlock', text: escapeMarkdown(text), wrap: true, style: 'heading', weight: 'Bolder', size };
}

export function subheading(text: string): Json {
  return { type: 'TextBlock', text: escapeMarkdown(text), wrap: true, weight: 'Bolder', spacing: 'Medium' };
}

/** Text from data; markdown characters are escaped so data cannot inject links or formatting. */
export function paragraph(text: string, options: Json = {}): Json {
  return { type: 'TextBlock', text: escapeMarkdown(text), wrap: true, ...options };
}

/** Text we compose ourselves, where markdown (bold labels, links) is intended. */
export function markdown(text: string, options: Json = {}): Json {
  return { type: 'TextBlock', text, wrap: true, ...options };
}

export function container(items: Json[], options: Json = {}): Json {
  return { type: 'Container', items, ...options };
}

/**
 * A button that sends its data back. It ignores the card's inputs unless told otherwise
 * (`associatedInputs: 'auto'`): a required Place picker on the same card must not block
 * "Change Place" or "Report a problem".
 */
export function submit(title: string, data: CardAction, options: Json = {}): Json {
  return { type: 'Action.Submit', title, data, associatedInputs: 'none', ...options };
}

export function actionSet(actions: Json[]): Json {
  return { type: 'ActionSet', actions };
}

export function escapeMarkdown(text: string): string {
  // Only the characters that start emphasis, links or HTML: data rarely has them, and a
  // visible backslash is better than live markup.
  return text.replace(/([\\*_[\]<>`])/g, '\\$1').replace(/\r?\n/g, ' ');
}

export function link(label: string, url: string): string {
  return `[${escapeMarkdown(label)}](${url.replace(/[()\s]/g, encodeURIComponent)})`;
}

/** tel: links in international form, which Teams mobile dials directly. */
export function telUrl(phone: string): string {
  const digits = phone.replace(/[^\d+]/g, '');
  return digits.startsWith('0') ? `tel:+44${digits.slice(1)}` : `tel:${digits}`;
}

export function hostOf(url: string): string {
  try {
    return new URL(url).host.replace(/^www\./, '');
  } catch {
    return url;
  }
}
