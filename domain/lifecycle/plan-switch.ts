// The few moves every path that changes a tenant's plan shares: ending the trial, switching the
// plan, and dropping a scheduled downgrade.
import type { DowngradeCancelReason } from '../events.js';
import type { PlanSnapshot } from '../plans/types.js';
import { emit, enforce, patch, type Step } from './step.js';

/** Ends a running trial now (a subscription or upgrade supersedes it); returns whether one ran. */
export function endTrial(step: Step): boolean {
  if (step.state.trial === null) return false;
  patch(step, { trial: null, trialEndedAt: step.now });
  enforce(step);
  return true;
}

/** Drops the scheduled downgrade, publishing why unless it is the change being applied. */
export function dropPendingChange(step: Step, reason: DowngradeCancelReason, appliedPlanId: string | null = null): void {
  const pending = step.state.pendingChange;
  if (pending === null) return;
  patch(step, { pendingChange: null });
  if (pending.plan.id !== appliedPlanId) {
    emit(step, 'subscription.downgrade_cancelled', { planId: pending.plan.id, effectiveAt: pending.effectiveAt, reason });
  }
}

/**
 * Puts the tenant on `plan`. Publishes subscription.upgraded/downgraded by rank unless `quiet`
 * (when another event, such as subscription.created, already tells the story).
 */
export function switchPlan(step: Step, plan: PlanSnapshot, quiet = false): void {
  const from = step.state.plan;
  if (from.id === plan.id) return;
  patch(step, { plan });
  enforce(step);
  if (!quiet) {
    const type = plan.rank >= from.rank ? 'subscription.upgraded' : 'subscription.downgraded';
    emit(step, type, { fromPlanId: from.id, toPlanId: plan.id, subscriptionId: step.state.subscription?.id ?? null });
  }
  dropPendingChange(step, 'plan_changed', plan.id);
}
