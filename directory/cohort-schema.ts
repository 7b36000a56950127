import { z } from 'zod';
import { topicIdSchema } from './schema';

/**
 * The cohort table (directory-data/cohorts.json): who each row is for, the topics worth raising
 * with them (most important first) and where it comes from. Rows from the Derbyshire programme
 * (seed 000, section 4.2d) and rows from current national eligibility are both kept: where they
 * differ, the national row says how (`differsFrom`), so nothing is silently replaced.
 */
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD').refine((s) => !Number.isNaN(Date.parse(s)), 'is not a real calendar date');
const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lower-case words joined by hyphens');
const age = z.number({ error: 'must be a whole number of years' }).int('must be a whole number of years').min(0, 'must be 0 or more').max(120, 'must be at most 120');

export const COHORT_LIFE_STAGES = ['pregnant', 'new-parent', 'carer', 'young-carer'] as const;
export const lifeStageSchema = z.enum(COHORT_LIFE_STAGES, { error: `must be one of ${COHORT_LIFE_STAGES.join(', ')}` });
export const sexSchema = z.enum(['male', 'female'], { error: 'must be male or female' });

/** Who a cohort row, or a service's eligibility, is for. Every part left out means "any". */
export const whoSchema = z
  .object({
    minAge: age.optional(),
    maxAge: age.optional(),
    sex: sexSchema.optional(),
    /** Any one of these life stages. */
    lifeStages: z.array(lifeStageSchema).min(1).optional(),
  })
  .strict()
  .refine((w) => w.minAge === undefined || w.maxAge === undefined || w.minAge <= w.maxAge, { message: 'minAge must not be above maxAge', path: ['maxAge'] });

export const cohortSourceSchema = z
  .object({
    title: text(200),
    /** The seed paper is not online: its rows name the section instead of an address. */
    url: z.string().url('must be a full web address').refine((u) => u.startsWith('https://'), 'must start with https://').optional(),
    section: text(80).optional(),
    checked: isoDate,
    note: z.string().max(600).optional(),
  })
  .strict();

export const cohortSchema = z
  .object({
    id: slug,
    /** How staff would name the group: "75 and over", "Men aged 65 to 70". */
    title: text(80),
    basis: z.enum(['derbyshire-programme', 'national-eligibility'], { error: 'must be derbyshire-programme or national-eligibility' }),
    who: whoSchema,
    /** What else the row's eligibility needs that a message cannot tell ("has ever smoked"). */
    alsoNeeds: text(200).optional(),
    topics: z
      .array(z.object({ topic: topicIdSchema, note: text(160).optional() }).strict())
      .min(1, 'must list at least one topic'),
    source: cohortSourceSchema,
    differsFrom: z.object({ cohort: slug, what: text(600) }).strict().optional(),
  })
  .strict()
  .refine((c) => c.basis !== 'national-eligibility' || c.source.url !== undefined, { message: 'a national-eligibility row needs the address of its source', path: ['source', 'url'] })
  .refine((c) => c.basis !== 'derbyshire-programme' || c.source.section !== undefined, { message: 'a derbyshire-programme row needs the section of seed 000 it comes from', path: ['source', 'section'] });

export const cohortsFileSchema = z.object({ about: z.string().optional(), cohorts: z.array(cohortSchema).min(1, 'must list at least one cohort') }).strict();

export type Who = z.infer<typeof whoSchema>;
export type Cohort = z.infer<typeof cohortSchema>;
