import type Stripe from 'stripe';
import { TenureError } from '../../domain/errors.js';
import type { ApplyCouponInput, CancelAtPeriodEndInput, CancelSubscriptionInput, ChangePriceInput, ReleaseScheduleInput, ScheduleChangeInput } from '../../workflows/activity-contract.js';
import { callStripe, type StripeLog } from './call-stripe.js';

// Stripe calls made on behalf of the lifecycle workflow (through thin activities). Every call carries the idempotency key the
// workflow derived from its id and step, so a retried activity never charges or changes twice.
// They return only what the workflow needs; Stripe's follow-up webhooks carry the full snapshot.


/** `automaticTax`: STRIPE_AUTOMATIC_TAX, so a price change is taxed by Stripe Tax too. */
export interface StripeCallDeps { stripe: Stripe; log: StripeLog; automaticTax?: boolean }

/** What a subscription or schedule phase adds for Stripe Tax (STRIPE_AUTOMATIC_TAX); nothing when it is off. */
export const automaticTaxParams = (on: boolean | undefined): { automatic_tax?: { enabled: true } } => (on ? { automatic_tax: { enabled: true } } : {});

const priceIdOf = (price: string | Stripe.Price | Stripe.DeletedPrice): string => (typeof price === 'string' ? price : price.id);

/**
 * Upgrade: swaps the subscription's price, invoicing the proration at once. With pending_if_incomplete
 * Stripe applies the new price only once that invoice is paid; until then the answer carries a
 * pending_update and the tenant keeps its plan (the webhook after the payment moves it). Pending
 * updates take no metadata, so the plan id is written in a second call once the price applied.
 */
export async function stripeChangePrice(deps: StripeCallDeps, input: ChangePriceInput): Promise<{ subscriptionId: string; status: string; paymentPending: boolean }> {
  const { stripe } = deps;
  const sub = await callStripe(deps.log, 'read the subscription', () => stripe.subscriptions.retrieve(input.subscriptionId));
  const item = sub.items.data[0];
  if (!item) throw new TenureError('STRIPE_ERROR', `subscription ${input.subscriptionId} has no items`);
  // pending_if_incomplete takes only the price change, so Stripe Tax is switched on before it, and the
  // proration invoice is taxed (a subscription from a taxed checkout has it already).
  if (deps.automaticTax && sub.automatic_tax?.enabled !== true) {
    await callStripe(deps.log, 'turn on automatic tax', () => stripe.subscriptions.update(input.subscriptionId, automaticTaxParams(true), { idempotencyKey: `${input.idempotencyKey}:tax` }));
  }
  const updated = await callStripe(deps.log, 'change the subscription price', () => stripe.subscriptions.update(input.subscriptionId, {
    items: [{ id: item.id, price: input.priceId }],
    proration_behavior: 'always_invoice',
    payment_behavior: 'pending_if_incomplete',
  }, { idempotencyKey: input.idempotencyKey }));
  // Pending means Stripe holds *this* change: its pending_update lists the new price.
  const paymentPending = (updated.pending_update?.subscription_items ?? []).some((i) => priceIdOf(i.price) === input.priceId);
  if (!paymentPending) {
    await callStripe(deps.log, 'record the plan on the subscription', () => stripe.subscriptions.update(input.subscriptionId, {
      metadata: { planId: input.planId },
    }, { idempotencyKey: `${input.idempotencyKey}:metadata` }));
  }
  return { subscriptionId: updated.id, status: updated.status, paymentPending };
}

