import { TenureError } from '../../domain/errors.js';
import { hasLiveSubscription, type TenantState } from '../../domain/lifecycle/index.js';
import type { Plan } from '../../domain/plans/types.js';
import type { ServiceDeps } from '../deps.js';
import { requireLifecycleState } from '../lifecycle/lifecycle-client.js';
import { findPlanForTenant } from '../plans/plan-catalog.js';

export type PlanChangeDeps = Pick<ServiceDeps, 'db' | 'redis' | 'temporal' | 'config' | 'stripe' | 'log' | 'features'>;

/** The plan the tenant asks for, and its current lifecycle, refusing tenants without a live subscription. */
export async function planChangeTarget(deps: PlanChangeDeps, tenantId: string, planId: string): Promise<{ plan: Plan; state: TenantState }> {
  const plan = await findPlanForTenant(deps, planId, tenantId);
  if (!plan) throw new TenureError('PLAN_NOT_FOUND', `plan ${planId} not found`);
  const state = await requireLifecycleState(deps, tenantId);
  if (!hasLiveSubscription(state)) {
    throw new TenureError('NO_SUBSCRIPTION', 'the tenant has no paid subscription: start one through checkout');
  }
  if (!plan.stripePriceId) throw new TenureError('VALIDATION_FAILED', `plan ${plan.id} has no Stripe price and cannot be subscribed to online`);
  return { plan, state };
}
