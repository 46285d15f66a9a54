import { TenureError } from '../../domain/errors.js';
import { hasLiveSubscription, subscriptionInterval, type TenantState } from '../../domain/lifecycle/index.js';
import { toPlanSnapshot, type BillingInterval, type Plan, type PlanSnapshot } from '../../domain/plans/types.js';
import type { ServiceDeps } from '../deps.js';
import { requireLifecycleState } from '../lifecycle/lifecycle-client.js';
import { findPlanForTenant } from '../plans/plan-catalog.js';
import { refuseManualInvoicing, requirePriceFor } from './interval-price.js';

export type PlanChangeDeps = Pick<ServiceDeps, 'db' | 'redis' | 'temporal' | 'config' | 'stripe' | 'log' | 'features'>;

export interface PlanChangeTarget {
  plan: Plan;
  state: TenantState;
  /** The interval the change bills at: the one asked for, else the subscription's own. */
  interval: BillingInterval;
  /** The plan's Stripe price for that interval. */
  priceId: string;
  /** The snapshot the workflow gets: its Stripe price is the one for `interval`. */
  snapshot: PlanSnapshot;
}

/**
 * The plan the tenant asks for, its current lifecycle and the price to move to, refusing tenants without
 * a live subscription. The subscription keeps its billing interval unless `interval` asks for another.
 */
export async function planChangeTarget(deps: PlanChangeDeps, tenantId: string, planId: string, interval?: BillingInterval): Promise<PlanChangeTarget> {
  const plan = await findPlanForTenant(deps, planId, tenantId);
  if (!plan) throw new TenureError('PLAN_NOT_FOUND', `plan ${planId} not found`);
  const state = await requireLifecycleState(deps, tenantId);
  if (!hasLiveSubscription(state)) {
    throw new TenureError('NO_SUBSCRIPTION', 'the tenant has no paid subscription: start one through checkout');
  }
  refuseManualInvoicing(plan);
  if (!plan.stripePriceId) throw new TenureError('VALIDATION_FAILED', `plan ${plan.id} has no Stripe price and cannot be subscribed to online`);
  const target = interval ?? subscriptionInterval(state);
  const priceId = requirePriceFor(plan, target);
  return { plan, state, interval: target, priceId, snapshot: { ...toPlanSnapshot(plan), stripePriceId: priceId } };
}
