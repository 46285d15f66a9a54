import type { NormalizedStripeEvent, SubscriptionSnapshot } from '../../domain/lifecycle/index.js';
import { TenureError } from '../../domain/errors.js';
import { normalizeStripeEvent } from '../../domain/stripe/normalize.js';
import { reconcileEvent } from '../../domain/stripe/subscription-drift.js';
import { planRefsOf } from '../../domain/stripe/webhook-lookups.js';
import type { ServiceDeps } from '../deps.js';
import { findPlan } from '../webhooks/webhook-context.js';
import { callStripe } from './call-stripe.js';

// Reads a subscription from Stripe now and normalizes it as the customer.subscription.updated (or
// .deleted, once canceled) webhook would: drift repair and the backfill feed it to the lifecycle.

export type SubscriptionEvent = NormalizedStripeEvent & { subscription: SubscriptionSnapshot };

export interface ReadSubscriptionOptions {
  /** What the read is for, in Stripe's error log and refusal ("read the subscription to reconcile"). */
  what: string;
  /** The normalized event's id: the lifecycle applies each id once. */
  eventId: string;
  /** The plan when neither the subscription's price nor its metadata names one of the catalog's. */
  fallbackPlanId?: string;
  /** The error when Stripe has no such subscription. */
  missing?: () => TenureError;
}

/** The subscription as a normalized event, its plan resolved by price, then metadata, then the fallback. */
export async function readSubscriptionEvent(deps: Pick<ServiceDeps, 'db' | 'stripe' | 'log'>, subscriptionId: string, opts: ReadSubscriptionOptions): Promise<SubscriptionEvent> {
  const object = (await callStripe(deps.log, opts.what, () => deps.stripe.subscriptions.retrieve(subscriptionId), { missing: opts.missing })) as unknown as Record<string, unknown> & { id: string };
  const probe = reconcileEvent(object, Date.now(), opts.eventId);
  const refs = planRefsOf(probe, null);
  const found = refs ? await findPlan(deps, { priceId: refs.priceId, planId: refs.planId ?? opts.fallbackPlanId ?? null }) : { plan: null };
  const normalized = normalizeStripeEvent(probe, found);
  if (!normalized?.subscription) throw new TenureError('INTERNAL', `subscription ${subscriptionId} did not normalize`);
  return normalized as SubscriptionEvent;
}
