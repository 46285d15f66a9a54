// The event an endpoint's delivery workflow records when its retry window runs out.
import { billingEvent, PLATFORM_TENANT_ID, type BillingEvent, type WebhookEndpointDisabledData } from '../events.js';

/** Builds webhook_endpoint.disabled; its id names the attempt count, so a retried record is the same event and a later failure is a new one. */
export function endpointDisabledEvent(data: WebhookEndpointDisabledData, atMs: number): BillingEvent<'webhook_endpoint.disabled'> {
  return billingEvent(PLATFORM_TENANT_ID, 'webhook_endpoint.disabled', `${data.endpointId}:${data.eventId}:${data.attempts}`, atMs, data);
}
