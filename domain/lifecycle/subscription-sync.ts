// Follows the current subscription: whenever the chosen snapshot changes, move the tenant's plan,
// trial, pending change and usage period to match, and publish what happened.
import { isLiveStatus } from './access.js';
import { billingUsagePeriod } from './periods.js';
import { dropPendingChange, endTrial, switchPlan } from './plan-switch.js';
import { emit, enforce, patch, resetUsage, type Step } from './step.js';
import { chooseSubscription, localVersion, projectSubscription, storeSubscription } from './subscription-store.js';
import type { ObjectVersion, StoredSubscription, SubscriptionSnapshot, SubscriptionState } from './types.js';

// Over the stored state's keys (a state from an older shape compares as it always did), plus the
// interval, which a state from before annual billing lacks and a newer snapshot brings.
function sameSubscription(a: SubscriptionState, b: SubscriptionState): boolean {
  return (Object.keys(a) as (keyof SubscriptionState)[]).every((k) => a[k] === b[k]) && a.interval === b.interval;
}

/** Moves the usage period onto the billing cycle; a later start closes the running period early. */
function alignUsagePeriod(step: Step, sub: StoredSubscription, isNew: boolean): void {
  const billing = { start: sub.currentPeriodStart, end: sub.currentPeriodEnd };
  if (isNew && step.state.usageAnchor !== billing.start) patch(step, { usageAnchor: billing.start });
  const target = billingUsagePeriod(billing, step.now);
  const current = step.state.usagePeriod;
  if (target.start > current.start) {
    resetUsage(step, { start: current.start, end: target.start }, target);
    patch(step, { usagePeriod: target });
    enforce(step);
  } else if (target.end !== current.end) {
    patch(step, { usagePeriod: { start: current.start, end: target.end } });
  }
}

function followCancelFlag(step: Step, sub: StoredSubscription, wasCancelling: boolean): void {
  if (sub.cancelAtPeriodEnd && !wasCancelling) {
    emit(step, 'subscription.cancelled', { subscriptionId: sub.id, reason: sub.cancelReason, cancelAt: sub.currentPeriodEnd });
    dropPendingChange(step, 'subscription_cancelled');
  } else if (!sub.cancelAtPeriodEnd && wasCancelling) {
    emit(step, 'subscription.reactivated', { subscriptionId: sub.id, planId: sub.planId });
  }
}

function followLive(step: Step, sub: StoredSubscription, previous: SubscriptionState | null): void {
  if (sub.plan === null) return; // unresolved price: keep the tenant as it is until a resolvable snapshot
  endTrial(step);
  if (previous === null) {
    emit(step, 'subscription.created', { subscriptionId: sub.id, planId: sub.plan.id, status: sub.status });
    switchPlan(step, sub.plan, true);
  } else {
    switchPlan(step, sub.plan);
  }
  alignUsagePeriod(step, sub, previous === null);
  followCancelFlag(step, sub, previous?.cancelAtPeriodEnd ?? false);
}

function followEnded(step: Step, sub: StoredSubscription): void {
  emit(step, 'subscription.ended', { subscriptionId: sub.id, status: sub.status, fromPlanId: step.state.plan.id, toPlanId: step.state.freePlan.id });
  endTrial(step);
  dropPendingChange(step, 'subscription_ended');
  switchPlan(step, step.state.freePlan, true);
  // Usage periods go back to the creation anchor from the next boundary on (no mid-period reset).
  if (step.state.usageAnchor !== step.state.createdAt) patch(step, { usageAnchor: step.state.createdAt });
}

/** Re-derives TenantState.subscription from the stored snapshots and follows any change. */
export function syncSubscription(step: Step): void {
  const chosen = chooseSubscription(step.state);
  const previous = step.state.subscription;
  if (chosen === null) return;
  const next = projectSubscription(chosen);
  if (previous !== null && sameSubscription(previous, next)) return;
  patch(step, { subscription: next });
  const sameId = previous?.id === next.id;
  const wasLive = previous !== null && isLiveStatus(previous.status);
  if (isLiveStatus(next.status)) {
    followLive(step, chosen, sameId && wasLive ? previous : null);
  } else if (wasLive || (next.status === 'canceled' && !(sameId && previous?.status === 'canceled'))) {
    followEnded(step, chosen);
  }
}

/** Applies a Stripe (or caller-provided) snapshot unless a newer one is stored; returns whether applied. */
export function applySubscriptionSnapshot(step: Step, snapshot: SubscriptionSnapshot, version: ObjectVersion, force = false): boolean {
  const stripe = step.state.stripe;
  const existing = stripe.subscriptions[snapshot.id];
  const stillCancelling = snapshot.cancelAtPeriodEnd || snapshot.status === 'canceled';
  const stored: StoredSubscription = {
    ...snapshot,
    customerId: existing?.customerId ?? stripe.customerId,
    cancelReason: stillCancelling ? (existing?.cancelReason ?? null) : null,
  };
  if (!storeSubscription(step, stored, version, force)) return false;
  syncSubscription(step);
  return true;
}

/** Tenure's own change to the current subscription (cancel, reactivate, plan change at period end). */
export function updateCurrentSubscription(step: Step, changes: Partial<StoredSubscription>): void {
  const current = step.state.subscription;
  const stored = current === null ? undefined : step.state.stripe.subscriptions[current.id];
  if (stored === undefined) return;
  storeSubscription(step, { ...stored, ...changes }, localVersion(step, stored.id), true);
  syncSubscription(step);
}
