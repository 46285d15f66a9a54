import { TenureError } from '../../domain/errors.js';
import { planPriceFor } from '../../domain/plans/stripe-mapping.js';
import type { BillingInterval, Plan } from '../../domain/plans/types.js';

/** The plan's Stripe price for the interval; INTERVAL_NOT_AVAILABLE when the plan has none for it. */
export function requirePriceFor(plan: Plan, interval: BillingInterval): string {
  const price = planPriceFor(plan, interval);
  if (!price) {
    throw new TenureError('INTERVAL_NOT_AVAILABLE', `plan ${plan.id} has no ${interval === 'year' ? 'annual' : 'monthly'} Stripe price`, { planId: plan.id, interval });
  }
  return price;
}

/** A card checkout or plan change is refused for a manually invoiced plan: an admin assigns it. */
export function refuseManualInvoicing(plan: Plan): void {
  if (plan.manualInvoicing) {
    throw new TenureError('PLAN_INVOICED_MANUALLY', `plan ${plan.id} is invoiced manually: an admin assigns it (POST /admin/tenants/:id/plan)`, { planId: plan.id });
  }
}
