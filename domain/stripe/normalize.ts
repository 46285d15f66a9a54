import type { InvoiceSnapshot, NormalizedStripeEvent, StripeEventType, SubscriptionSnapshot } from '../lifecycle/types.js';
import type { BillingInterval, PlanSnapshot } from '../plans/types.js';

// Maps raw Stripe webhook events onto the lifecycle's normalized events. Pure: the caller resolves
// plans (by price id) and, for checkout, the subscription object, before calling normalize.

export const HANDLED_EVENT_TYPES: Record<string, StripeEventType> = {
  'checkout.session.completed': 'checkout.completed',
  'customer.subscription.created': 'subscription.updated',
  'customer.subscription.updated': 'subscription.updated',
  'customer.subscription.deleted': 'subscription.deleted',
  'customer.subscription.trial_will_end': 'subscription.trial_will_end',
  'invoice.paid': 'invoice.paid',
  'invoice.payment_succeeded': 'invoice.paid',
  'invoice.payment_failed': 'invoice.payment_failed',
  'invoice.payment_action_required': 'invoice.payment_action_required',
};

type Obj = Record<string, unknown>;
export interface RawStripeEvent { id: string; type: string; created: number; data: { object: Obj } }

const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);
const obj = (v: unknown): Obj | null => (v !== null && typeof v === 'object' ? (v as Obj) : null);
const idOf = (v: unknown): string | null => str(v) ?? str(obj(v)?.id);
const metadataOf = (v: unknown): Obj => obj(obj(v)?.metadata) ?? {};

/** True for the event types Tenure acts on; everything else is recorded as ignored. */
export function isHandledEventType(type: string): boolean {
  return Object.prototype.hasOwnProperty.call(HANDLED_EVENT_TYPES, type);
}

/** The invoice's subscription id, in both the current (`parent.subscription_details`) and older API shapes. */
function invoiceSubscriptionId(invoice: Obj): string | null {
  const details = obj(obj(invoice.parent)?.subscription_details);
  return idOf(details?.subscription) ?? idOf(invoice.subscription);
}

/** Where an event says which tenant it belongs to: metadata first, then client_reference_id, then the customer. */
export function tenantHintsOf(event: RawStripeEvent): { tenantId: string | null; customerId: string | null } {
  const o = event.data.object;
  const invoiceMeta = obj(obj(obj(o.parent)?.subscription_details)?.metadata) ?? obj(obj(o.subscription_details)?.metadata) ?? {};
  const tenantId = str(metadataOf(o).tenantId) ?? str(invoiceMeta.tenantId) ?? str(o.client_reference_id);
  return { tenantId, customerId: idOf(o.customer) };
}

/** The price a subscription is on (its first item), used to resolve the plan. */
export function subscriptionPriceId(subscription: Obj): string | null {
  const items = obj(subscription.items)?.data;
  const first = Array.isArray(items) ? obj(items[0]) : null;
  return idOf(first?.price);
}

/** How often the subscription's price bills, when Stripe says so on the price (`recurring.interval`) and it is a month or a year. */
export function subscriptionPriceInterval(subscription: Obj): BillingInterval | null {
  const items = obj(subscription.items)?.data;
  const first = Array.isArray(items) ? obj(items[0]) : null;
  const interval = obj(obj(first?.price)?.recurring)?.interval;
  return interval === 'month' || interval === 'year' ? interval : null;
}

/** The plan id Tenure put in the metadata (checkout session or subscription), a fallback for plan resolution. */
export function metadataPlanId(object: Obj): string | null {
  return str(metadataOf(object).planId);
}

function secondsToMs(v: unknown, fallback: number): number {
  return typeof v === 'number' ? v * 1000 : fallback;
}

/** Builds the lifecycle's subscription snapshot from a Stripe Subscription object. */
export function toSubscriptionSnapshot(subscription: Obj, plan: PlanSnapshot | null, eventCreatedMs: number, knownInterval: BillingInterval | null = null): SubscriptionSnapshot {
  const items = obj(subscription.items)?.data;
  const item = Array.isArray(items) ? obj(items[0]) : null;
  const start = secondsToMs(item?.current_period_start ?? subscription.current_period_start, eventCreatedMs);
  const interval = subscriptionPriceInterval(subscription) ?? knownInterval;
  return {
    id: String(subscription.id),
    status: str(subscription.status) ?? 'active',
    planId: plan?.id ?? null,
    plan,
    priceId: subscriptionPriceId(subscription),
    ...(interval === null ? {} : { interval }),
    currentPeriodStart: start,
    currentPeriodEnd: secondsToMs(item?.current_period_end ?? subscription.current_period_end, start),
    cancelAtPeriodEnd: subscription.cancel_at_period_end === true,
    canceledAt: typeof subscription.canceled_at === 'number' ? subscription.canceled_at * 1000 : null,
  };
}

function toInvoiceSnapshot(invoice: Obj): InvoiceSnapshot {
  return {
    id: String(invoice.id),
    subscriptionId: invoiceSubscriptionId(invoice),
    amountDue: typeof invoice.amount_due === 'number' ? invoice.amount_due : 0,
    attemptCount: typeof invoice.attempt_count === 'number' ? invoice.attempt_count : 0,
    hostedInvoiceUrl: str(invoice.hosted_invoice_url),
  };
}

export interface NormalizeContext {
  /** The plan of the subscription concerned, resolved by the caller; null when unknown. */
  plan: PlanSnapshot | null;
  /** The interval of the subscription's price as the plan catalog knows it (its monthly or annual price), for a price that does not say. */
  interval?: BillingInterval | null;
  /** For checkout.session.completed: the subscription the session created, fetched by the caller. */
  subscription?: Obj | null;
}

/** Normalizes a handled Stripe event; returns null for types Tenure does not act on. */
export function normalizeStripeEvent(event: RawStripeEvent, ctx: NormalizeContext): NormalizedStripeEvent | null {
  const type = HANDLED_EVENT_TYPES[event.type];
  if (type === undefined) return null;
  const o = event.data.object;
  const created = event.created * 1000;
  const base = { id: event.id, type, created, objectId: String(o.id), customerId: idOf(o.customer) };
  switch (type) {
    case 'checkout.completed':
      return ctx.subscription ? { ...base, subscription: toSubscriptionSnapshot(ctx.subscription, ctx.plan, created, ctx.interval ?? null) } : base;
    case 'subscription.updated':
    case 'subscription.deleted':
    case 'subscription.trial_will_end':
      return { ...base, subscription: toSubscriptionSnapshot(o, ctx.plan, created, ctx.interval ?? null) };
    case 'invoice.paid':
    case 'invoice.payment_failed':
    case 'invoice.payment_action_required':
      return { ...base, invoice: toInvoiceSnapshot(o) };
  }
}
