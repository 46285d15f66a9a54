import type { NormalizedStripeEvent, SubscriptionSnapshot } from '../../domain/lifecycle/index.js';
import { DEFAULT_PLANS } from '../../db/seed/demo-plans.js';
import { toPlanSnapshot } from '../../domain/plans/types.js';

// Normalized Stripe events (what the webhook hands the workflow), for workflow-tier tests.

export function subscriptionSnapshot(planId: string, at: number, overrides: Partial<SubscriptionSnapshot> = {}): SubscriptionSnapshot {
  const plan = toPlanSnapshot(DEFAULT_PLANS.find((p) => p.id === planId)!);
  return {
    id: 'sub_1', status: 'active', planId, plan, priceId: plan.stripePriceId, currentPeriodStart: at,
    currentPeriodEnd: at + 30 * 86_400_000, cancelAtPeriodEnd: false, canceledAt: null, ...overrides,
  };
}

export function subscriptionUpdated(id: string, created: number, sub: SubscriptionSnapshot): NormalizedStripeEvent {
  return { id, type: 'subscription.updated', created, objectId: sub.id, customerId: 'cus_1', subscription: sub };
}

export function invoiceEvent(type: 'invoice.paid' | 'invoice.payment_failed', id: string, created: number, invoiceId: string, attemptCount = 1): NormalizedStripeEvent {
  return { id, type, created, objectId: invoiceId, customerId: 'cus_1', invoice: { id: invoiceId, subscriptionId: 'sub_1', amountDue: 9_900, attemptCount } };
}

/** invoice.payment_action_required (3-D Secure) of the subscription's invoice, with its hosted page. */
export function paymentActionRequired(id: string, created: number, invoiceId: string, hostedInvoiceUrl: string): NormalizedStripeEvent {
  return { ...invoiceEvent('invoice.payment_failed', id, created, invoiceId), type: 'invoice.payment_action_required', invoice: { id: invoiceId, subscriptionId: 'sub_1', amountDue: 9_900, attemptCount: 1, hostedInvoiceUrl } };
}
