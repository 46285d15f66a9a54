// Drift repair (issue 17, item 5): what differs between the subscription a tenant's lifecycle holds
// and Stripe's current object, and the synthetic event that feeds Stripe's object to the lifecycle as
// an ordinary input, so the reducer's rules decide. Pure.
import type { SubscriptionSnapshot, SubscriptionState } from '../lifecycle/types.js';
import type { RawStripeEvent } from './normalize.js';

/** The fields compared: what a missed webhook would have changed. */
export const DRIFT_FIELDS = ['status', 'planId', 'priceId', 'cancelAtPeriodEnd', 'currentPeriodEnd'] as const;
export type DriftField = (typeof DRIFT_FIELDS)[number];

export interface FieldDrift { field: DriftField; tenure: string | number | boolean | null; stripe: string | number | boolean | null }

/**
 * The fields where Stripe's snapshot differs from the lifecycle's subscription (none: they agree).
 * A plan Tenure cannot resolve from Stripe's price (null) is not a difference of plan: the price is.
 */
export function subscriptionDrift(tenure: SubscriptionState | null, stripe: SubscriptionSnapshot): FieldDrift[] {
  return DRIFT_FIELDS.flatMap((field): FieldDrift[] => {
    const mine = tenure?.[field] ?? null;
    const theirs = stripe[field] ?? null;
    if (field === 'planId' && theirs === null) return [];
    return mine === theirs ? [] : [{ field, tenure: mine, stripe: theirs }];
  });
}

/** A short, stable digest of what Stripe says (the same drift, found again, is the same event). */
function digest(fields: FieldDrift[]): string {
  let h = 2166136261;
  for (const ch of JSON.stringify(fields.map((f) => [f.field, f.stripe]))) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  return h.toString(36);
}

/** The id of the event that repairs this drift: the subscription and what drifted, so a repeat is applied once. */
export function reconcileEventId(subscriptionId: string, drift: FieldDrift[]): string {
  return `reconcile_${subscriptionId}_${digest(drift)}`;
}

/**
 * The webhook a missed delivery would have been: `customer.subscription.deleted` for a canceled
 * subscription, `.updated` otherwise, with Stripe's current object, dated `nowMs` (it is the newest
 * snapshot there is, so the reducer's ordering by `created` lets it win over what the lifecycle holds).
 */
export function reconcileEvent(subscription: Record<string, unknown> & { id: string }, nowMs: number, id: string): RawStripeEvent {
  const type = subscription.status === 'canceled' ? 'customer.subscription.deleted' : 'customer.subscription.updated';
  return { id, type, created: Math.floor(nowMs / 1000), data: { object: subscription } };
}
