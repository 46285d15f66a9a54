import type { Logger } from '../../config/logger.js';
import type { Db } from '../../db/client.js';
import { recordBillingEvents } from '../../db/queries/billing-events.js';
import { attemptsOf } from '../../db/queries/webhook-deliveries.js';
import { findWebhookEndpoint, updateWebhookEndpoint } from '../../db/queries/webhook-endpoints.js';
import { endpointDisabledEvent } from '../../domain/webhooks/disabled-event.js';

// The end of an endpoint's retry window: it is disabled (deliveries stop, its cursor stays at the
// event it could not take) and webhook_endpoint.disabled is recorded in the outbox, so Kafka, the
// other endpoints and the alert on billing_webhook_endpoints_disabled all hear of it.

export const DISABLED_BY_FAILURES = 'retry_window_exhausted';

export async function disableWebhookEndpoint(deps: { db: Db; log: Pick<Logger, 'warn'> }, input: { endpointId: string; eventId: string }): Promise<{ disabled: boolean }> {
  const endpoint = await findWebhookEndpoint(deps.db, input.endpointId);
  if (!endpoint) return { disabled: false };
  const history = await attemptsOf(deps.db, endpoint.id, input.eventId, false);
  const now = Date.now();
  await updateWebhookEndpoint(deps.db, endpoint.id, { enabled: false, disabledReason: DISABLED_BY_FAILURES, disabledAt: new Date(now) });
  await recordBillingEvents(deps.db, [endpointDisabledEvent({
    endpointId: endpoint.id, url: endpoint.url, eventId: input.eventId, attempts: history.attempts,
    failingSince: (history.firstAt ?? new Date(now)).getTime(), lastError: history.lastError,
  }, now)]);
  deps.log.warn({ endpointId: endpoint.id, eventId: input.eventId, attempts: history.attempts }, 'webhook endpoint disabled: its retry window ran out');
  return { disabled: true };
}
