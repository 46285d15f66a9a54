import type { StripeCallDeps } from '../services/stripe/subscription-changes.js';
import * as changes from '../services/stripe/subscription-changes.js';
import { stripeUpdateCustomer } from '../services/billing/update-customer.js';
import type { ApplyCouponInput, CancelAtPeriodEndInput, CancelSubscriptionInput, ChangePriceInput, ReleaseScheduleInput, ScheduleChangeInput, UpdateCustomerInput } from '../workflows/activity-contract.js';
import { toActivity } from './to-activity.js';
import type { ActivityDeps } from './deps.js';

/** The Stripe calls of the tenant's own changes; each carries the workflow's idempotency key. */
export function stripeActivities(base: Omit<StripeCallDeps, 'automaticTax'> & Pick<ActivityDeps, 'db' | 'log' | 'config'>) {
  const deps = { ...base, automaticTax: base.config?.stripe?.automaticTax === true };
  return {
    stripeChangePrice: toActivity((input: ChangePriceInput) => changes.stripeChangePrice(deps, input)),
    stripeScheduleChange: toActivity((input: ScheduleChangeInput) => changes.stripeScheduleChange(deps, input)),
    stripeReleaseSchedule: toActivity((input: ReleaseScheduleInput) => changes.stripeReleaseSchedule(deps, input)),
    stripeSetCancelAtPeriodEnd: toActivity((input: CancelAtPeriodEndInput) => changes.stripeSetCancelAtPeriodEnd(deps, input)),
    stripeApplyCoupon: toActivity((input: ApplyCouponInput) => changes.stripeApplyCoupon(deps, input)),
    stripeUpdateCustomer: toActivity((input: UpdateCustomerInput) => stripeUpdateCustomer(deps, input)),
    stripeCancelSubscription: toActivity((input: CancelSubscriptionInput) => changes.stripeCancelSubscription(deps, input)),
  };
}
