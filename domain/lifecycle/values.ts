// The lifecycle's small value types, apart from the state so that the event catalog can name them
// without depending on the reducer that publishes the events.
/** `closed` is final: the account was closed (docs/operations.md, "Closing an account"). */
export type TenantStatus = 'active' | 'suspended' | 'locked' | 'closed';
export type PaymentStatus = 'active' | 'past_due' | 'restricted' | 'locked';
export type Access = 'full' | 'read_only' | 'none';

export interface Period {
  start: number;
  end: number;
}

/** What moved the dunning ladder. */
export type DunningCause = 'invoice_paid' | 'payment_failed' | 'payment_action_required' | 'deadline' | 'subscription_ended';

/** Stripe statuses under which the subscription's plan applies (dunning is tracked separately). */
export const LIVE_STATUSES: readonly string[] = ['active', 'trialing', 'past_due', 'unpaid'];
