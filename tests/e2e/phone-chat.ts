/**
 * A Teams-mobile-shaped chat for the phone viewport. The Agents Playground is laid out for a
 * desktop (at 390 px its panels cover the chat), so on a phone-sized window the bot's real
 * replies, fetched over the Bot Framework protocol from the running bot, are drawn with the
 * official Adaptive Cards renderer into a frame with Teams mobile's proportions: a 100 px
 * header, an 84 px compose bar, cards 366 px wide, and the chat scrolled to the newest
 * message as each arrives, as Teams does.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { ROOT } from '../../cli/playground';

export const PHONE_HEADER_PX = 100;
export const PHONE_COMPOSER_PX = 84;
export const PHONE_CARD_PX = 366;

const RENDERER = readFileSync(require.resolve('adaptivecards/dist/adaptivecards.min.js'), 'utf8');
const PAGE_SCRIPT = readFileSync(join(ROOT, 'cli', 'render-cards.page.js'), 'utf8');

export class PhoneChat {
  private readonly conversation = `a:phone-${randomUUID()}`;
  private count = 0;

  constructor(private readonly page: Page, private readonly botUrl: string) {}

  async open(): Promise<void> {
    await this.page.setContent(`<!doctype html><html><head><meta name="viewport" content="width=device-width"><style>
      body { margin: 0; font-family: 'Segoe UI', system-ui, sans-serif; background: #f5f5f5; }
      #header { position: fixed; top: 0; left: 0; right: 0; height: ${PHONE_HEADER_PX}px; background: #fff; border-bottom: 1px solid #ddd; box-sizing: border-box; padding: 56px 16px 0; font-weight: 600; }
      #chat { position: fixed; top: ${PHONE_HEADER_PX}px; bottom: ${PHONE_COMPOSER_PX}px; left: 0; right: 0; overflow-y: auto; padding: 0 12px; }
      #composer { position: fixed; bottom: 0; left: 0; right: 0; height: ${PHONE_COMPOSER_PX}px; background: #fff; border-top: 1px solid #ddd; box-sizing: border-box; padding: 12px 16px; color: #888; }
      .who { font-size: 12px; color: #666; margin: 12px 0 4px; }
      .me { margin: 12px 0 0 auto; max-width: 75%; width: fit-content; background: #e8ebfa; border-radius: 8px; padding: 8px 12px; }
      .bubble { background: #fff; border-radius: 4px; width: ${PHONE_CARD_PX}px; box-shadow: 0 1px 2px rgba(0,0,0,.15); }
      .ac-actionSet { flex-wrap: wrap; row-gap: 6px; }
      .ac-pushButton { border: 1px solid #c8c6c4; background: #fff; border-radius: 4px; padding: 4px 10px; margin: 2px; font-weight: 600; }
    </style></head><body><div id="header">MECC signposting</div><div id="chat"></div><div id="composer">Type a message</div>
    <script>${RENDERER}</script><script>${PAGE_SCRIPT}</script></body></html>`);
  }

  /** Sends a message as a member of staff and draws each card of the reply, scrolling to it as it arrives. */
  async send(text: string): Promise<Locator[]> {
    const res = await fetch(`${this.botUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message', id: randomUUID(), channelId: 'msteams', serviceUrl: 'http://127.0.0.1:9/', deliveryMode: 'expectReplies', text,
        from: { id: '29:phone-user', name: 'Member of staff', aadObjectId: 'aad-phone-user' }, recipient: { id: '28:mecc-bot', name: 'MECC' },
        conversation: { id: this.conversation, conversationType: 'personal', tenantId: 'tenant-1' }, channelData: { tenant: { id: 'tenant-1' } }, locale: 'en-GB',
      }),
    });
    const body = (await res.json()) as { activities?: { type: string; attachments?: { contentType: string; content: unknown }[] }[] };
    const cards = (body.activities ?? []).flatMap((a) => (a.type === 'message' ? (a.attachments ?? []) : [])).filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive').map((a) => a.content);
    await this.page.evaluate((t) => {
      const me = document.createElement('div');
      me.className = 'me';
      me.textContent = t;
      document.getElementById('chat')!.appendChild(me);
    }, text);
    const ids: string[] = [];
    for (const card of cards) {
      const id = `m${++this.count}`;
      ids.push(id);
      await this.page.evaluate(([json, bubble]) => {
        const chat = document.getElementById('chat')!;
        const who = document.createElement('div');
        who.className = 'who';
        who.textContent = 'MECC';
        const div = document.createElement('div');
        div.className = 'bubble';
        div.id = bubble as string;
        chat.append(who, div);
        (window as unknown as { renderCard(j: unknown, into: string): void }).renderCard(json, bubble as string);
        chat.scrollTop = chat.scrollHeight;
      }, [card, id]);
    }
    return ids.map((id) => this.page.locator(`#${id} .ac-adaptiveCard`).first());
  }
}
