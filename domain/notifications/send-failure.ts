// What a failed SMTP send means for the at-most-once rule (docs/notifications.md):
// - retry: the server certainly did not take the message (never connected, failed before MAIL FROM
//   (TLS, authentication), or answered 4xx),
//   so the claim is released and the send tried again later;
// - rejected: it answered 5xx, a permanent refusal: recorded as failed, never retried;
// - unknown: the connection broke at a point where the message may have been taken: recorded as
//   failed, never retried, since a retry could send it twice.

export type SendFailureKind = 'retry' | 'rejected' | 'unknown';

/** The fields of a nodemailer error (or any error) this decision reads. */
export interface SendFailure { code?: unknown; responseCode?: unknown; timeoutType?: unknown; originalCode?: unknown; errno?: unknown }

// Failures of connection set-up: DNS, TLS, authentication, all before MAIL FROM.
const BEFORE_ENVELOPE = new Set(['EDNS', 'ETLS', 'EAUTH', 'ENOAUTH', 'EOAUTH2', 'EPROXY']);
// Socket errors that mean no connection was ever made.
const NEVER_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const SETUP_TIMEOUTS = new Set(['CONNECT_TIMEOUT', 'GREETING_TIMEOUT', 'UPGRADE_TIMEOUT']);

/** Classifies a send error: retry, rejected or unknown (see above). */
export function classifySendFailure(err: SendFailure): SendFailureKind {
  // Even a 5xx to AUTH (bad credentials) sent nothing: once the operator fixes them, the mail goes.
  if (typeof err.code === 'string' && BEFORE_ENVELOPE.has(err.code)) return 'retry';
  if (typeof err.responseCode === 'number') {
    if (err.responseCode >= 400 && err.responseCode < 500) return 'retry';
    if (err.responseCode >= 500 && err.responseCode < 600) return 'rejected';
  }
  if (err.code === 'ETIMEDOUT' && typeof err.timeoutType === 'string' && SETUP_TIMEOUTS.has(err.timeoutType)) return 'retry';
  for (const code of [err.originalCode, err.errno, err.code]) if (typeof code === 'string' && NEVER_CONNECTED.has(code)) return 'retry';
  return 'unknown';
}
