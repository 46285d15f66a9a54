import Stripe from 'stripe';

// Realistic Stripe webhook payloads (API shape of the pinned stripe client) and their signatures,
// made with the official client's generateTestHeaderString.

const stripe = new Stripe('sk_test_signing_only');
const seconds = (ms: number) => Math.floor(ms / 1000);

export interface SubscriptionFields { id?: string; tenantId?: string; customer?: string; priceId?: string; status?: string; cancelAtPeriodEnd?: boolean; periodStart?: number; periodEnd?: number }

export function subscriptionObject(f: SubscriptionFields = {}) {
  const start = f.periodStart ?? Date.now();
  const end = f.periodEnd ?? start + 30 * 86_400_000;
  return {
    id: f.id ?? 'sub_test_1', object: 'subscription', customer: f.customer ?? 'cus_test_1', status: f.status ?? 'active',
    cancel_at_period_end: f.cancelAtPeriodEnd ?? false, canceled_at: f.status === 'canceled' ? seconds(end) : null,
    metadata: f.tenantId ? { tenantId: f.tenantId } : {},
    items: { object: 'list', data: [{ id: 'si_test_1', object: 'subscription_item', price: { id: f.priceId ?? 'price_growth_monthly', object: 'price' }, current_period_start: seconds(start), current_period_end: seconds(end) }] },
  };
}

export function invoiceObject(id: string, f: { tenantId?: string; customer?: string; subscription?: string; attempt?: number } = {}) {
  return {
    id, object: 'invoice', customer: f.customer ?? 'cus_test_1', amount_due: 9_900, attempt_count: f.attempt ?? 1,
    parent: { type: 'subscription_details', subscription_details: { subscription: f.subscription ?? 'sub_test_1', metadata: f.tenantId ? { tenantId: f.tenantId } : {} } },
  };
}

export function checkoutSessionObject(f: { tenantId: string; planId: string; subscription?: string; customer?: string }) {
  return { id: `cs_test_${f.tenantId}`, object: 'checkout.session', mode: 'subscription', customer: f.customer ?? 'cus_test_1', subscription: f.subscription ?? 'sub_test_checkout', client_reference_id: f.tenantId, metadata: { tenantId: f.tenantId, planId: f.planId, userId: 'user-1' } };
}

export function stripeEvent(id: string, type: string, object: Record<string, unknown>, createdMs = Date.now()) {
  return { id, object: 'event', type, created: seconds(createdMs), api_version: '2026-10-28.endive', livemode: false, pending_webhooks: 1, request: { id: null, idempotency_key: null }, data: { object } };
}

/** Serializes and signs an event as Stripe would; `timestampMs` lets tests forge stale signatures. */
export function signed(event: unknown, secret: string, timestampMs = Date.now()): { payload: string; headers: Record<string, string> } {
  const payload = JSON.stringify(event);
  const header = stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp: seconds(timestampMs) });
  return { payload, headers: { 'stripe-signature': header, 'content-type': 'application/json' } };
}
