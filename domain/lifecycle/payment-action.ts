// Payments waiting for the customer's authentication (SCA, 3-D Secure): Stripe sends
// invoice.payment_action_required with the invoice's hosted page. Kept per dunning account, newest
// first by (created, event id), and dropped once the account's settlement covers it, so shuffled and
// repeated deliveries converge like the dunning ledger they sit beside (dunning.ts).
import { enforce, patch, type Step } from './step.js';
import type { PaymentAction, TenantState } from './types.js';

const newer = (a: PaymentAction, b: PaymentAction): boolean => a.created > b.created || (a.created === b.created && a.eventId > b.eventId);

/** Records an action on `account` unless that account already holds a newer one. */
export function recordPaymentAction(step: Step, account: string, action: PaymentAction): void {
  const current = step.state.paymentActions[account];
  if (current !== undefined && !newer(action, current)) return;
  patch(step, { paymentActions: { ...step.state.paymentActions, [account]: action } });
  enforce(step);
}

/** Drops the actions their account's settlement (a payment, the subscription's end) has covered. */
export function dropSettledPaymentActions(step: Step): void {
  const kept = Object.entries(step.state.paymentActions).filter(([account, action]) => {
    const settledAt = step.state.dunning[account]?.settledAt ?? null;
    return settledAt === null || action.created > settledAt;
  });
  if (kept.length === Object.keys(step.state.paymentActions).length) return;
  patch(step, { paymentActions: Object.fromEntries(kept) });
  enforce(step);
}

/** Where the customer authenticates the newest payment still waiting for it; null when none waits. */
export function paymentActionUrl(state: Pick<TenantState, 'paymentActions'>): string | null {
  const waiting = Object.values(state.paymentActions ?? {}).filter((a) => a.url !== null);
  const newest = waiting.reduce<PaymentAction | null>((best, a) => (best === null || newer(a, best) ? a : best), null);
  return newest?.url ?? null;
}
