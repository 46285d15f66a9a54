import { randomBytes } from 'node:crypto';

// Realistic Stripe webhook events (the shapes of the pinned API version) for `tenure stripe simulate`.
// Every object carries metadata.tenantId, as Tenure's checkout sets it, so the webhook resolves the
// tenant even before it has learnt the customer mapping.

export const SIMULATED_EVENT_TYPES = [
  'invoice.paid', 'invoice.payment_succeeded', 'invoice.payment_failed', 'invoice.payment_action_required',
  'customer.subscription.created', 'customer.subscription.updated', 'customer.subscription.deleted', 'customer.subscription.trial_will_end',
  'checkout.session.completed',
] as const;
export type SimulatedEventType = (typeof SIMULATED_EVENT_TYPES)[number];

export interface SimulationTarget {
  tenantId: string;
  customerId: string;
  subscriptionId: string;
  invoiceId: string;
  planId: string;
  priceId: string | null;
  amountCents: number;
}

const API_VERSION = '2026-10-28.endive';
const DAY_S = 86_400;
const seconds = (ms: number) => Math.floor(ms / 1000);

/** A fresh id with Stripe's prefix style, e.g. `evt_sim_1a2b...`. */
export const simulatedId = (prefix: string) => `${prefix}_sim_${Date.now().toString(36)}${randomBytes(6).toString('hex')}`;

function subscription(t: SimulationTarget, type: SimulatedEventType, nowS: number) {
  const status = type === 'customer.subscription.deleted' ? 'canceled' : type === 'customer.subscription.trial_will_end' ? 'trialing' : 'active';
  const start = nowS - DAY_S;
  const end = start + 30 * DAY_S;
  return {
    id: t.subscriptionId, object: 'subscription', customer: t.customerId, status, livemode: false, currency: 'usd', collection_method: 'charge_automatically',
    created: start, start_date: start, billing_cycle_anchor: start, cancel_at_period_end: false, cancel_at: null,
    canceled_at: status === 'canceled' ? nowS : null, ended_at: status === 'canceled' ? nowS : null,
    trial_start: null, trial_end: status === 'trialing' ? nowS + 3 * DAY_S : null,
    metadata: { tenantId: t.tenantId, planId: t.planId },
    items: { object: 'list', has_more: false, data: [{
      id: `si_${t.subscriptionId}`, object: 'subscription_item', quantity: 1, current_period_start: start, current_period_end: end,
      price: { id: t.priceId ?? `price_sim_${t.planId}`, object: 'price', currency: 'usd', unit_amount: t.amountCents, recurring: { interval: 'month', interval_count: 1 }, metadata: { planId: t.planId } },
    }] },
  };
}

function invoice(t: SimulationTarget, type: SimulatedEventType, nowS: number, attempt: number) {
  const paid = type !== 'invoice.payment_failed' && type !== 'invoice.payment_action_required';
  return {
    id: t.invoiceId, object: 'invoice', customer: t.customerId, livemode: false, currency: 'usd', billing_reason: 'subscription_cycle', collection_method: 'charge_automatically',
    status: paid ? 'paid' : 'open', paid, amount_due: t.amountCents, amount_paid: paid ? t.amountCents : 0, amount_remaining: paid ? 0 : t.amountCents,
    attempt_count: attempt, attempted: true, next_payment_attempt: paid ? null : nowS + 3 * DAY_S,
    created: nowS - 3600, period_start: nowS - 30 * DAY_S, period_end: nowS,
    // The page where the customer pays, or confirms a payment their bank holds for 3-D Secure.
    hosted_invoice_url: `https://invoice.stripe.com/i/acct_sim/${t.invoiceId}`,
    parent: { type: 'subscription_details', quote_details: null, subscription_details: { subscription: t.subscriptionId, metadata: { tenantId: t.tenantId } } },
    lines: { object: 'list', has_more: false, data: [{ id: `il_${t.invoiceId}`, object: 'line_item', amount: t.amountCents, currency: 'usd', description: `1 × ${t.planId} (at $${(t.amountCents / 100).toFixed(2)} / month)` }] },
  };
}

function checkoutSession(t: SimulationTarget) {
  return {
    id: simulatedId('cs'), object: 'checkout.session', mode: 'subscription', status: 'complete', payment_status: 'paid', livemode: false,
    customer: t.customerId, subscription: t.subscriptionId, client_reference_id: t.tenantId, currency: 'usd', amount_total: t.amountCents,
    metadata: { tenantId: t.tenantId, planId: t.planId, userId: 'tenure-cli' },
  };
}

/** The `attempt`-th delivery (1-based) of an event of `type` for the target; each call has a new event id. */
export function buildSimulatedEvent(type: SimulatedEventType, t: SimulationTarget, attempt: number, createdMs: number) {
  const nowS = seconds(createdMs);
  const object = type.startsWith('invoice.') ? invoice(t, type, nowS, attempt)
    : type === 'checkout.session.completed' ? checkoutSession(t)
      : subscription(t, type, nowS);
  return {
    id: simulatedId('evt'), object: 'event', api_version: API_VERSION, created: nowS, livemode: false, pending_webhooks: 1, type,
    request: { id: null, idempotency_key: null }, data: { object },
  };
}
