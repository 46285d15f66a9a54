import { Webhook } from 'standardwebhooks';

// Standard Webhooks signing through the spec's reference package (never a hand-rolled HMAC).

export interface SignedHeaders { 'webhook-id': string; 'webhook-timestamp': string; 'webhook-signature': string }

/** The three headers for `payload`, signed by every secret given (the current one first; a rotated one second). */
export function signPayload(secrets: string[], msgId: string, at: Date, payload: string): SignedHeaders {
  const signatures = secrets.map((secret) => new Webhook(secret).sign(msgId, at, payload));
  return { 'webhook-id': msgId, 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': signatures.join(' ') };
}
