import type { TenantState } from '../../domain/lifecycle/index.js';
import type { BillingInterval } from '../../domain/plans/types.js';
import { changePlanUpdate } from '../../workflows/messages.js';
import { runLifecycleUpdate } from '../lifecycle/lifecycle-client.js';
import { readGaugeUsage } from '../usage/read-usage.js';
import { planChangeTarget, type PlanChangeDeps } from './plan-change-target.js';

/** Downgrade at period end, keeping the interval unless `interval` changes it; the workflow refuses it while gauge usage exceeds the target's limits. */
export async function scheduleDowngrade(deps: PlanChangeDeps, tenantId: string, planId: string, interval?: BillingInterval): Promise<TenantState> {
  const target = await planChangeTarget(deps, tenantId, planId, interval);
  // Every gauge of the catalog: one the target plan does not grant has a limit of 0.
  const gaugeUsage = await readGaugeUsage(deps.redis, tenantId, target.state.usagePeriod.start, await deps.features.list());
  return runLifecycleUpdate(deps, tenantId, changePlanUpdate, [{ plan: target.snapshot, direction: 'downgrade', gaugeUsage, interval: target.interval }]);
}
