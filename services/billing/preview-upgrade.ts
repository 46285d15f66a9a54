import { TenureError } from '../../domain/errors.js';
import type { BillingInterval } from '../../domain/plans/types.js';
import { planChangeTarget, type PlanChangeDeps } from './plan-change-target.js';
import { previewProration } from './proration-preview.js';

/** Shows what an upgrade would cost now, from Stripe's invoice preview with prorations. */
export async function previewUpgrade(deps: PlanChangeDeps, tenantId: string, planId: string, interval?: BillingInterval) {
  const { plan, state, priceId } = await planChangeTarget(deps, tenantId, planId, interval);
  if (plan.rank <= state.plan.rank) throw new TenureError('VALIDATION_FAILED', `plan ${plan.id} is not an upgrade from ${state.plan.id}`);
  const preview = await previewProration(deps, state, priceId);
  return { fromPlanId: state.plan.id, toPlanId: plan.id, ...preview };
}
