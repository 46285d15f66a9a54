// How a subscription an admin assigns is collected (issue 13, item 4). Pure: the Stripe parameters
// follow from the plan and the tenant's trial.
import { DEFAULT_DAYS_UNTIL_DUE, type Plan } from './types.js';

export interface CollectionParams {
  collection_method: 'send_invoice' | 'charge_automatically';
  days_until_due?: number;
  payment_behavior?: 'default_incomplete';
}

/**
 * A manualInvoicing plan is invoiced (`send_invoice`, due in the plan's daysUntilDue, default 30);
 * any other plan charges the card on file, and waits for one (`default_incomplete`) when there is none.
 */
export function collectionParams(plan: Pick<Plan, 'manualInvoicing'> & Partial<Pick<Plan, 'daysUntilDue'>>): CollectionParams {
  if (plan.manualInvoicing) return { collection_method: 'send_invoice', days_until_due: plan.daysUntilDue ?? DEFAULT_DAYS_UNTIL_DUE };
  return { collection_method: 'charge_automatically', payment_behavior: 'default_incomplete' };
}

/**
 * When an assigned subscription starts billing, as Stripe's `trial_end` (epoch seconds): `period_end`
 * lets a running trial finish first; `now`, or a tenant without a trial still running, starts at once (null).
 */
export function assignedTrialEnd(effective: 'now' | 'period_end', trialEndsAt: number | null, now: number): number | null {
  if (effective === 'now' || trialEndsAt === null || trialEndsAt <= now) return null;
  return Math.floor(trialEndsAt / 1000);
}
