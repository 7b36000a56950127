/**
 * The baseline for the chat-turn benchmark: a bare botbuilder CloudAdapter + restify echo
 * bot, built the same way as bot/server.ts (same authentication set-up with no app
 * credentials, same body parser and limits, POST /api/messages, GET /healthz), with no
 * state, search or cards. What our bot costs per turn is what it adds to this.
 */
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import * as restify from 'restify';

export interface EchoServer {
  server: restify.Server;
  close(): Promise<void>;
}

class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity(`Echo: ${context.activity.text ?? ''}`);
      await next();
    });
  }
}

export function createEchoServer(): EchoServer {
  const auth = new ConfigurationBotFrameworkAuthentication({});
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context: TurnContext) => {
    await context.sendActivity('The echo bot failed.');
  };
  const bot = new EchoBot();
  const server = restify.createServer({ name: 'echo-bot', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: 256 * 1024, mapParams: false, rejectUnknown: false }));
  server.post('/api/messages', async (req, res) => {
    try {
      await adapter.process(req, res, (context) => bot.run(context));
    } catch {
      if (!res.headersSent) res.send(500, { error: 'The echo bot could not process this request.' });
    }
  });
  server.get('/healthz', (_req, res, next) => {
    res.send(200, { status: 'ok' });
    return next();
  });
  return {
    server,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.server.closeIdleConnections?.();
      }),
  };
}

export function listenEcho(echo: EchoServer, port: number, host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    echo.server.once('error', reject);
    echo.server.listen(port, host, () => resolve((echo.server.address() as { port: number }).port));
  });
}
