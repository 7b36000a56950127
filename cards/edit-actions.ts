import type { CardAction } from './actions';
import { type Json, submit } from './elements';

/**
 * A button whose data is a directory edit action (editing/actions.ts checks it): built here
 * so that cards/actions.ts, which the chat reads, stays about the chat's own buttons.
 */
export function editButton(title: string, data: Record<string, unknown>, options: Json = {}): Json {
  return submit(title, data as unknown as CardAction, options);
}
