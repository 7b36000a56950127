import { type Activity, CloudAdapter, type InvokeResponse, type ResourceResponse, type TurnContext } from 'botbuilder';
import type { AuthenticateRequestResult } from 'botframework-connector';

/** Status codes Teams uses for "try again": throttling, and transient gateway errors. */
const RETRYABLE = new Set([429, 412, 502, 503, 504]);

export interface RetryPolicy {
  retries: number;
  baseMs: number;
  maxMs: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export const DEFAULT_RETRY: RetryPolicy = { retries: 4, baseMs: 250, maxMs: 8000 };

function statusOf(error: unknown): number | undefined {
  const e = error as { statusCode?: number; response?: { status?: number } };
  return e?.statusCode ?? e?.response?.status;
}

function retryAfterMs(error: unknown): number | undefined {
  const headers = (error as { response?: { headers?: { get?: (n: string) => string | undefined } } })?.response?.headers;
  const value = headers?.get?.('retry-after');
  const seconds = value ? Number(value) : NaN;
  return Number.isFinite(seconds) ? seconds * 1000 : undefined;
}

/**
 * Sends each outgoing activity on its own and, when Teams says "too many requests" or a
 * gateway fails, waits (exponential backoff with full jitter, or Retry-After) and tries
 * again, so one throttled send neither fails the turn nor repeats the others.
 */
export class RetryingCloudAdapter extends CloudAdapter {
  retry: RetryPolicy = DEFAULT_RETRY;
  onRetry?: (status: number, attempt: number) => void;

  async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      for (let attempt = 0; ; attempt++) {
        try {
          responses.push(...(await super.sendActivities(context, [activity])));
          break;
        } catch (error) {
          const status = statusOf(error);
          if (status === undefined || !RETRYABLE.has(status) || attempt >= this.retry.retries) throw error;
          this.onRetry?.(status, attempt + 1);
          const backoff = Math.min(this.retry.maxMs, this.retry.baseMs * 2 ** attempt);
          const wait = Math.min(this.retry.maxMs, retryAfterMs(error) ?? (this.retry.random ?? Math.random)() * backoff);
          await (this.retry.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))))(wait);
        }
      }
    }
    return responses;
  }

  /**
   * Runs a turn for a request whose token the server has already checked, so that the check's
   * failures can be answered (401, logged, counted) by the server rather than the adapter.
   */
  processAuthenticated(auth: AuthenticateRequestResult, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(auth, activity, logic);
  }
}
