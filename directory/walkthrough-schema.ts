import { z } from 'zod';
import { citationSchema, topicIdSchema } from './schema';

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

export const STAGES = ['crisis', 'raise', 'what-matters', 'explore', 'ask-directly', 'listen', 'stay-with', 'advice', 'signpost', 'close'] as const;

export const walkthroughStepSchema = z
  .object({
    stage: z.enum(STAGES, { error: `must be one of ${STAGES.join(', ')}` }),
    title: text(120),
    say: z.array(text(300)).min(1, 'needs at least one example phrasing'),
    trainerNote: text(600),
    pull: text(300).optional(),
    push: text(300).optional(),
    source: citationSchema.optional(),
  })
  .strict()
  .refine((s) => Boolean(s.pull) === Boolean(s.push), { message: 'a pull phrasing needs a push phrasing beside it (or neither)', path: ['push'] });

export const practiceSchema = z
  .object({
    id: z.string().min(1),
    citizen: text(400),
    replies: z
      .array(z.object({ text: text(300), pull: z.boolean(), why: text(400) }).strict())
      .length(3, 'must offer exactly three replies')
      .refine((r) => r.filter((x) => x.pull).length === 1, 'exactly one reply must be the pull (person-centred) one'),
  })
  .strict();

export const walkthroughSchema = z
  .object({
    topic: topicIdSchema,
    version: z.number().int().positive(),
    steps: z.array(walkthroughStepSchema).min(3, 'needs at least three steps'),
    practice: z.array(practiceSchema).min(1, 'needs at least one practice scenario'),
  })
  .strict();

export type Walkthrough = z.infer<typeof walkthroughSchema>;
export type WalkthroughStep = z.infer<typeof walkthroughStepSchema>;
