import { randomUUID, timingSafeEqual } from 'node:crypto';
import { validateAndFixActivity } from 'botbuilder/lib/activityValidator';
import { type AuthenticateRequestResult, AuthenticationConstants } from 'botframework-connector';
import {
  type Activity, ConfigurationBotFrameworkAuthentication, ConversationState, MemoryStorage, type Storage,
  UserState, type TurnContext,
} from 'botbuilder';
import { ComposeSearch } from '../chat/compose-search';
import { ReportStore } from '../reports/store';
import { ActivityKeys } from '../activity/record';
import { ActivityLog, type ActivityStorage } from '../activity/store';
import { parseOrganisations } from '../activity/organisations';
import { ActivityDesk } from '../chat/activity-reply';
import { activitySecret } from './storage/activity-secret';
import { listable } from './storage/listable';
import { MaintainersChannel } from './maintainers-channel';
import type * as Restify from 'restify';
import { restify, type RestifyServer } from './restify';
import { MaintainerAccess } from './maintainer-access';
import { CachingBotFrameworkAuthentication } from './caching-auth';
import { Metrics } from './metrics';
import { RetryingCloudAdapter, type RetryPolicy } from './retrying-adapter';
import { RateLimiter } from './rate-limit';
import { tokenProblem } from './token-precheck';
import { servePublicTakeaway } from './takeaway-route';
import { readJsonBody } from './body';
import { Conversation } from '../chat/respond';
import { noticeCard } from '../cards/notice';
import type { Directory } from '../directory/load';
import { Signposter } from '../search/answer';
import { describeActivityProblem } from './activity';
import type { Config } from './config';
import { type Logger, requestScope } from './logger';
import { cardActivity, SignpostBot } from './signpost-bot';
import { defaultDataDir } from '../directory/load';
import { DirectoryError, formatProblem } from '../directory/problems';
import { EditDesk } from '../editing/desk';
import type { EditedDirectory } from '../editing/serve';
import { EditingService } from '../editing/service';
import { PublishedChanges } from '../editing/published';
import { EditStore } from '../editing/store';
import { EditingHandler } from './editing';
import { editStorage } from './storage/edit-storage';
import { digestCard } from '../cards/digest';
import { buildDigest } from '../editing/digest';
import { currentSlot, parseSchedule } from '../editing/schedule';
import { todayIso } from '../maintain/dates';

export interface BotServer {
  server: RestifyServer;
  /** Swap in a new directory (e.g. after an edit); conversations carry on. */
  setDirectory(directory: Directory): void;
  /** Record a directory change that failed validation; the last good one keeps serving. */
  rejectDirectory(report: RejectedDirectory): void;
  reports: ReportStore;
  /** Directory edits: the directory served with the published changes over the files. */
  editing: EditingService;
  /** Reloads the directory (files and published changes), e.g. after a file changed. */
  loadDirectory(): Directory;
  /** Recorded conversations; undefined when recording is off (no secret on shared storage). */
  activity?: ActivityLog;
  directory(): Directory;
  close(): Promise<void>;
}

export interface ServerOptions {
  config: Config;
  directory: Directory;
  log: Logger;
  /** User preferences and conversation state. */
  storage?: Storage;
  /** Staff reports: shared with the command-line tools. */
  reportStorage?: Storage;
  /** Recorded conversations: shared with `npm run activity`. */
  activityStorage?: Storage;
  /** Directory edits from Teams: proposals and published changes (default: with the reports). */
  editStorage?: Storage;
  /** The edits as the caller already loaded them (bot/index.ts loads them before serving). */
  editing?: { store: EditStore; published: PublishedChanges; edited?: EditedDirectory };
  /** How outgoing sends back off when Teams throttles (tests shorten the waits). */
  retry?: RetryPolicy;
  /** How long a request body may take to arrive (tests shorten it). */
  bodyTimeoutMs?: number;
  /** Where the Bot Connector's signing keys are published (tests serve their own on loopback). */
  openIdMetadataUrl?: string;
  /** How often to look whether the weekly digest is due (tests shorten it). */
  digestCheckMs?: number;
}

