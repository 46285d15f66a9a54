// Applies one normalized Stripe event. Idempotent by event id; subscription snapshots are ordered per
// subscription by `created` (see isNewer); invoice events go through the order-independent ledger.
import { closeWhenSubscriptionEnded } from './closure.js';
import { dunningAccountOf, recordFailure, recordSettlement, refreshDunning } from './dunning.js';
import { dropSettledPaymentActions, recordPaymentAction } from './payment-action.js';
import { finish, emit, openStep, patch, record, type Step } from './step.js';
import { applySubscriptionSnapshot } from './subscription-sync.js';
import type { NormalizedStripeEvent, SubscriptionSnapshot, TenantState, Transition } from './types.js';

const MAX_APPLIED_EVENT_IDS = 200;
const DAY_MS = 86_400_000;

function markApplied(step: Step, eventId: string): void {
  const appliedEventIds = [...step.state.stripe.appliedEventIds, eventId].slice(-MAX_APPLIED_EVENT_IDS);
  record(step, { stripe: { ...step.state.stripe, appliedEventIds } });
}

/** The snapshot a subscription.deleted stands for: always canceled, whatever the payload says. */
function deletedSnapshot(state: TenantState, event: NormalizedStripeEvent): SubscriptionSnapshot {
  const base = event.subscription ?? state.stripe.subscriptions[event.objectId];
  const canceledAt = base?.canceledAt ?? event.created;
  if (base !== undefined) return { ...base, status: 'canceled', canceledAt };
  return {
    id: event.objectId, status: 'canceled', planId: null, plan: null, priceId: null,
    currentPeriodStart: event.created, currentPeriodEnd: event.created, cancelAtPeriodEnd: false, canceledAt,
  };
}

function applySnapshotEvent(step: Step, event: NormalizedStripeEvent, snapshot: SubscriptionSnapshot): void {
  if (!applySubscriptionSnapshot(step, snapshot, { created: event.created, eventId: event.id })) return;
  // A terminal snapshot settles its subscription's dunning account, which may end dunning.
  const ended = snapshot.status === 'canceled' || snapshot.status === 'incomplete_expired';
  refreshDunning(step, ended ? 'subscription_ended' : 'deadline');
}

function applyInvoicePaid(step: Step, event: NormalizedStripeEvent): void {
  if (event.invoice === undefined || !recordSettlement(step, dunningAccountOf(event.invoice), event.created)) return;
  refreshDunning(step, 'invoice_paid');
}

function applyPaymentFailed(step: Step, event: NormalizedStripeEvent): void {
  const invoice = event.invoice;
  if (invoice === undefined || !recordFailure(step, dunningAccountOf(invoice), event.created)) return;
  emit(step, 'payment.failed', {
    invoiceId: invoice.id, subscriptionId: invoice.subscriptionId, amountDue: invoice.amountDue, attemptCount: invoice.attemptCount,
  });
  refreshDunning(step, 'payment_failed');
}

/**
 * The bank asks the customer to authenticate the payment (3-D Secure): the invoice is unpaid like a
 * failed one, so the dunning ladder starts from it, and the hosted invoice page is kept until paid.
 */
function applyPaymentActionRequired(step: Step, event: NormalizedStripeEvent): void {
  const invoice = event.invoice;
  if (invoice === undefined) return;
  const account = dunningAccountOf(invoice);
  if (!recordFailure(step, account, event.created)) return;
  const url = invoice.hostedInvoiceUrl ?? null;
  recordPaymentAction(step, account, { invoiceId: invoice.id, url, created: event.created, eventId: event.id });
  emit(step, 'payment.action_required', { invoiceId: invoice.id, subscriptionId: invoice.subscriptionId, amountDue: invoice.amountDue, hostedInvoiceUrl: url });
  refreshDunning(step, 'payment_action_required');
}

/** Stripe's own trial (a `trialing` subscription) is ending: remind, if it is the current one. */
function applyTrialWillEnd(step: Step, event: NormalizedStripeEvent): void {
  const current = step.state.subscription;
  const id = event.subscription?.id ?? event.objectId;
  if (current === null || current.id !== id || current.status !== 'trialing') return;
  const msLeft = Math.max(0, current.currentPeriodEnd - step.now);
  emit(step, 'trial.ending_soon', { source: 'stripe', subscriptionId: id, endsAt: current.currentPeriodEnd, msLeft, daysLeft: Math.ceil(msLeft / DAY_MS) });
}

/** Applies a Stripe event once; a repeated id, or a snapshot older than the stored one, changes nothing. */
export function reduceStripeEvent(state: TenantState, event: NormalizedStripeEvent, now: number): Transition {
  if (state.stripe.appliedEventIds.includes(event.id)) return { state, commands: [] };
  const step = openStep(state, now, event.id);
  markApplied(step, event.id);
  if (event.customerId !== null && state.stripe.customerId === null) {
    patch(step, { stripe: { ...step.state.stripe, customerId: event.customerId } });
  }
  switch (event.type) {
    case 'subscription.updated':
    case 'checkout.completed':
      if (event.subscription !== undefined) applySnapshotEvent(step, event, event.subscription);
      break;
    case 'subscription.deleted':
      applySnapshotEvent(step, event, deletedSnapshot(step.state, event));
      break;
    case 'invoice.paid':
      applyInvoicePaid(step, event);
      break;
    case 'invoice.payment_failed':
      applyPaymentFailed(step, event);
      break;
    case 'invoice.payment_action_required':
      applyPaymentActionRequired(step, event);
      break;
    case 'subscription.trial_will_end':
      applyTrialWillEnd(step, event);
      break;
  }
  dropSettledPaymentActions(step);
  closeWhenSubscriptionEnded(step);
  return finish(step);
}