/** Downgrade: a subscription schedule keeps the current price until period end, then moves to the new one. */
export async function stripeScheduleChange(deps: StripeCallDeps, input: ScheduleChangeInput): Promise<{ scheduleId: string }> {
  const { stripe } = deps;
  const schedule = await callStripe(deps.log, 'create a subscription schedule', () => stripe.subscriptionSchedules.create(
    { from_subscription: input.subscriptionId }, { idempotencyKey: `${input.idempotencyKey}:create` }));
  const current = schedule.phases[0];
  if (!current) throw new TenureError('STRIPE_ERROR', `schedule ${schedule.id} has no current phase`);
  await callStripe(deps.log, 'schedule the plan change', () => stripe.subscriptionSchedules.update(schedule.id, {
    end_behavior: 'release',
    metadata: { planId: input.planId },
    phases: [
      { items: current.items.map((i) => ({ price: priceIdOf(i.price), quantity: i.quantity ?? 1 })), start_date: current.start_date, end_date: current.end_date },
      { items: [{ price: input.priceId, quantity: 1 }], duration: { interval: 'month', interval_count: 1 }, ...automaticTaxParams(deps.automaticTax) },
    ],
  }, { idempotencyKey: `${input.idempotencyKey}:phases` }));
  return { scheduleId: schedule.id };
}

/** Cancels a scheduled change: the schedule is released and the subscription stays as it is. */
export async function stripeReleaseSchedule(deps: StripeCallDeps, input: ReleaseScheduleInput): Promise<{ released: boolean }> {
  const { stripe } = deps;
  await callStripe(deps.log, 'release the subscription schedule', () => stripe.subscriptionSchedules.release(input.scheduleId, {}, { idempotencyKey: input.idempotencyKey }));
  return { released: true };
}

/** Cancel at period end (with the reason), or undo it; a pending schedule is released first. */
export async function stripeSetCancelAtPeriodEnd(deps: StripeCallDeps, input: CancelAtPeriodEndInput): Promise<{ subscriptionId: string; cancelAtPeriodEnd: boolean }> {
  const { stripe } = deps;
  if (input.releaseScheduleId) {
    await callStripe(deps.log, 'release the subscription schedule', () => stripe.subscriptionSchedules.release(input.releaseScheduleId!, {}, { idempotencyKey: `${input.idempotencyKey}:release` }));
  }
  const updated = await callStripe(deps.log, input.cancel ? 'cancel the subscription' : 'reactivate the subscription', () => stripe.subscriptions.update(input.subscriptionId, {
    cancel_at_period_end: input.cancel,
    ...(input.cancel && input.reason ? { cancellation_details: { comment: input.reason.slice(0, 500) } } : {}),
  }, { idempotencyKey: input.idempotencyKey }));
  return { subscriptionId: updated.id, cancelAtPeriodEnd: input.cancel };
}

/** Admin discount: puts a coupon on the live subscription (its next invoices are discounted). */
export async function stripeApplyCoupon(deps: StripeCallDeps, input: ApplyCouponInput): Promise<{ subscriptionId: string }> {
  const { stripe } = deps;
  const updated = await callStripe(deps.log, 'apply the coupon', () => stripe.subscriptions.update(input.subscriptionId, { discounts: [{ coupon: input.couponId }] }, { idempotencyKey: input.idempotencyKey }));
  return { subscriptionId: updated.id };
}

/**
 * Closing an account now: cancels the subscription at once (no proration refund: Stripe's default).
 * A subscription Stripe has already canceled is left as it is, so a retried activity succeeds.
 */
export async function stripeCancelSubscription(deps: StripeCallDeps, input: CancelSubscriptionInput): Promise<{ subscriptionId: string; status: string }> {
  const { stripe } = deps;
  const current = await callStripe(deps.log, 'read the subscription', () => stripe.subscriptions.retrieve(input.subscriptionId));
  if (current.status === 'canceled') return { subscriptionId: current.id, status: current.status };
  const cancelled = await callStripe(deps.log, 'cancel the subscription now', () => stripe.subscriptions.cancel(input.subscriptionId, {
    cancellation_details: { comment: input.reason.slice(0, 500) },
  }, { idempotencyKey: input.idempotencyKey }));
  return { subscriptionId: cancelled.id, status: cancelled.status };
}
