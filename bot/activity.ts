import { z } from 'zod';

/**
 * The least a request must carry to be a Bot Framework activity we can answer. Checked
 * before the adapter sees it, so a malformed request gets a 400 that says why, not a 500.
 */
export const incomingActivitySchema = z
  .object({
    type: z.string().min(1).max(64),
    serviceUrl: z.string().min(1).max(2048),
    conversation: z.object({ id: z.string().min(1).max(1024) }).passthrough(),
    channelId: z.string().max(64).optional(),
    from: z.object({ id: z.string().max(1024) }).passthrough().optional(),
    recipient: z.object({ id: z.string().max(1024) }).passthrough().optional(),
    text: z.string().optional().nullable(),
  })
  .passthrough();

export function describeActivityProblem(body: unknown): string | undefined {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return 'The request body must be a JSON object (a Bot Framework activity).';
  const result = incomingActivitySchema.safeParse(body);
  if (result.success) return undefined;
  const fields = [...new Set(result.error.issues.map((i) => i.path.join('.') || 'body'))];
  return `The request is not a Bot Framework activity we can answer: check ${fields.join(', ')}.`;
}
