// Dunning as an order-independent ledger. Per account (a subscription, or an invoice without one) we
// keep the newest settlement and the failures after it. A payment settles every older failure of its
// account, so invoice events converge to the same result in any delivery order, and the ladder is
// anchored on the earliest unsettled failure ("first unpaid failure").
import { emit, enforce, patch, record, type Step } from './step.js';
import type { DunningAccount, InvoiceSnapshot, LifecycleConfig, PaymentStatus, TenantState } from './types.js';
import type { DunningCause } from './values.js';

const MAX_FAILURES_PER_ACCOUNT = 50;
const EMPTY: DunningAccount = { settledAt: null, failures: [] };

/** The ledger account an invoice belongs to. */
export function dunningAccountOf(invoice: InvoiceSnapshot): string {
  return invoice.subscriptionId ?? invoice.id;
}

/** Records a failure; returns false (ledger untouched) when a newer payment already settled it. */
export function recordFailure(step: Step, account: string, created: number): boolean {
  const current = step.state.dunning[account] ?? EMPTY;
  if (current.settledAt !== null && created <= current.settledAt) return false;
  if (!current.failures.includes(created)) {
    const failures = [...current.failures, created].sort((a, b) => a - b).slice(0, MAX_FAILURES_PER_ACCOUNT);
    record(step, { dunning: { ...step.state.dunning, [account]: { ...current, failures } } });
  }
  return true;
}

/** Records a settlement at `created` (a payment, or the subscription's end); false when already newer. */
export function recordSettlement(step: Step, account: string, created: number): boolean {
  const current = step.state.dunning[account] ?? EMPTY;
  if (current.settledAt !== null && created <= current.settledAt) return false;
  const settled: DunningAccount = { settledAt: created, failures: current.failures.filter((f) => f > created) };
  record(step, { dunning: { ...step.state.dunning, [account]: settled } });
  return true;
}

/** The earliest unsettled failure across all accounts, or null when nothing is owed. */
export function unpaidSince(dunning: TenantState['dunning']): number | null {
  const firsts = Object.values(dunning).flatMap((a) => a.failures.slice(0, 1));
  return firsts.length === 0 ? null : Math.min(...firsts);
}

/** Where the ladder stands `now` for a debt unpaid since `since`. */
export function dunningLevel(since: number | null, now: number, config: LifecycleConfig): PaymentStatus {
  if (since === null) return 'active';
  const elapsed = now - since;
  if (elapsed >= config.dunningLockAfterMs) return 'locked';
  if (elapsed >= config.dunningRestrictAfterMs) return 'restricted';
  return 'past_due';
}

/** The next time the ladder moves by itself, or null when it cannot. */
export function nextDunningDeadline(state: TenantState): number | null {
  if (state.pastDueSince === null) return null;
  const { dunningRestrictAfterMs: restrict, dunningLockAfterMs: lock } = state.config;
  if (state.paymentStatus === 'past_due') return state.pastDueSince + Math.min(restrict, lock);
  if (state.paymentStatus === 'restricted') return state.pastDueSince + lock;
  return null;
}

export type { DunningCause };

/** Re-derives paymentStatus from the ledger and the clock, publishing each transition. */
export function refreshDunning(step: Step, cause: DunningCause): void {
  const since = unpaidSince(step.state.dunning);
  const from = step.state.paymentStatus;
  const to = dunningLevel(since, step.now, step.state.config);
  if (since !== step.state.pastDueSince) patch(step, { pastDueSince: since });
  if (from === to) return;
  patch(step, { paymentStatus: to });
  enforce(step);
  if (to === 'active' && cause === 'invoice_paid') emit(step, 'payment.restored', { from });
  emit(step, 'tenant.payment_status.changed', { from, to, pastDueSince: since, cause });
  if (to === 'restricted') emit(step, 'tenant.restricted', { source: 'dunning', pastDueSince: since });
  if (to === 'locked') emit(step, 'tenant.locked', { source: 'dunning', pastDueSince: since, reason: 'payment overdue' });
  const wasBlocked = from === 'restricted' || from === 'locked';
  if (wasBlocked && (to === 'active' || to === 'past_due')) emit(step, 'tenant.restored', { source: 'dunning', from, to });
}
