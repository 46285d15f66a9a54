import type { Config } from '../../config/config.js';
import type { Logger } from '../../config/logger.js';
import type { Db } from '../../db/client.js';
import { recordWebhookDelivery } from '../../db/queries/webhook-deliveries.js';
import { advanceWebhookCursor, billingEventBySeq, findWebhookEndpoint, type StoredEvent, type WebhookEndpointRow } from '../../db/queries/webhook-endpoints.js';
import type { DeliverWebhookInput } from '../../workflows/activity-contract.js';
import { urlPolicyOf, type ResolveHost } from './check-webhook-url.js';
import { openSecret } from './secret-box.js';
import { sendWebhook } from './send-webhook.js';
import { signPayload } from './sign-payload.js';

// One delivery attempt of one event to one endpoint (the delivery activity; Temporal retries it on
// the endpoint's schedule). Every attempt is recorded. A 2xx moves the endpoint's cursor to the event;
// an attempt for an event the cursor has passed (the activity's completion was lost in a crash) is
// not sent again. The body is the envelope as stored in billing_events, the same JSON as on Kafka.

export interface DeliverDeps {
  db: Db; log: Pick<Logger, 'info' | 'warn'>; config: Pick<Config, 'env' | 'webhooks'>; resolve?: ResolveHost;
  failures?: { inc(labels: { kind: 'status' | 'error' }): void };
}

export class WebhookDeliveryError extends Error {
  override readonly name = 'WebhookDeliveryError';
}

/** The envelope JSON, with the fields in the order the outbox relay writes them to Kafka. */
export const envelopeJson = (e: StoredEvent): string =>
  JSON.stringify({ id: e.id, type: e.type, version: e.version, tenantId: e.tenantId, occurredAt: e.occurredAt.toISOString(), data: e.data });

/** The secrets that sign now: the current one, and the one before a rotation for its 24 hours. */
function signingSecrets(endpoint: WebhookEndpointRow, key: string, now: Date): string[] {
  const previous = endpoint.previousSecret && endpoint.previousSecretUntil && endpoint.previousSecretUntil > now ? [openSecret(endpoint.previousSecret, key)] : [];
  return [openSecret(endpoint.secret, key), ...previous];
}

export async function deliverWebhookEvent(deps: DeliverDeps, input: DeliverWebhookInput & { attempt: number }): Promise<{ outcome: 'delivered' | 'already_delivered' | 'endpoint_gone' }> {
  const endpoint = await findWebhookEndpoint(deps.db, input.endpointId);
  if (!endpoint || !endpoint.enabled) return { outcome: 'endpoint_gone' };
  if (!input.replay && endpoint.cursorSeq >= input.event.seq) return { outcome: 'already_delivered' };
  const event = await billingEventBySeq(deps.db, input.event.seq);
  if (!event) return { outcome: 'already_delivered' };
  const now = new Date();
  const body = envelopeJson(event);
  const headers = signPayload(signingSecrets(endpoint, deps.config.webhooks.secretsKey, now), event.id, now, body);
  const result = await sendWebhook({ url: endpoint.url, headers: { ...headers }, body, timeoutMs: deps.config.webhooks.timeoutMs, policy: urlPolicyOf(deps.config), resolve: deps.resolve });
  const delivered = result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;
  await recordWebhookDelivery(deps.db, {
    endpointId: endpoint.id, eventId: event.id, eventType: event.type, attempt: input.attempt, statusCode: result.statusCode,
    latencyMs: result.latencyMs, responseBody: result.body, error: result.error, delivered, replay: input.replay,
  });
  if (!delivered) {
    const reason = result.error ?? `HTTP ${result.statusCode}`;
    deps.failures?.inc({ kind: result.error === null ? 'status' : 'error' });
    deps.log.warn({ endpointId: endpoint.id, eventId: event.id, attempt: input.attempt, reason }, 'webhook delivery failed; retrying on the schedule');
    throw new WebhookDeliveryError(`webhook delivery failed: ${reason}`);
  }
  if (!input.replay) await advanceWebhookCursor(deps.db, endpoint.id, event.seq);
  return { outcome: 'delivered' };
}
