import pino from 'pino';

/**
 * Structured logs. Staff may type patient details, so nothing here ever receives message
 * text, names or card input values: only ids, counts, categories and timings.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): pino.Logger {
  return pino({ level, base: { service: 'mecc-bot' }, redact: { paths: ['text', '*.text', 'value', '*.value'], remove: true } }, destination);
}

export type Logger = pino.Logger;
