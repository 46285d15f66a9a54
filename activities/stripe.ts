import type { StripeCallDeps } from '../services/stripe/subscription-changes.js';
import * as changes from '../services/stripe/subscription-changes.js';
import type { ApplyCouponInput, CancelAtPeriodEndInput, CancelSubscriptionInput, ChangePriceInput, ReleaseScheduleInput, ScheduleChangeInput } from '../workflows/activity-contract.js';
import { toActivity } from './to-activity.js';

/** The Stripe calls of the tenant's own plan changes; each carries the workflow's idempotency key. */
export function stripeActivities(deps: StripeCallDeps) {
  return {
    stripeChangePrice: toActivity((input: ChangePriceInput) => changes.stripeChangePrice(deps, input)),
    stripeScheduleChange: toActivity((input: ScheduleChangeInput) => changes.stripeScheduleChange(deps, input)),
    stripeReleaseSchedule: toActivity((input: ReleaseScheduleInput) => changes.stripeReleaseSchedule(deps, input)),
    stripeSetCancelAtPeriodEnd: toActivity((input: CancelAtPeriodEndInput) => changes.stripeSetCancelAtPeriodEnd(deps, input)),
    stripeApplyCoupon: toActivity((input: ApplyCouponInput) => changes.stripeApplyCoupon(deps, input)),
    stripeCancelSubscription: toActivity((input: CancelSubscriptionInput) => changes.stripeCancelSubscription(deps, input)),
  };
}
