import { z } from 'zod';
import { parseOrganisations } from '../activity/organisations';

const optionalText = z.string().trim().optional().transform((v) => (v ? v : undefined));

export const configSchema = z
  .object({
    PORT: z.coerce.number({ error: 'must be a number' }).int().min(0).max(65535, 'must be a port number (0-65535)').default(3978),
    HOST: optionalText,
    MicrosoftAppId: optionalText,
    MicrosoftAppPassword: optionalText,
    MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI'], { error: 'must be MultiTenant, SingleTenant or UserAssignedMSI' }).default('MultiTenant'),
    MicrosoftAppTenantId: optionalText,
    DIRECTORY_DATA: optionalText,
    STORAGE: z.enum(['disk', 'memory', 'azure-blobs'], { error: 'must be disk, memory or azure-blobs' }).default('disk'),
    AZURE_STORAGE_CONNECTION_STRING: optionalText,
    AZURE_STORAGE_CONTAINER: z.string().trim().regex(/^[a-z0-9](?:[a-z0-9-]{1,61}[a-z0-9])$/, 'must be a valid blob container name (lower-case letters, digits, hyphens)').default('mecc-bot-state'),
    STATE_DIR: z.string().trim().min(1).default('data'),
    WATCH_DIRECTORY: z.enum(['true', 'false'], { error: 'must be true or false' }).default('true'),
    ALLOWED_TENANTS: z
      .string()
      .optional()
      .transform((v) => (v ?? '').split(',').map((t) => t.trim()).filter(Boolean))
      .pipe(z.array(z.string().regex(/^[0-9a-f-]{36}$/i, 'each tenant id must be a GUID'))),
    ALLOW_UNAUTHENTICATED_NON_LOOPBACK: z.enum(['true', 'false'], { error: 'must be true or false' }).default('false'),
    RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(30),
    CARD_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(60),
    REPORT_RATE_LIMIT_PER_HOUR: z.coerce.number().int().min(1).default(10),
    MAINTAINER_IDS: z
      .string()
      .optional()
      .transform((v) => (v ?? '').split(',').map((t) => t.trim().toLowerCase()).filter(Boolean))
      .pipe(z.array(z.string().regex(/^[0-9a-f-]{36}$/i, 'each maintainer must be a Microsoft Entra object id (a GUID)'))),
    MAINTAINER_TEAM_ID: optionalText,
    // Directory edits from Teams (issue 16): see .env.example.
    EDIT_SELF_APPROVAL: z.enum(['true', 'false'], { error: 'must be true or false' }).default('false'),
    EDITS_POLL_SECONDS: z.coerce.number({ error: 'must be a number of seconds' }).min(0.2, 'must be at least 0.2 seconds').max(60, 'must be at most 60 seconds (every instance must serve a published change within 10 s)').default(2),
    DIGEST_SCHEDULE: z.string().trim().toLowerCase()
      .regex(/^(off|(mon|tue|wed|thu|fri|sat|sun)[a-z]* ([01]\d|2[0-3]):[0-5]\d)$/, "must be 'off' or a weekday and a 24-hour time, e.g. 'monday 09:00' (UK time)")
      .default('monday 09:00'),
    /** Only for the test that kills the bot mid-publish: a pause between a publish's writes. */
    EDITS_PUBLISH_PAUSE_MS: z.coerce.number().int().min(0).max(60_000).default(0),
    METRICS_TOKEN: optionalText.pipe(z.string().min(24, 'must be at least 24 characters (use a long random value)').optional()),
    // Recording conversations (issue 13): see .env.example.
    ACTIVITY_SECRET: optionalText.pipe(z.string().min(32, 'must be at least 32 characters (use a long random value)').optional()),
    ACTIVITY_ORGANISATIONS: optionalText.pipe(z.string().max(10_000).optional()),
    ACTIVITY_RETENTION_MONTHS: z.coerce.number({ error: 'must be a number of months' }).int().min(1, 'must be at least 1 month').max(120).default(24),
    /** Where people reach the take-away page (the QR code's address), e.g. https://mecc-bot.example.nhs.uk. */
    PUBLIC_BASE_URL: optionalText.pipe(
      z.string().url('must be a full web address, e.g. https://mecc-bot.example.nhs.uk')
        .refine((u) => /^https?:\/\/[^/?#]+(\/[^?#]*)?$/.test(u), 'must be http(s) with no query or fragment')
        .transform((u) => u.replace(/\/+$/, ''))
        .optional(),
    ),
    PUBLIC_PAGE_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(60),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { error: 'must be one of fatal, error, warn, info, debug, trace, silent' }).default('info'),
  })
  .refine((c) => !c.MicrosoftAppPassword || c.MicrosoftAppId, { message: 'MicrosoftAppPassword is set but MicrosoftAppId is not: set both, or neither for local development', path: ['MicrosoftAppId'] })
  .refine((c) => c.MicrosoftAppType !== 'SingleTenant' || c.MicrosoftAppTenantId, { message: 'SingleTenant needs MicrosoftAppTenantId', path: ['MicrosoftAppTenantId'] })
  .refine((c) => { try { parseOrganisations(c.ACTIVITY_ORGANISATIONS); return true; } catch { return false; } }, { message: 'must be id=Organisation name pairs separated by ; (plain names only)', path: ['ACTIVITY_ORGANISATIONS'] })
  .refine((c) => !c.MicrosoftAppId || !c.PUBLIC_BASE_URL || c.PUBLIC_BASE_URL.startsWith('https://'), { message: 'must start with https:// when the bot has credentials (people open it on their phones)', path: ['PUBLIC_BASE_URL'] })
  .refine((c) => c.STORAGE !== 'azure-blobs' || c.AZURE_STORAGE_CONNECTION_STRING, { message: 'STORAGE=azure-blobs needs AZURE_STORAGE_CONNECTION_STRING', path: ['AZURE_STORAGE_CONNECTION_STRING'] });

export type Config = z.infer<typeof configSchema> & {
  /** No Microsoft app credentials: the bot accepts unauthenticated requests, so it only listens on loopback. */
  localDevelopment: boolean;
  host: string;
};

export class ConfigError extends Error {}

/** Reads configuration from the environment (and .env, loaded by the caller), or explains what is wrong. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = configSchema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  - ${i.path.join('.') || 'configuration'}: ${i.message}`);
    throw new ConfigError(`The bot's configuration has problems (see .env.example):\n${lines.join('\n')}`);
  }
  const c = result.data;
  const localDevelopment = !c.MicrosoftAppId;
  const host = c.HOST ?? (localDevelopment ? '127.0.0.1' : '0.0.0.0');
  if (localDevelopment && !isLoopback(host) && c.ALLOW_UNAUTHENTICATED_NON_LOOPBACK !== 'true') {
    throw new ConfigError(
      `The bot's configuration has problems (see .env.example):\n  - HOST: '${host}' is not a loopback address, but no MicrosoftAppId is set, so anyone who can reach it could use the bot without signing in. ` +
        'Set MicrosoftAppId and MicrosoftAppPassword, or listen on 127.0.0.1. For a closed test network only, set ALLOW_UNAUTHENTICATED_NON_LOOPBACK=true.',
    );
  }
  return { ...c, localDevelopment, host };
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
