import { z } from 'zod';
import { PLACE_IDS, TOPIC_IDS } from './ids';

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(s)), 'is not a real calendar date');

const httpsUrl = z
  .string()
  .url('must be a full web address')
  .refine((u) => u.startsWith('https://'), 'must start with https://');

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

export const topicIdSchema = z.enum(TOPIC_IDS, { error: 'is not one of the topic ids in docs/topics.md' });
export const placeIdSchema = z.enum(PLACE_IDS, { error: 'is not one of the eight Place ids' });

export const citationSchema = z.object({ title: text(200), url: httpsUrl }).strict();

export const topicSchema = z
  .object({
    id: topicIdSchema,
    title: text(80),
    summary: text(300),
    synonyms: z.array(text(80)).min(3, 'needs at least three words or phrases'),
    /** How staff describe what they saw, in their own words: these teach the topic classifier. */
    examples: z.array(text(300)).default([]),
    prompt: z
      .object({
        ask: text(300),
        assist: text(300),
        assistSource: citationSchema,
        act: text(300),
      })
      .strict(),
    guide: z
      .object({
        facts: z.array(z.object({ text: text(400), source: citationSchema }).strict()).default([]),
        ask: z.array(text(300)).min(1),
        assist: z.array(text(400)).min(1),
        act: z.array(text(300)).min(1),
        avoid: z.array(text(400)).default([]),
      })
      .strict(),
    reviewed: isoDate,
  })
  .strict();

export const CONTACT_FIELDS = ['phone', 'text', 'textMessage', 'email', 'website'] as const;

/**
 * A page's own date, as precise as the page gives it: a year ('2021'), a month ('2021-01') or a
 * day ('2021-01-14'). The freshness rules read it; `published` says the same in words.
 */
export const pageDateSchema = z
  .string()
  .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, "must be the page's own date written YYYY, YYYY-MM or YYYY-MM-DD")
  .refine((s) => !Number.isNaN(Date.parse(s.length === 4 ? `${s}-01-01` : s.length === 7 ? `${s}-01` : s)), 'is not a real calendar date');

export const sourceSchema = z
  .object({
    url: httpsUrl.or(z.string().url('must be a full web address')),
    checked: isoDate,
    published: z.string().max(200).optional(),
    pageDate: pageDateSchema.optional(),
    supports: z.array(text(40)).min(1, 'must name at least one field this source backs'),
    note: z.string().max(600).optional(),
  })
  .strict();

export const AREAS = ['local', 'derbyshire-county', 'derby-city', 'derby-and-derbyshire', 'national'] as const;

export const serviceSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lower-case words joined by hyphens'),
    name: text(120),
    provider: text(160).optional(),
    description: text(200),
    topics: z.array(topicIdSchema).min(1, 'must list at least one topic'),
    area: z.enum(AREAS, { error: `must be one of ${AREAS.join(', ')}` }),
    places: z.array(placeIdSchema).min(1, 'must list the Places served'),
    contact: z
      .object({
        phone: text(40).optional(),
        text: text(20).optional(),
        textMessage: text(20).optional(),
        email: z.string().email('is not an email address').optional(),
        website: httpsUrl.optional(),
      })
      .strict()
      .default({}),
    /**
     * How staff help someone reach a service that has no number or address of its own (a GP
     * referral, a drop-in reached through a helpline). `via` names the service to contact.
     */
    access: z
      .object({
        how: text(300),
        via: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a service id').optional(),
      })
      .strict()
      .optional(),
    referral: z.enum(['self', 'professional', 'both', 'unknown']).default('unknown'),
    eligibility: text(400).optional(),
    /**
     * The part of `eligibility` a program can check (ages, sex, life stage; county or city
     * residents), only where a source that lists 'eligibility' in `supports` states it. A
     * person known from the message not to fit is not offered the service as one they can use.
     */
    eligibilityRules: z
      .object({
        minAge: z.number().int('must be a whole number of years').min(0).max(120).optional(),
        maxAge: z.number().int('must be a whole number of years').min(0).max(120).optional(),
        sex: z.enum(['male', 'female'], { error: 'must be male or female' }).optional(),
        lifeStages: z.array(z.enum(['pregnant', 'new-parent', 'carer', 'young-carer'], { error: 'must be one of pregnant, new-parent, carer, young-carer' })).min(1).optional(),
        residents: z.enum(['derbyshire-county', 'derby-city', 'derby-and-derbyshire'], { error: 'must be derbyshire-county, derby-city or derby-and-derbyshire' }).optional(),
      })
      .strict()
      .refine((r) => r.minAge === undefined || r.maxAge === undefined || r.minAge <= r.maxAge, { message: 'minAge must not be above maxAge', path: ['maxAge'] })
      .optional(),
    hours: text(200).optional(),
    cost: text(120).optional(),
    sources: z.array(sourceSchema).min(1, 'needs at least one source'),
    reviewed: isoDate,
    /**
     * A date on which the provider, contract or funding is known to change (a contract's end, a
     * fund's last day): the record is flagged for a re-check once it passes.
     */
    knownChange: z.object({ date: isoDate, what: text(300) }).strict().optional(),
    /** An ended or replaced service: kept in the data with why, never shown to staff. */
    retired: z
      .object({
        date: isoDate,
        reason: text(400),
        successors: z.array(z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a service id')).optional(),
      })
      .strict()
      .optional(),
    notes: z.string().max(2000).optional(),
  })
  .strict();

