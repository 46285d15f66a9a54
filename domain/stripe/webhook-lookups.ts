import { metadataPlanId, subscriptionPriceId, tenantHintsOf, type RawStripeEvent } from './normalize.js';

// What a webhook needs looked up before it can be normalized, decided from the event alone. The
// webhook use case fetches exactly this (tenant, then the subscription, then the plan), then
// normalizes once: the path runs one way.

type Obj = Record<string, unknown>;

export interface WebhookLookups {
  /** Tenure's tenant id from the metadata or client_reference_id, if the event names one. */
  tenantId: string | null;
  /** The Stripe customer, to learn the mapping or to resolve the tenant by it. */
  customerId: string | null;
  /** A completed checkout names its subscription only by id: fetch it from Stripe. */
  subscriptionToFetch: string | null;
}

/** Where an event's plan is named: the subscription's price first, then the planId Tenure put in metadata. */
export interface PlanRefs { priceId: string | null; planId: string | null }

/** The lookups one event needs (pure). */
export function webhookLookups(event: RawStripeEvent): WebhookLookups {
  const { tenantId, customerId } = tenantHintsOf(event);
  const subscription = event.data.object.subscription;
  const subscriptionToFetch = event.type === 'checkout.session.completed' && typeof subscription === 'string' && subscription.length > 0 ? subscription : null;
  return { tenantId, customerId, subscriptionToFetch };
}

/** The plan references of a checkout or subscription event (null for events that carry no plan). */
export function planRefsOf(event: RawStripeEvent, fetchedSubscription: Obj | null): PlanRefs | null {
  const object = event.data.object;
  const subscription = event.type === 'checkout.session.completed' ? fetchedSubscription : event.type.startsWith('customer.subscription.') ? object : undefined;
  if (subscription === undefined) return null;
  return {
    priceId: subscription ? subscriptionPriceId(subscription) : null,
    planId: (subscription ? metadataPlanId(subscription) : null) ?? metadataPlanId(object),
  };
}
