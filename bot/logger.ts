import { AsyncLocalStorage } from 'node:async_hooks';
import pino from 'pino';

/** The request being handled, so every log line written for it carries its id. */
export const requestScope = new AsyncLocalStorage<{ requestId: string }>();

/**
 * Structured logs. Staff may type patient details, so nothing here ever receives message
 * text, names or card input values: only ids, counts, categories and timings.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): pino.Logger {
  return pino(
    {
      level,
      base: { service: 'mecc-bot' },
      mixin: () => {
        const scope = requestScope.getStore();
        return scope ? { requestId: scope.requestId } : {};
      },
      redact: { paths: ['text', '*.text', 'value', '*.value'], remove: true },
    },
    destination,
  );
}

export type Logger = pino.Logger;
