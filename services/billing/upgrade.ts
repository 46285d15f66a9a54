import type { TenantState } from '../../domain/lifecycle/index.js';
import { toPlanSnapshot } from '../../domain/plans/types.js';
import { changePlanUpdate } from '../../workflows/messages.js';
import { runLifecycleUpdate } from '../lifecycle/lifecycle-client.js';
import { planChangeTarget, type PlanChangeDeps } from './plan-change-target.js';

/** Upgrade now, with proration, through the workflow (which calls Stripe with its idempotency key). */
export async function upgrade(deps: PlanChangeDeps, tenantId: string, planId: string): Promise<TenantState> {
  const { plan } = await planChangeTarget(deps, tenantId, planId);
  return runLifecycleUpdate(deps, tenantId, changePlanUpdate, [{ plan: toPlanSnapshot(plan), direction: 'upgrade', gaugeUsage: {} }]);
}
