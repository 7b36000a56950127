import { z } from 'zod';
import { PLACE_IDS, TOPIC_IDS } from '../directory/ids';
import { ALL_INPUTS } from './fields';
import { PROPOSAL_ID } from './proposal';

/**
 * The data a directory edit button or form sends back. Everything is checked, nothing is
 * trusted: unknown keys (including `__proto__`), wrong types, ids that are not ids and
 * over-long values are refused as tampered.
 */
const recordKey = z.string().max(110).regex(/^(service|topic):[a-z0-9]+(-[a-z0-9]+)*$/);
const proposal = z.string().regex(PROPOSAL_ID);
const reportId = z.string().regex(/^[0-9a-z]{8,12}$/);
const version = z.string().regex(/^([0-9a-f]{12}|none)$/);
const inputs = Object.fromEntries(ALL_INPUTS.map((id) => [id, z.string().max(2000).optional()]));

export const EDIT_ACTIONS = ['editOpen', 'editAdd', 'editSubmit', 'editApprove', 'editReject', 'editWithdraw', 'editHistory', 'editDigest', 'editPending'] as const;
export type EditActionName = (typeof EDIT_ACTIONS)[number];

export const editActionSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('editOpen'), record: recordKey, mode: z.enum(['edit', 'retire', 'review']).default('edit'), report: reportId.optional() }).strict(),
  z.object({ action: z.literal('editAdd'), topic: z.enum(TOPIC_IDS).optional(), place: z.enum(PLACE_IDS).optional() }).strict(),
  z.object({ action: z.literal('editSubmit'), record: z.union([recordKey, z.literal('service:new')]), mode: z.enum(['edit', 'add', 'retire', 'review']), version, report: reportId.optional(), ...inputs }).strict(),
  z.object({ action: z.literal('editApprove'), record: recordKey, proposal }).strict(),
  z.object({ action: z.literal('editReject'), record: recordKey, proposal }).strict(),
  z.object({ action: z.literal('editWithdraw'), record: recordKey, proposal }).strict(),
  z.object({ action: z.literal('editHistory'), record: recordKey }).strict(),
  z.object({ action: z.literal('editDigest') }).strict(),
  z.object({ action: z.literal('editPending') }).strict(),
]);
export type EditAction = z.infer<typeof editActionSchema>;

/** Whether a card click is one of ours (whatever else is wrong with it). */
export function isEditAction(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (EDIT_ACTIONS as readonly string[]).includes(String((value as { action?: unknown }).action));
}

/** Keys no card ever sends, which only a hand-made request would: refused whatever else they hold. */
export function hasForbiddenKeys(value: unknown, depth = 0): boolean {
  if (depth > 5 || value === null || typeof value !== 'object') return false;
  for (const key of Object.keys(value)) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') return true;
    if (hasForbiddenKeys((value as Record<string, unknown>)[key], depth + 1)) return true;
  }
  return Object.getPrototypeOf(value) !== Object.prototype && !Array.isArray(value);
}
