import type { Json } from './records';

/** What a change does to its record. A review only confirms it: `reviewed` and a source's checked date. */
export type ChangeKind = 'edit' | 'add' | 'retire' | 'review';

/**
 * Who proposed or decided: the Teams display name, for the people reading the audit trail,
 * and a hash of the Entra object id, to tell two maintainers apart without storing the id.
 * Logs carry the hash only.
 */
export interface Actor {
  name: string;
  ref: string;
}

export type ProposalStatus = 'open' | 'approved' | 'published' | 'rejected' | 'withdrawn' | 'conflict';

/** Why a change needs a maintainer other than the one who proposed it, whatever the configuration. */
export type SecondMaintainerRule = 'crisis-line' | 'topic-prompt';

/**
 * One proposed change to one record, kept for good: the record before (as served when the
 * form was opened) and after, the files' version at the time (for merging with a later
 * release), who proposed and who decided, and when. A published proposal never changes.
 */
export interface Proposal {
  id: string;
  /** recordKey(): 'service:llbd', 'topic:smoking'. */
  record: string;
  kind: ChangeKind;
  /** The record as served when the form was opened; null for a new service. */
  before: Json | null;
  after: Json;
  /** The record as the files had it when this was published (or proposed); null if they had none. */
  fileBase: Json | null;
  /** recordVersion(before): a change made meanwhile by someone else is noticed. */
  baseVersion: string;
  /** The fields changed ('contact.phone', 'hours', ...). */
  fields: string[];
  /** Set when a second maintainer must approve, whatever EDIT_SELF_APPROVAL says. */
  needsSecond: SecondMaintainerRule | null;
  proposedBy: Actor;
  proposedAt: string;
  status: ProposalStatus;
  decidedBy?: Actor;
  decidedAt?: string;
  /** Approved by the maintainer who proposed it (allowed only by configuration, and recorded). */
  selfApproved?: boolean;
  /** The publication number, once approved. */
  seq?: number;
  /** Published over another change made meanwhile to other fields of the same record (both kept). */
  mergedOver?: string;
  /** Fields another change made meanwhile also changed, differently: not published. */
  conflict?: { with: string; fields: string[] };
  /** The staff report this change answers: resolved when it is published. */
  report?: string;
}

/** Which change each record is at, and how many changes have been published. */
export interface Head {
  seq: number;
  records: Record<string, { proposal: string; seq: number; at: string }>;
}

export const EMPTY_HEAD: Head = { seq: 0, records: {} };

export const PROPOSAL_ID = /^[0-9a-z]{10,16}$/;
