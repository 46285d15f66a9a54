import type { StripeCallDeps } from '../services/stripe/subscription-changes.js';
import * as changes from '../services/stripe/subscription-changes.js';
import { toActivity } from './to-activity.js';

/** The Stripe calls of the tenant's own plan changes; each carries the workflow's idempotency key. */
export function stripeActivities(deps: StripeCallDeps) {
  return {
    stripeChangePrice: toActivity((input: changes.ChangePriceInput) => changes.stripeChangePrice(deps, input)),
    stripeScheduleChange: toActivity((input: changes.ScheduleChangeInput) => changes.stripeScheduleChange(deps, input)),
    stripeReleaseSchedule: toActivity((input: changes.ReleaseScheduleInput) => changes.stripeReleaseSchedule(deps, input)),
    stripeSetCancelAtPeriodEnd: toActivity((input: changes.CancelAtPeriodEndInput) => changes.stripeSetCancelAtPeriodEnd(deps, input)),
    stripeApplyCoupon: toActivity((input: changes.ApplyCouponInput) => changes.stripeApplyCoupon(deps, input)),
  };
}
