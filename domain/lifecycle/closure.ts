// Closing an account (issue 17). `now` ends the subscription at once; `period_end` lets it run to the
// end of its period (cancel at period end) and closes when it ends: the subscription.deleted webhook,
// or the period end itself, whichever comes first. A closed tenant is final: access none, no
// deadlines, and the workflow returns once the closing commands have run.
import { hasLiveSubscription } from './access.js';
import { refreshDunning } from './dunning.js';
import { emit, enforce, patch, type Step } from './step.js';
import { updateCurrentSubscription } from './subscription-sync.js';
import type { AdminAction, Closure, TenantState } from './types.js';

type CloseAction = Extract<AdminAction, { type: 'close' }>;

/** The reason Stripe records for a subscription an account closing cancels. */
export const closeReasonOf = (reason: string): string => `account closed: ${reason}`;

/** True once the account is closed: the lifecycle has nothing more to do. */
export function isClosed(state: TenantState): boolean {
  return state.status === 'closed';
}

/** The time a requested closing at period end takes effect, or null when none is pending. */
export function pendingClosingAt(state: TenantState): number | null {
  const c = state.closure;
  return c !== null && c.closedAt === null ? c.closesAt : null;
}

/** Applies an accepted close: at once, or scheduled for the live subscription's period end. */
export function closeAccount(step: Step, a: CloseAction): void {
  const sub = hasLiveSubscription(step.state) ? step.state.subscription : null;
  const atPeriodEnd = a.effective === 'period_end' && sub !== null && sub.currentPeriodEnd > step.now;
  const closure: Closure = {
    reason: a.reason, actor: a.actor, effective: a.effective, requestedAt: step.now,
    closesAt: atPeriodEnd ? sub.currentPeriodEnd : step.now, closedAt: null,
  };
  patch(step, { closure });
  if (!atPeriodEnd) return closeNow(step);
  // The same bookkeeping as a tenant's own cancel: subscription.cancelled, a pending downgrade dropped.
  if (!sub.cancelAtPeriodEnd) updateCurrentSubscription(step, { cancelAtPeriodEnd: true, cancelReason: closeReasonOf(a.reason) });
}

/** Closes a pending closing whose time has come (a tick at the period end). */
export function closeWhenDue(step: Step): void {
  const at = pendingClosingAt(step.state);
  if (at !== null && at <= step.now) closeNow(step);
}

/** Closes a pending closing once the subscription it waited for has ended (subscription.deleted). */
export function closeWhenSubscriptionEnded(step: Step): void {
  if (pendingClosingAt(step.state) !== null && !hasLiveSubscription(step.state)) closeNow(step);
}

function closeNow(step: Step): void {
  const closure = step.state.closure!;
  const sub = step.state.subscription;
  // Tenure cancelled it in Stripe before this step (or Stripe ended it): the tenant follows it to the free plan.
  if (hasLiveSubscription(step.state)) {
    updateCurrentSubscription(step, { status: 'canceled', canceledAt: step.now, cancelAtPeriodEnd: false, cancelReason: closeReasonOf(closure.reason) });
    // The debt ends with the subscription, as on any subscription end.
    refreshDunning(step, 'subscription_ended');
  }
  const trial = step.state.trial;
  patch(step, {
    // No payment is asked for any more: the status and the billing page stop offering its link.
    status: 'closed', statusReason: closure.reason, lockedUntil: null, trial: null, pendingChange: null, paymentActions: {},
    ...(trial ? { trialEndedAt: step.now } : {}),
    closure: { ...closure, closedAt: step.now },
  });
  enforce(step);
  emit(step, 'tenant.closed', {
    reason: closure.reason, actor: closure.actor, effective: closure.effective, requestedAt: closure.requestedAt,
    subscriptionId: sub?.id ?? null, planId: step.state.plan.id,
  });
}
