import { findStripeEvent } from '../../db/queries/stripe-events.js';
import { TenureError } from '../../domain/errors.js';
import type { RawStripeEvent } from '../../domain/stripe/normalize.js';
import { forwardStoredEvent, type WebhookDeps, type WebhookResult } from './receive-stripe-event.js';

/**
 * Re-forwards one event from the webhook inbox through the webhook's own path (tenant lookup,
 * normalize, signal), whatever its status: an orphan whose customer is now mapped, or an event an
 * operator wants applied again (the workflow ignores event ids it has applied). NOT_FOUND if unknown.
 */
export async function replayStoredEvent(deps: WebhookDeps, eventId: string): Promise<WebhookResult & { eventId: string; type: string; previousStatus: string }> {
  const row = await findStripeEvent(deps.db, eventId);
  if (!row) throw new TenureError('NOT_FOUND', `no stored Stripe event ${eventId}`);
  const result = await forwardStoredEvent(deps, row.payload as unknown as RawStripeEvent);
  return { ...result, eventId, type: row.type, previousStatus: row.status };
}
