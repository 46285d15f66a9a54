import pino, { type Logger } from 'pino';

// Structured logs for every process. Secrets are redacted by path so they never reach a sink.
export const REDACT_PATHS = [
  'req.headers.authorization', 'req.headers.cookie', 'req.headers["stripe-signature"]', 'headers.authorization',
  'password', '*.password', 'secret', '*.secret', 'secretKey', '*.secretKey', 'webhookSecret', '*.webhookSecret',
  'jwtSecret', '*.jwtSecret', 'token', '*.token', 'apiKey', '*.apiKey', 'client_secret', '*.client_secret',
  'smtpUrl', '*.smtpUrl',
];

/** Creates the process logger; `destination` lets tests capture output. */
export function createLogger(opts: { level: string; name?: string }, destination?: pino.DestinationStream): Logger {
  return pino({ level: opts.level, name: opts.name ?? 'tenure', redact: { paths: REDACT_PATHS, censor: '[redacted]' } }, destination);
}
export type { Logger };
