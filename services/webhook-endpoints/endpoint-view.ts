import type { WebhookEndpointRow } from '../../db/queries/webhook-endpoints.js';

// What an endpoint looks like to an operator: never its secrets (see manage-endpoints.ts for the
// one-time reveal on create and rotate).

export interface WebhookEndpoint {
  id: string; url: string; events: string[]; description: string | null; enabled: boolean;
  disabledReason: string | null; disabledAt: string | null; createdAt: string; updatedAt: string;
  /** Until when the secret before the last rotation also signs (null: no rotation pending). */
  previousSecretExpiresAt: string | null;
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export function toWebhookEndpoint(row: WebhookEndpointRow, now = new Date()): WebhookEndpoint {
  const previousLive = row.previousSecretUntil !== null && row.previousSecretUntil > now;
  return {
    id: row.id, url: row.url, events: row.events, description: row.description, enabled: row.enabled,
    disabledReason: row.disabledReason, disabledAt: iso(row.disabledAt), createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString(),
    previousSecretExpiresAt: previousLive ? iso(row.previousSecretUntil) : null,
  };
}
