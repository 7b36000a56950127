import { TeamsInfo, type TurnContext } from 'botbuilder';
import type { Logger } from './logger';
import type { Metrics } from './metrics';

export type MaintainerAction = 'set-channel' | 'resolve-report' | 'view-activity' | 'edit-directory';

export interface MaintainerAccessOptions {
  /** Microsoft Entra object ids of the maintainers (lower case). */
  ids: string[];
  /** A Teams team whose members are all maintainers. */
  teamId?: string;
  log: Logger;
  metrics: Metrics;
  /** How long a team-membership answer is trusted before asking Teams again. */
  cacheMs?: number;
}

/**
 * Who may point staff reports at a channel or close a report: the Entra object ids in
 * MAINTAINER_IDS, or the members of the team in MAINTAINER_TEAM_ID. With neither set, nobody
 * may: reports are still stored and listed by `npm run directory -- feedback`.
 */
export class MaintainerAccess {
  private readonly memberships = new Map<string, { member: boolean; at: number }>();

  constructor(private readonly options: MaintainerAccessOptions) {}

  get configured(): boolean {
    return this.options.ids.length > 0 || Boolean(this.options.teamId);
  }

  /** Whether the sender is a maintainer, asked without logging (to decide whether a message is for the maintainers' tools at all). */
  async isMaintainer(context: TurnContext): Promise<boolean> {
    const objectId = context.activity.from?.aadObjectId?.toLowerCase();
    return (objectId !== undefined && this.options.ids.includes(objectId)) || (await this.inTeam(context));
  }

  /** Whether the sender may do this; a refusal is logged (ids only) and counted. */
  async allows(context: TurnContext, action: MaintainerAction): Promise<boolean> {
    const from = context.activity.from;
    const objectId = from?.aadObjectId?.toLowerCase();
    const allowed = await this.isMaintainer(context);
    if (!allowed) {
      this.options.metrics.count(`refused.maintainer.${action}`);
      this.options.log.warn({ event: 'maintainer-refused', action, user: objectId ?? from?.id ?? 'unknown', configured: this.configured }, 'a maintainers\' action from someone who is not a maintainer');
    }
    return allowed;
  }

  private async inTeam(context: TurnContext): Promise<boolean> {
    const { teamId, cacheMs = 10 * 60_000 } = this.options;
    const userId = context.activity.from?.id;
    if (!teamId || !userId) return false;
    const cached = this.memberships.get(userId);
    // A refusal is remembered only briefly, so a maintainer just added to the team soon gets in.
    if (cached && Date.now() - cached.at < (cached.member ? cacheMs : 60_000)) return cached.member;
    let member: boolean;
    try {
      await TeamsInfo.getTeamMember(context, teamId, userId);
      member = true;
    } catch {
      // Not a member, or Teams could not say: either way, not allowed this time.
      member = false;
    }
    if (this.memberships.size >= 10_000) this.memberships.clear();
    this.memberships.set(userId, { member, at: Date.now() });
    return member;
  }
}
