// The tenant's own subscription changes (Temporal updates). Each assumes validate() accepted it; the
// Stripe call has already been made by the caller, which may hand over the resulting snapshot.
import { hasLiveSubscription } from './access.js';
import { dropPendingChange, endTrial, switchPlan } from './plan-switch.js';
import { emit, patch, type Step } from './step.js';
import { applySubscriptionSnapshot, updateCurrentSubscription } from './subscription-sync.js';
import { localVersion } from './subscription-store.js';
import type { LifecycleInput } from './types.js';

type ChangePlanInput = Extract<LifecycleInput, { kind: 'changePlan' }>;

/**
 * Upgrade: takes effect once paid. Stripe accepted and paid it: now, ending a running trial and
 * superseding a scheduled downgrade. Stripe holds it pending payment: nothing changes here; the
 * subscription webhook after the payment carries the new price, and following it switches the plan.
 */
function upgrade(step: Step, input: ChangePlanInput): void {
  const { plan, subscription } = input;
  if (input.paymentPending) return;
  endTrial(step);
  switchPlan(step, plan);
  if (subscription !== undefined) {
    const snapshot = { ...subscription, plan: subscription.plan ?? plan };
    applySubscriptionSnapshot(step, snapshot, localVersion(step, subscription.id), true);
  } else if (hasLiveSubscription(step.state)) {
    updateCurrentSubscription(step, { plan, planId: plan.id, priceId: plan.stripePriceId, ...(input.interval ? { interval: input.interval } : {}) });
  }
}

/** Downgrade: scheduled for the end of the current billing period (the snapshot may refresh it). */
function scheduleDowngrade(step: Step, input: ChangePlanInput): void {
  const current = step.state.subscription;
  if (current === null) return;
  const effectiveAt = input.subscription?.currentPeriodEnd ?? current.currentPeriodEnd;
  const schedule = input.stripeScheduleId ? { stripeScheduleId: input.stripeScheduleId } : {};
  patch(step, { pendingChange: { plan: input.plan, effectiveAt, kind: 'downgrade', ...schedule } });
  emit(step, 'subscription.downgrade_scheduled', { fromPlanId: step.state.plan.id, toPlanId: input.plan.id, effectiveAt, subscriptionId: current.id });
}

/** Applies a validated plan change. */
export function changePlan(step: Step, input: ChangePlanInput): void {
  if (input.direction === 'upgrade') upgrade(step, input);
  else scheduleDowngrade(step, input);
}

/** Cancels at period end with a reason; a scheduled downgrade is dropped (cancellation wins). */
export function cancelSubscription(step: Step, reason: string | null): void {
  updateCurrentSubscription(step, { cancelAtPeriodEnd: true, cancelReason: reason, canceledAt: step.now });
}

/** Undoes a cancellation before the period ends. */
export function reactivateSubscription(step: Step): void {
  updateCurrentSubscription(step, { cancelAtPeriodEnd: false, cancelReason: null, canceledAt: null });
}

/** Drops the scheduled downgrade at the tenant's request. */
export function cancelPendingChange(step: Step): void {
  dropPendingChange(step, 'requested');
}
