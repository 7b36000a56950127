import { randomUUID } from 'node:crypto';
import {
  ConfigurationBotFrameworkAuthentication, ConversationState, MemoryStorage, type Storage,
  UserState, type TurnContext,
} from 'botbuilder';
import { ComposeSearch } from '../chat/compose-search';
import { ReportStore } from '../reports/store';
import { MaintainersChannel } from './maintainers-channel';
import { restify, type RestifyServer } from './restify';
import { CachingBotFrameworkAuthentication } from './caching-auth';
import { Metrics } from './metrics';
import { RetryingCloudAdapter, type RetryPolicy } from './retrying-adapter';
import { RateLimiter } from './rate-limit';
import { tokenProblem } from './token-precheck';
import { Conversation } from '../chat/respond';
import { noticeCard } from '../cards/notice';
import type { Directory } from '../directory/load';
import { Signposter } from '../search/answer';
import { describeActivityProblem } from './activity';
import type { Config } from './config';
import { type Logger, requestScope } from './logger';
import { cardActivity, SignpostBot } from './signpost-bot';

export interface BotServer {
  server: RestifyServer;
  /** Swap in a new directory (e.g. after an edit); conversations carry on. */
  setDirectory(directory: Directory): void;
  /** Record a directory change that failed validation; the last good one keeps serving. */
  rejectDirectory(report: RejectedDirectory): void;
  reports: ReportStore;
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
  /** How outgoing sends back off when Teams throttles (tests shorten the waits). */
  retry?: RetryPolicy;
}

/** What /healthz says about the last directory change that was refused. */
export interface RejectedDirectory {
  version: string;
  at: string;
  problems: string[];
}

const MAX_BODY_BYTES = 256 * 1024;

export function createBotServer({ config, directory, log, storage = new MemoryStorage(), reportStorage = storage, retry }: ServerOptions): BotServer {
  const build = (d: Directory) => {
    const signposter = new Signposter(d);
    return { directory: d, conversation: new Conversation(signposter), compose: new ComposeSearch(signposter) };
  };
  let current = build(directory);

  const auth = new CachingBotFrameworkAuthentication(
    new ConfigurationBotFrameworkAuthentication({
      MicrosoftAppId: config.MicrosoftAppId,
      MicrosoftAppPassword: config.MicrosoftAppPassword,
      MicrosoftAppType: config.MicrosoftAppType,
      MicrosoftAppTenantId: config.MicrosoftAppTenantId,
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

  const reports = new ReportStore(reportStorage);
  const maintainers = new MaintainersChannel(reports, reportStorage, adapter, config.MicrosoftAppId ?? '', () => current.directory, log);
  const metrics = new Metrics();
  adapter.onRetry = (status) => {
    metrics.count(`retries.${status}`);
    log.warn({ event: 'send-retry', status }, 'Teams asked us to slow down; retrying');
  };
  const bot = new SignpostBot({
    conversation: () => current.conversation,
    composeSearch: () => current.compose,
    userState: new UserState(storage),
    conversationState: new ConversationState(storage),
    log,
    metrics,
    maintainers,
    allowedTenants: config.ALLOWED_TENANTS,
    rateLimiter: new RateLimiter(config.RATE_LIMIT_PER_MINUTE),
  });
  let rejected: RejectedDirectory | undefined;

  const server = restify.createServer({ name: 'mecc-signposting-bot', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false, rejectUnknown: false }));

  server.post('/api/messages', async (req, res) => {
    const requestId = randomUUID();
    const body = req.body;
    const problem = describeActivityProblem(typeof body === 'string' || Buffer.isBuffer(body) ? undefined : body);
    if (!config.localDevelopment) {
      const tokenIssue = tokenProblem(req.headers.authorization);
      if (tokenIssue) {
        metrics.count('refused.unauthenticated');
        log.warn({ event: 'unauthenticated', requestId }, 'rejected a request without a valid token');
        res.send(401, { error: tokenIssue });
        return;
      }
    }
    if (problem) {
      log.warn({ event: 'bad-request', requestId }, 'rejected a request that is not an activity');
      res.send(400, { error: problem });
      return;
    }
    try {
      await requestScope.run({ requestId }, () => adapter.process(req, res, (context) => bot.run(context)));
    } catch (error) {
      log.error({ event: 'process-error', requestId, error: (error as Error).name }, 'request failed');
      if (!res.headersSent) res.send(500, { error: 'The bot could not process this request.' });
    }
  });

  server.get('/metrics', (_req, res, next) => {
    res.send(200, metrics.snapshot());
    return next();
  });

  server.get('/healthz', (_req, res, next) => {
    res.send(200, {
      status: 'ok',
      directoryVersion: current.directory.version,
      topics: current.directory.topics.length,
      services: current.directory.services.length,
      ...(rejected ? { rejectedDirectory: rejected } : {}),
    });
    return next();
  });

  return {
    server,
    setDirectory(next) {
      current = build(next);
      rejected = undefined;
    },
    rejectDirectory(report) {
      rejected = report;
    },
    reports,
    directory: () => current.directory,
    close: () =>
      new Promise((resolve) => {
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
