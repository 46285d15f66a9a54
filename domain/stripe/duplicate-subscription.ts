import { billingEvent, type BillingEvent } from '../events.js';
import { isLiveStatus } from '../lifecycle/access.js';
import type { NormalizedStripeEvent } from '../lifecycle/types.js';

// A second subscription for a tenant that already has a live one (two checkout sessions that both
// completed, or one made outside Tenure) would bill twice. The webhook use case cancels it at once
// and reports it, and the lifecycle never switches to it.

/** The tenant's current subscription as the projection has it. */
export interface CurrentSubscription { id: string | null; status: string | null }

/** The id of the live subscription this event brings that duplicates the tenant's live one, or null. */
export function duplicateSubscriptionOf(current: CurrentSubscription, event: NormalizedStripeEvent): string | null {
  const incoming = 'subscription' in event ? event.subscription : undefined;
  if (!incoming || current.id === null || current.status === null) return null;
  if (incoming.id === current.id || !isLiveStatus(current.status) || !isLiveStatus(incoming.status)) return null;
  return incoming.id;
}

/** The report of a cancelled duplicate; one per duplicate subscription, whatever the event that found it. */
export function duplicateCancelledEvent(tenantId: string, duplicateId: string, keptId: string, planId: string | null, at: number): BillingEvent {
  return billingEvent(tenantId, 'subscription.duplicate_cancelled', duplicateId, at, { subscriptionId: duplicateId, keptSubscriptionId: keptId, planId });
}
