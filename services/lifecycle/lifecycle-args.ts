import { TenureError } from '../../domain/errors.js';
import { FREE_PLAN_ID, TRIAL_PLAN_ID } from '../../domain/plans/catalog.js';
import { findPlanSnapshots } from '../../db/queries/plans.js';
import type { TenantLifecycleArgs } from '../../workflows/messages.js';
import type { ServiceDeps } from '../deps.js';

/** The arguments a tenant's lifecycle starts with: the trial and free plans, and the configured durations. */
export async function lifecycleArgs(deps: Pick<ServiceDeps, 'db' | 'config'>, tenantId: string, name: string | null, email: string | null): Promise<TenantLifecycleArgs> {
  const snapshots = await findPlanSnapshots(deps.db, [TRIAL_PLAN_ID, FREE_PLAN_ID]);
  const trialPlan = snapshots[TRIAL_PLAN_ID];
  const freePlan = snapshots[FREE_PLAN_ID];
  if (!trialPlan || !freePlan) throw new TenureError('PLAN_NOT_FOUND', `the catalog must contain the plans '${TRIAL_PLAN_ID}' (trials) and '${FREE_PLAN_ID}' (the fallback): an operator must define the plans '${TRIAL_PLAN_ID}' and '${FREE_PLAN_ID}' (POST /admin/plans, or a Stripe product synced with tenure_plan_id), see docs/plans.md`);
  return { tenantId, name, email, config: deps.config.lifecycle, trialPlan, freePlan };
}