/** What /healthz says about the last directory change that was refused. */
export interface RejectedDirectory {
  version: string;
  at: string;
  problems: string[];
}

const MAX_BODY_BYTES = 256 * 1024;

export function createBotServer({ config, directory, log, storage = new MemoryStorage(), reportStorage = storage, activityStorage = reportStorage, editStorage: editsStorage = reportStorage, editing: editingGiven, retry, bodyTimeoutMs = 10_000, openIdMetadataUrl, digestCheckMs = 60_000 }: ServerOptions): BotServer {
  const secret = activitySecret(config);
  const activity = secret ? new ActivityLog(listable(activityStorage) as ReturnType<typeof listable> & ActivityStorage) : undefined;
  const desk = activity && new ActivityDesk(activity, new ActivityKeys(secret!), parseOrganisations(config.ACTIVITY_ORGANISATIONS));
  if (!secret) log.warn({ event: 'activity-off' }, 'Recording conversations is off: set ACTIVITY_SECRET (the same on every instance) to turn it on');
  // Retention is enforced at start-up and daily after, whatever else happens.
  const purge = () => void activity?.purge(config.ACTIVITY_RETENTION_MONTHS)
    .then((removed) => removed && log.info({ event: 'activity-purged', removed }, 'recorded conversations past retention removed'))
    .catch((error) => log.warn({ event: 'activity-purge-failed', error: (error as Error).name }, 'could not remove recorded conversations past retention'));
  purge();
  const purgeTimer = setInterval(purge, 24 * 3600_000).unref();
  // Without PUBLIC_BASE_URL (local development) the QR code points at this server itself.
  const publicBaseUrl = () => config.PUBLIC_BASE_URL ?? `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${(server.server.address() as { port?: number } | null)?.port ?? config.PORT}`;
  const build = (d: Directory) => {
    const signposter = new Signposter(d);
    return { directory: d, conversation: new Conversation(signposter, { activity: desk, publicBaseUrl }), compose: new ComposeSearch(signposter) };
  };
  let current = build(directory);

  const auth = new CachingBotFrameworkAuthentication(
    new ConfigurationBotFrameworkAuthentication({
      MicrosoftAppId: config.MicrosoftAppId,
      MicrosoftAppPassword: config.MicrosoftAppPassword,
      MicrosoftAppType: config.MicrosoftAppType,
      MicrosoftAppTenantId: config.MicrosoftAppTenantId,
      // The library treats these as all-or-nothing: the public cloud's values, with our own key source.
      ...(openIdMetadataUrl ? {
        ToBotFromChannelOpenIdMetadataUrl: openIdMetadataUrl, ToBotFromEmulatorOpenIdMetadataUrl: openIdMetadataUrl,
        ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer, ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
        ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope, OAuthUrl: AuthenticationConstants.OAuthUrl, CallerId: 'urn:botframework:azure', ValidateAuthority: true,
      } : {}),
    }),
  );
  const adapter = new RetryingCloudAdapter(auth);
  if (retry) adapter.retry = retry;
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    // The error's message could quote input, so only its kind is logged.
    log.error({ event: 'turn-error', error: error.name, activityType: context.activity?.type }, 'turn failed');
    try {
      await context.sendActivity(cardActivity(noticeCard('Sorry, something went wrong', 'I could not answer that just now. Please try again; if it keeps happening, tell the directory maintainers.')));
    } catch {
      /* the channel may be unreachable: nothing more to do */
    }
  };

  const reports = new ReportStore(listable(reportStorage));
  const maintainers = new MaintainersChannel(reports, reportStorage, adapter, config.MicrosoftAppId ?? '', () => current.directory, log);
  const metrics = new Metrics();
  let rejected: RejectedDirectory | undefined;
  const setDirectory = (next: Directory) => {
    current = build(next);
    rejected = undefined;
  };

  // Directory edits from Teams: the published changes are served over the files, and every
  // instance looks for new ones every EDITS_POLL_SECONDS.
  const editStore = editingGiven?.store ?? new EditStore(editStorage(editsStorage));
  const editing = new EditingService(
    { root: config.DIRECTORY_DATA ?? defaultDataDir(), store: editStore, published: editingGiven?.published ?? new PublishedChanges(editStore), selfApproval: config.EDIT_SELF_APPROVAL === 'true', publishPauseMs: config.EDITS_PUBLISH_PAUSE_MS,
      onPublishStep: (step, p) => log.info({ event: 'edit-publish-step', step, record: p.record, proposal: p.id, seq: p.seq }, 'publishing a directory change') },
    {
      loaded(edited) {
        setDirectory(edited.directory);
        log.info({ event: 'directory-reloaded', directoryVersion: edited.directory.version, editsSeq: edited.overlay.seq, editedRecords: edited.overlay.records.size, conflicts: edited.overlay.conflicts.length, unserved: edited.unserved.length }, 'directory reloaded');
        for (const u of edited.unserved) log.error({ event: 'edit-not-served', record: u.record, proposal: u.proposal, problems: u.problems }, 'a published change does not pass the checks with the files as they are: the files\' version of this record is served');
      },
      failed(error) {
        const problems = error instanceof DirectoryError ? error.problems.map(formatProblem) : [`could not load the directory: ${(error as Error).name}`];
        rejected = { version: error instanceof DirectoryError ? error.version ?? 'unknown' : 'unknown', problems, at: new Date().toISOString() };
        log.error({ event: 'directory-rejected', rejectedVersion: rejected.version, problems }, 'directory change rejected; still serving the last good version');
      },
    },
  );
  if (editingGiven?.edited) editing.adopt(editingGiven.edited);
  else {
    try {
      editing.load();
    } catch {
      /* the caller loaded the files itself; their problems show at the next reload */
    }
  }
  const pollEdits = () => void editing.poll().catch((error) => log.warn({ event: 'edits-poll-failed', error: (error as Error).name }, 'could not look for published directory edits'));
  const pollTimer = setInterval(pollEdits, config.EDITS_POLL_SECONDS * 1000).unref();
  const recover = () => void editing.recover()
    .then((finished) => finished && log.info({ event: 'edits-recovered', finished }, 'finished publishing approved changes that were interrupted'))
    .catch((error) => log.warn({ event: 'edits-recover-failed', error: (error as Error).name }, 'could not finish interrupted publishes'));
  recover();
  const recoverTimer = setInterval(recover, 60_000).unref();
  // The weekly digest: shown on request ("directory digest"), and posted to the maintainers'
  // channel at DIGEST_SCHEDULE by whichever instance claims the week first.
  const digestNow = async () => {
    const d = current.directory;
    return digestCard(d, buildDigest(d, { today: todayIso(), reports: await reports.list({ status: 'open' }), waiting: await editing.open(), conflicts: editing.current?.overlay.conflicts ?? [] }));
  };
  const editDesk = new EditDesk({ editing, directory: () => current.directory, reports, digest: digestNow });
  const schedule = parseSchedule(config.DIGEST_SCHEDULE);
  let digestPosted: string | undefined;
  const postDigest = async () => {
    if (!schedule) return;
    const slot = currentSlot(schedule, new Date());
    if (slot === digestPosted || !(await maintainers.channelId())) return;
    digestPosted = slot;
    if (!(await editStore.claimDigest(slot))) return;
    const posted = await maintainers.post(await digestNow(), 'digest');
    log.info({ event: 'digest-posted', slot, posted }, 'weekly directory digest');
  };
  const digestTimer = setInterval(() => void postDigest().catch((error) => log.warn({ event: 'digest-failed', error: (error as Error).name }, 'could not post the weekly digest')), digestCheckMs).unref();

  adapter.onRetry = (status) => {
    metrics.count(`retries.${status}`);
    log.warn({ event: 'send-retry', status }, 'Teams asked us to slow down; retrying');
  };
  const maintainerAccess = new MaintainerAccess({ ids: config.MAINTAINER_IDS, teamId: config.MAINTAINER_TEAM_ID, log, metrics });
  const bot = new SignpostBot({
    conversation: () => current.conversation,
    composeSearch: () => current.compose,
    userState: new UserState(storage),
    conversationState: new ConversationState(storage),
    log,
    metrics,
    maintainers,
    allowedTenants: config.ALLOWED_TENANTS,
    rateLimits: {
      typed: new RateLimiter(config.RATE_LIMIT_PER_MINUTE),
      cards: new RateLimiter(config.CARD_RATE_LIMIT_PER_MINUTE, Math.max(10, Math.ceil(config.CARD_RATE_LIMIT_PER_MINUTE / 3))),
      reports: new RateLimiter(config.REPORT_RATE_LIMIT_PER_HOUR / 60, Math.min(config.REPORT_RATE_LIMIT_PER_HOUR, 5)),
    },
    maintainerAccess,
    editing: new EditingHandler({ desk: () => editDesk, access: maintainerAccess, maintainers, reports, log, metrics, directory: () => current.directory }),
  });

  const server = restify.createServer({ name: 'mecc-signposting-bot', handleUncaughtExceptions: false });
  // Slow headers (slowloris) are cut off by Node itself; slow bodies by readJsonBody.
  server.server.headersTimeout = 10_000;
  server.server.requestTimeout = 60_000;

  const refuse = (res: Restify.Response, status: number, error: string) => {
    // The rest of an unread body is not wanted: close the connection rather than drain it.
    res.setHeader('connection', 'close');
    res.send(status, { error });
  };

  server.post('/api/messages', async (req, res) => {
    const requestId = randomUUID();
    // The cheap token check comes before a single byte of the body is read, so an
    // unauthenticated caller cannot make the server hold or inflate anything.
    if (!config.localDevelopment) {
      const tokenIssue = tokenProblem(req.headers.authorization);
      if (tokenIssue) return unauthenticated(res, requestId, tokenIssue, 'precheck');
    }
    const read = await readJsonBody(req, { maxBytes: MAX_BODY_BYTES, timeoutMs: bodyTimeoutMs });
    if (!read.ok) {
      metrics.count(`refused.${read.refusal.reason}`);
      log.warn({ event: 'body-refused', requestId, reason: read.refusal.reason }, 'refused a request body');
      refuse(res, read.refusal.status, read.refusal.error);
      if (read.refusal.status === 408) req.socket.destroy();
      return;
    }
    const body = read.body;
    const problem = describeActivityProblem(body);
    if (problem) {
      log.warn({ event: 'bad-request', requestId }, 'rejected a request that is not an activity');
      res.send(400, { error: problem });
      return;
    }
    const activity = validateAndFixActivity(body as Activity);
    let authResult: AuthenticateRequestResult;
    try {
      authResult = await auth.authenticateRequest(activity, String(req.headers.authorization ?? ''));
    } catch (error) {
      if (isNetworkFailure(error)) {
        // Microsoft's signing keys could not be fetched: not the caller's fault, and Teams retries a 503.
        metrics.count('token-check-unavailable');
        log.error({ event: 'token-check-unavailable', requestId, error: (error as Error).name }, 'could not fetch the signing keys to check a token');
        refuse(res, 503, 'The bot could not check the token just now; try again.');
        return;
      }
      // Every way a token can be wrong (signature, key, algorithm, audience, issuer, service
      // URL) is the caller's problem: a 401, logged and counted, never a 500 or a stack trace.
      return unauthenticated(res, requestId, 'The token is not valid for this bot.', (error as Error).name || 'invalid');
    }
    try {
      const invoke = await requestScope.run({ requestId }, () => adapter.processAuthenticated(authResult, activity, (context) => bot.run(context)));
      res.status(invoke?.status ?? 200);
      if (invoke?.body !== undefined) res.send(invoke.body);
      else res.end();
    } catch (error) {
      log.error({ event: 'process-error', requestId, error: (error as Error).name }, 'request failed');
      if (!res.headersSent) res.send(500, { error: 'The bot could not process this request.' });
    }
  });

  function unauthenticated(res: Restify.Response, requestId: string, error: string, check: string): void {
    metrics.count('refused.unauthenticated');
    log.warn({ event: 'unauthenticated', requestId, check }, 'rejected a request without a valid token');
    refuse(res, 401, error);
  }

  /** With credentials set, operational detail is for whoever holds the metrics token only. */
  const mayReadMetrics = (req: Restify.Request) => {
    if (config.localDevelopment) return true;
    if (!config.METRICS_TOKEN) return false;
    const given = Buffer.from(String(req.headers.authorization ?? ''));
    const expected = Buffer.from(`Bearer ${config.METRICS_TOKEN}`);
    return given.length === expected.length && timingSafeEqual(given, expected);
  };

  /** Published edits as this instance serves them: how many, and any a newer release of the files disagrees with. */
  const editsHealth = () => {
    const edited = editing.current;
    return {
      seq: edited?.overlay.seq ?? 0,
      editedRecords: edited?.overlay.records.size ?? 0,
      conflicts: edited?.overlay.conflicts.map((c) => ({ record: c.record, fields: c.fields.map((f) => f.field), ...(c.removed ? { removed: true } : {}) })) ?? [],
      unserved: edited?.unserved.map((u) => u.record) ?? [],
    };
  };

  servePublicTakeaway(server, { directory: () => current.directory, limiter: new RateLimiter(config.PUBLIC_PAGE_RATE_LIMIT_PER_MINUTE), log, metrics });

  server.get('/metrics', (req, res, next) => {
    if (!mayReadMetrics(req)) {
      res.send(config.METRICS_TOKEN ? 401 : 404, { error: config.METRICS_TOKEN ? 'Metrics need the metrics token.' : 'Metrics are off: set METRICS_TOKEN to read them.' });
      return next();
    }
    res.send(200, { ...metrics.snapshot(), directoryVersion: current.directory.version, ...(rejected ? { rejectedDirectory: rejected } : {}) });
    return next();
  });

  server.get('/healthz', (req, res, next) => {
    if (!mayReadMetrics(req)) {
      res.send(200, { status: 'ok' });
      return next();
    }
    res.send(200, {
      status: 'ok',
      directoryVersion: current.directory.version,
      topics: current.directory.topics.length,
      services: current.directory.services.length,
      edits: editsHealth(),
      ...(rejected ? { rejectedDirectory: rejected } : {}),
    });
    return next();
  });

  return {
    server,
    setDirectory,
    editing,
    loadDirectory: () => editing.load().directory,
    rejectDirectory(report) {
      rejected = report;
    },
    reports,
    activity,
    directory: () => current.directory,
    close: () =>
      new Promise((resolve) => {
        clearInterval(purgeTimer);
        clearInterval(pollTimer);
        clearInterval(recoverTimer);
        clearInterval(digestTimer);
        server.close(() => resolve());
        // Idle keep-alive connections would otherwise hold the server open.
        server.server.closeIdleConnections?.();
      }),
  };
}

export function listen(bot: BotServer, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    bot.server.once('error', reject);
    bot.server.listen(port, host, () => resolve((bot.server.address() as { port: number }).port));
  });
}

function isNetworkFailure(error: unknown): boolean {
  const e = error as { name?: string; code?: string; type?: string; cause?: { code?: string } };
  return e?.name === 'FetchError' || e?.type === 'system' || /^E(?:CONN|NOTFOUND|AI_AGAIN|TIMEDOUT|HOSTUNREACH|NETUNREACH)/.test(String(e?.code ?? e?.cause?.code ?? ''));
}
