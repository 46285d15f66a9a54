// Read-only views of a TenantState: access, entitlements, search attributes. Pure functions of state.
import { applyOverrides, type EntitlementSource } from '../entitlements/resolve.js';
import type { Entitlement } from '../entitlements/entitlements.js';
import type { Access, SearchAttributes, TenantState } from './types.js';
import type { BillingInterval } from '../plans/types.js';

import { LIVE_STATUSES } from './values.js';

export { LIVE_STATUSES };

/** True for a Stripe subscription status that keeps the tenant on the subscribed plan. */
export function isLiveStatus(status: string): boolean {
  return LIVE_STATUSES.includes(status);
}

/** True when the tenant has a subscription that is currently in force. */
export function hasLiveSubscription(state: TenantState): boolean {
  return state.subscription !== null && isLiveStatus(state.subscription.status);
}

/** The access product backends enforce: the more restrictive of the admin and dunning sources. */
export function effectiveAccess(state: TenantState): Access {
  return accessOf(state.status, state.paymentStatus);
}

/** The billing interval of the tenant's subscription: a state from before annual billing, or without a subscription, reads as monthly. */
export function subscriptionInterval(state: TenantState): BillingInterval {
  return state.subscription?.interval ?? 'month';
}

/** The access rule itself, over the two blocking sources (also applied to projection rows). */
export function accessOf(status: string, paymentStatus: string): Access {
  if (status !== 'active' || paymentStatus === 'locked') return 'none';
  if (paymentStatus === 'restricted') return 'read_only';
  return 'full';
}

/** A warning to surface alongside full access (e.g. as a response header), or null. */
export function accessWarning(state: TenantState): 'payment_past_due' | null {
  return warningOf(effectiveAccess(state), state.paymentStatus);
}

/** The warning rule: full access while a payment is past due. */
export function warningOf(access: string, paymentStatus: string): 'payment_past_due' | null {
  return access === 'full' && paymentStatus === 'past_due' ? 'payment_past_due' : null;
}

/** The current plan's entitlements with the overrides in force at `now` laid over them, each with its source. */
export function effectiveEntitlements(state: TenantState, now: number): Record<string, { value: Entitlement; source: EntitlementSource }> {
  return applyOverrides(state.plan.entitlements, state.overrides, now);
}

/** The Temporal search attributes an operator filters on, as plain values. */
export function searchAttributesOf(state: TenantState): SearchAttributes {
  return {
    TenantId: state.tenantId,
    BillingPlan: state.plan.id,
    PaymentStatus: state.paymentStatus,
    TenantStatus: state.status,
    TrialEndsAt: state.trial?.endsAt ?? null,
  };
}
