import { isDeepStrictEqual } from 'node:util';
import type { Actor, Proposal, SecondMaintainerRule } from './proposal';
import type { Json, RecordRef } from './records';

/**
 * Why a change must be approved by a maintainer other than the one who proposed it: any
 * change to a crisis line's record (or one that would make a service a crisis line), and any
 * change to a topic's Ask / Assist / Act prompt. No configuration turns these off.
 */
export function secondMaintainerRule(ref: RecordRef, before: Json | null, after: Json, crisisLines: readonly string[]): SecondMaintainerRule | null {
  if (ref.kind === 'service' && crisisLines.includes(ref.id)) return 'crisis-line';
  if (ref.kind === 'topic' && !isDeepStrictEqual(before?.prompt, after.prompt)) return 'topic-prompt';
  return null;
}

export const SECOND_MAINTAINER_REASON: Record<SecondMaintainerRule, string> = {
  'crisis-line': 'It changes a crisis line, so another maintainer must approve it.',
  'topic-prompt': "It changes a topic's Ask / Assist / Act prompt, so another maintainer must approve it.",
};

export type ApprovalVerdict = { ok: true; selfApproved: boolean } | { ok: false; why: string };

/**
 * Whether `approver` may publish `proposal`. Another maintainer always may. The proposer may
 * only where self-approval is configured (a single-maintainer deployment) and the change is not
 * one that always needs a second maintainer; such an approval is recorded as self-approved.
 */
export function approvalVerdict(proposal: Proposal, approver: Actor, selfApproval: boolean): ApprovalVerdict {
  if (approver.ref !== proposal.proposedBy.ref) return { ok: true, selfApproved: false };
  if (proposal.needsSecond) return { ok: false, why: `${SECOND_MAINTAINER_REASON[proposal.needsSecond]} You proposed it, so it waits for a colleague.` };
  if (!selfApproval) return { ok: false, why: 'Another maintainer must approve a change before it is published. You proposed this one, so it waits for a colleague.' };
  return { ok: true, selfApproved: true };
}
