import { TenureError } from '../../../domain/errors.js';
import { FREE_PLAN_ID, TRIAL_PLAN_ID } from '../../../domain/plans/catalog.js';
import { findPlanSnapshots } from '../../../db/queries/plans.js';
import { findTenant, type TenantRow } from '../../../db/queries/tenants.js';
import type { AppDeps } from '../../deps.js';
import { startLifecycle } from '../../temporal/lifecycle-client.js';

export interface RegisterTenantInput { tenantId: string; name?: string | null; email?: string | null }

/** Registers a tenant: starts its lifecycle once; a repeat returns the existing tenant unchanged. */
export async function registerTenant(deps: AppDeps, input: RegisterTenantInput): Promise<{ tenant: TenantRow; created: boolean }> {
  const existing = await findTenant(deps.db, input.tenantId);
  if (existing) return { tenant: existing, created: false };
  const snapshots = await findPlanSnapshots(deps.db, [TRIAL_PLAN_ID, FREE_PLAN_ID]);
  const trialPlan = snapshots[TRIAL_PLAN_ID];
  const freePlan = snapshots[FREE_PLAN_ID];
  if (!trialPlan || !freePlan) throw new TenureError('PLAN_NOT_FOUND', `the catalog must contain the plans '${TRIAL_PLAN_ID}' and '${FREE_PLAN_ID}'`);
  const args = { tenantId: input.tenantId, name: input.name ?? null, email: input.email ?? null, config: deps.config.lifecycle, trialPlan, freePlan };
  await startLifecycle(deps.temporal, deps.config.temporal.taskQueue, args, { name: args.name, email: args.email });
  const tenant = await findTenant(deps.db, input.tenantId);
  if (!tenant) throw new TenureError('INTERNAL', `tenant ${input.tenantId} registered but its projection is missing`);
  deps.metrics.tenantsRegistered.inc();
  return { tenant, created: true };
}
