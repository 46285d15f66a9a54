import type { TenantState } from '../../domain/lifecycle/index.js';
import { toPlanSnapshot } from '../../domain/plans/types.js';
import { countedFeatures } from '../../domain/usage/metrics.js';
import { changePlanUpdate } from '../../workflows/messages.js';
import { runLifecycleUpdate } from '../lifecycle/lifecycle-client.js';
import { readCounters } from '../usage/read-usage.js';
import { planChangeTarget, type PlanChangeDeps } from './plan-change-target.js';

/** Downgrade at period end; the workflow refuses it while gauge usage exceeds the target's limits. */
export async function scheduleDowngrade(deps: PlanChangeDeps, tenantId: string, planId: string): Promise<TenantState> {
  const { plan, state } = await planChangeTarget(deps, tenantId, planId);
  const catalog = await deps.features.list();
  const counters = await readCounters(deps.redis, tenantId, state.usagePeriod.start, catalog);
  // Every gauge of the catalog: one the target plan does not grant has a limit of 0.
  const gaugeUsage = Object.fromEntries(countedFeatures(catalog, 'gauge').map((f) => [f.key, counters[f.key] ?? 0]));
  return runLifecycleUpdate(deps, tenantId, changePlanUpdate, [{ plan: toPlanSnapshot(plan), direction: 'downgrade', gaugeUsage }]);
}
