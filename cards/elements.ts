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

/**
 * A button kept in the card's "..." overflow menu (`mode: "secondary"`): one tap away, not
 * taking a row on a phone. Teams supports it on bot cards, desktop and mobile:
 * https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/cards-format#adaptive-cards-overflow-menu
 */
export function secondary(action: Json): Json {
  return { ...action, mode: 'secondary' };
}

/**
 * An sms: link that opens the phone's messages app with the keyword filled in. Teams' own
 * documentation lists no sms: support (only https, mailto and tel are shown in its card
 * references), so the number and keyword are always also shown as plain text to copy.
 * `?&body=` is read by both iOS and Android.
 */
export function smsUrl(number: string, body?: string): string {
  const digits = number.replace(/[^\d+]/g, '');
  return body ? `sms:${digits}?&body=${encodeURIComponent(body)}` : `sms:${digits}`;
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
