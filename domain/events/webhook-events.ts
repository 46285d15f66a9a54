// Payloads of the outbound webhooks' own events (emitted by the endpoint delivery workflow). They
// concern the platform rather than one tenant: their envelope's tenantId is PLATFORM_TENANT_ID.
import { count, epochMs, nullableText, objectSchema, text } from './json-schema.js';

/** The tenantId of events about the platform itself (a webhook endpoint), not one tenant. */
export const PLATFORM_TENANT_ID = '_platform';

export type WebhookEndpointDisabledData = {
  endpointId: string;
  url: string;
  /** The event whose delivery failed for the whole retry window. */
  eventId: string;
  attempts: number;
  failingSince: number;
  lastError: string | null;
};

export const webhookEndpointDisabledSchema = objectSchema<WebhookEndpointDisabledData>({
  endpointId: text('The endpoint (GET /admin/webhook-endpoints/{id})'),
  url: text('Its URL'),
  eventId: text('The event it failed to accept for the whole retry window (WEBHOOK_RETRY_WINDOW); it is delivered first once the endpoint is enabled again'),
  attempts: count('Delivery attempts made for that event'),
  failingSince: epochMs('When the first failed attempt was made'),
  lastError: nullableText("The last attempt's failure: an HTTP status or a network error"),
});