export const crisisSchema = z
  .object({
    title: text(120),
    intro: text(300),
    lines: z.array(z.string()).min(4, 'must list the crisis lines in order'),
    askDirectly: z.array(text(300)).min(1),
    sources: z.array(citationSchema).min(1),
    reviewed: isoDate,
  })
  .strict();

export const placeSchema = z
  .object({
    id: placeIdSchema,
    name: text(80),
    partnership: z.enum(['derbyshire-county', 'derby-city']),
    aliases: z.array(text(80)).default([]),
  })
  .strict();

export const placesFileSchema = z.object({ places: z.array(placeSchema).length(PLACE_IDS.length, 'must list all eight Places') }).strict();

export const placeNameSchema = z
  .object({
    name: text(120),
    place: placeIdSchema,
    aliases: z.array(text(120)).default([]),
    kind: z.string().optional(),
    note: z.string().optional(),
  })
  .strict();

export const placeNamesFileSchema = z
  .object({
    source: z.object({ title: text(200), url: z.string().url().optional(), note: z.string().optional() }).strict(),
    entries: z.array(placeNameSchema).min(1),
  })
  .strict();

export const neighboursFileSchema = z
  .object({
    source: z.object({ title: text(200), url: z.string().url().optional(), note: z.string().optional() }).strict(),
    names: z.array(text(120)),
  })
  .strict();

/**
 * Why a Place has only national services for a topic: written by maintainers in
 * coverage-gaps.json so that the report shows the reason beside the gap.
 */
export const coverageGapSchema = z
  .object({
    topic: topicIdSchema,
    places: z.array(placeIdSchema).min(1, 'must list the Places the reason is for'),
    reason: text(400),
    checked: isoDate,
  })
  .strict();

export const coverageGapsFileSchema = z.object({ gaps: z.array(coverageGapSchema) }).strict();

export type Topic = z.infer<typeof topicSchema>;

/** Example phrasings for the crisis net: risk said many ways, and look-alikes that only borrow its words. */
export const crisisExamplesSchema = z
  .object({
    about: z.string().optional(),
    risk: z.array(z.object({ concept: text(60), text: text(600) }).strict()).min(50, 'needs at least 50 example phrasings of risk'),
    lookAlikes: z.array(z.object({ kind: text(60), text: text(600) }).strict()).min(50, 'needs at least 50 look-alike phrasings'),
  })
  .strict();
export type CrisisExamples = z.infer<typeof crisisExamplesSchema>;

/** Messages that carry no cue at all (greetings, office chat, figures of speech): they teach the topic classifier when to answer with none. */
export const chitChatSchema = z
  .object({
    about: z.string().optional(),
    examples: z.array(z.object({ kind: text(60), text: text(600) }).strict()),
  })
  .strict();
export type ChitChat = z.infer<typeof chitChatSchema>;

/** Staff shorthand ("OD", "DSH", "c/o") and the words it stands for, as normalise() leaves both. */
const normalisedWords = (max: number) =>
  text(max).regex(/^[a-z0-9]+(?: [a-z0-9]+)*$/, 'must be lower-case letters and digits in words separated by single spaces, as the bot reads a message');
export const shorthandSchema = z
  .object({
    about: z.string().optional(),
    entries: z.array(z.object({ short: normalisedWords(30), means: normalisedWords(80), note: text(200).optional() }).strict()),
  })
  .strict()
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.entries.forEach((e, i) => {
      if (seen.has(e.short)) ctx.addIssue({ code: 'custom', path: ['entries', i, 'short'], message: `'${e.short}' is listed twice` });
      seen.add(e.short);
    });
  });
export type Shorthand = z.infer<typeof shorthandSchema>;

/** Families of risk words and the pairs of them that make a message a risk (search/crisis/families.ts). */
export const riskConceptsSchema = z
  .object({
    about: z.string().optional(),
    families: z.record(z.string().regex(/^[a-z]+$/, 'a family name is one lower-case word'), z.array(normalisedWords(60)).min(1)),
    together: z.array(z.tuple([z.string(), z.string()])).min(1),
    twice: z.array(z.string()).optional(),
    alone: z.array(z.string()).optional(),
    unless: z.record(z.string(), z.array(normalisedWords(40))).optional(),
  })
  .strict()
  .superRefine((file, ctx) => {
    const known = new Set(Object.keys(file.families));
    file.together.forEach((pair, i) => {
      for (const f of pair) if (!known.has(f)) ctx.addIssue({ code: 'custom', path: ['together', i], message: `'${f}' is not one of the families` });
    });
    for (const key of Object.keys(file.unless ?? {})) {
      if (!file.together.some(([a, b]) => `${a}+${b}` === key)) ctx.addIssue({ code: 'custom', path: ['unless', key], message: `'${key}' is not a pair in 'together' (write it as family+family)` });
    }
  });
export type RiskConceptsFile = z.infer<typeof riskConceptsSchema>;
export type Service = z.infer<typeof serviceSchema>;
export type CrisisBlock = z.infer<typeof crisisSchema>;
export type Place = z.infer<typeof placeSchema>;
export type PlaceName = z.infer<typeof placeNameSchema>;
export type Citation = z.infer<typeof citationSchema>;
export type Source = z.infer<typeof sourceSchema>;
export type CoverageGap = z.infer<typeof coverageGapSchema>;
