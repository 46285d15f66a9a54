import type { TenantState } from '../../domain/lifecycle/index.js';
import type { BillingInterval } from '../../domain/plans/types.js';
import { changePlanUpdate } from '../../workflows/messages.js';
import { runLifecycleUpdate } from '../lifecycle/lifecycle-client.js';
import { planChangeTarget, type PlanChangeDeps } from './plan-change-target.js';

/** Upgrade now, with proration, through the workflow (which calls Stripe with its idempotency key); the interval stays unless `interval` changes it. */
export async function upgrade(deps: PlanChangeDeps, tenantId: string, planId: string, interval?: BillingInterval): Promise<TenantState> {
  const target = await planChangeTarget(deps, tenantId, planId, interval);
  return runLifecycleUpdate(deps, tenantId, changePlanUpdate, [{ plan: target.snapshot, direction: 'upgrade', gaugeUsage: {}, interval: target.interval }]);
}
