import { cardText, submitActions } from './cards';
import { FakeConnector } from './fake-connector';
import { cards, exchange, type Json, type RunningBot, type Who } from './protocol';

/** Three maintainers (Entra object ids as MAINTAINER_IDS takes them) and someone who is not one. */
export const ALEX = { id: '11111111-1111-1111-1111-111111111111', name: 'Alex Maintainer', user: 'alex' };
export const SAM = { id: '22222222-2222-2222-2222-222222222222', name: 'Sam Second', user: 'sam' };
export const JO = { id: '33333333-3333-3333-3333-333333333333', name: 'Jo Third', user: 'jo' };
export const STAFF = { id: '44444444-4444-4444-4444-444444444444', name: 'Staff Member', user: 'staff' };
export const MAINTAINER_IDS = [ALEX.id, SAM.id, JO.id].join(',');

export type Person = typeof ALEX;

export const CHANNEL = '19:maintainers@thread.tacv2';

/** One person talking to the bot: typed text or a click, in their 1:1 chat or in the maintainers' channel. */
export function as(bot: RunningBot, person: Person, connector?: FakeConnector) {
  const from = { from: { id: `29:${person.user}`, name: person.name, aadObjectId: person.id } };
  const where = (inChannel: boolean): Who => (inChannel ? { conversation: `${CHANNEL};messageid=1`, conversationType: 'channel', user: person.user } : { user: person.user });
  const extra = connector ? { serviceUrl: connector.url } : {};
  return {
    say: async (text: string, inChannel = false) => cards(await exchange(bot.url, { text, ...from, ...extra }, where(inChannel))),
    click: async (data: Json, inputs: Json = {}, inChannel = false) => cards(await exchange(bot.url, { value: { ...data, ...inputs }, ...from, ...extra }, where(inChannel))),
  };
}

/** The data of the button whose title starts with `title`. */
export function button(card: Json, title: string | RegExp): Json {
  const found = submitActions(card).find((a) => (typeof title === 'string' ? a.title.startsWith(title) : title.test(a.title)));
  if (!found) throw new Error(`no button '${title}' on the card:\n${cardText(card)}`);
  return found.data;
}

/** Every input on a card, by id, with the value it holds. */
export function inputsOf(card: Json): Record<string, { type: string; value?: string; label?: string }> {
  const out: Record<string, { type: string; value?: string; label?: string }> = {};
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const el = node as Json;
    if (typeof el.type === 'string' && el.type.startsWith('Input.')) out[el.id] = { type: el.type, value: el.value, label: el.label };
    for (const [k, v] of Object.entries(el)) if (k !== 'data') walk(v);
  };
  walk(card.body);
  return out;
}

/** What a client sends when the form's button is pressed: every input's current value, with the changes made. */
export function formSubmission(card: Json, changes: Json = {}): Json {
  const values = Object.fromEntries(Object.entries(inputsOf(card)).map(([id, i]) => [id, i.value ?? '']));
  const data = submitActions(card).find((a) => (a.data as Json).action === 'editSubmit')!.data;
  return { ...data, ...values, ...changes };
}

/** A local Bot Connector for the maintainers' channel: it records the cards the bot posts there. */
export async function maintainersChannel(bot: RunningBot, person: Person): Promise<FakeConnector> {
  const connector = await new FakeConnector().start();
  await as(bot, person, connector).say('maintainers: use this channel', true);
  return connector;
}

/** Cards posted to the connector (the maintainers' channel) since `from`. */
export function postedCards(connector: FakeConnector, from = 0): Json[] {
  return connector.delivered().slice(from).flatMap((a) => (a.attachments ?? []).map((x: Json) => x.content));
}
