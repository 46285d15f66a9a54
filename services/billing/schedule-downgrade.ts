import type { TenantState } from '../../domain/lifecycle/index.js';
import { toPlanSnapshot } from '../../domain/plans/types.js';
import { changePlanUpdate } from '../../workflows/messages.js';
import { runLifecycleUpdate } from '../lifecycle/lifecycle-client.js';
import { readGaugeUsage } from '../usage/read-usage.js';
import { planChangeTarget, type PlanChangeDeps } from './plan-change-target.js';

/** Downgrade at period end; the workflow refuses it while gauge usage exceeds the target's limits. */
export async function scheduleDowngrade(deps: PlanChangeDeps, tenantId: string, planId: string): Promise<TenantState> {
  const { plan, state } = await planChangeTarget(deps, tenantId, planId);
  // Every gauge of the catalog: one the target plan does not grant has a limit of 0.
  const gaugeUsage = await readGaugeUsage(deps.redis, tenantId, state.usagePeriod.start, await deps.features.list());
  return runLifecycleUpdate(deps, tenantId, changePlanUpdate, [{ plan: toPlanSnapshot(plan), direction: 'downgrade', gaugeUsage }]);
}
