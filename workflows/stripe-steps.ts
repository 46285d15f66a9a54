import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { BillingActivities } from './activity-contract.js';
import { hasLiveSubscription, type LifecycleInput, type TenantState } from '../domain/lifecycle/index.js';
import { closeReasonOf } from '../domain/lifecycle/closure.js';
import { stripeIdempotencyKey } from '../domain/lifecycle/stripe-idempotency.js';
import { normalizeContact } from '../domain/lifecycle/contact.js';

// The Stripe side of the tenant's own changes. It runs before the reducer applies the change, so the
// state changes only once Stripe has accepted it. Stripe refusals (STRIPE_ERROR) are not retried.
const stripe = proxyActivities<BillingActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 5, nonRetryableErrorTypes: ['STRIPE_ERROR'] },
});

/** Makes the Stripe call an update stands for, if any, and returns the input enriched with its result. */
export async function callStripeFor(state: TenantState, input: LifecycleInput): Promise<LifecycleInput> {
  // The idempotency key names the workflow, the step, the state version the change applies to and what
  // the change asks for: another request at the same version (say another plan after a declined
  // upgrade) gets another key, where reusing one would make Stripe answer idempotency_error.
  const idempotencyKey = stripeIdempotencyKey(workflowInfo().workflowId, input.kind, state.version, requestContent(input));
  if (input.kind === 'updateContact') {
    // The contact belongs to the customer, with or without a subscription.
    const { customerId } = await stripe.stripeUpdateCustomer({ tenantId: state.tenantId, customerId: state.stripe.customerId, contact: input.contact, idempotencyKey });
    return { ...input, customerId };
  }
  const sub = hasLiveSubscription(state) ? state.subscription : null;
  if (!sub) return input;
  const scheduleId = state.pendingChange?.stripeScheduleId;
  switch (input.kind) {
    case 'changePlan': {
      const priceId = input.plan.stripePriceId;
      if (!priceId) return input;
      const args = { subscriptionId: sub.id, priceId, planId: input.plan.id, idempotencyKey };
      if (input.direction === 'upgrade') {
        if (scheduleId) await stripe.stripeReleaseSchedule({ scheduleId, idempotencyKey: `${idempotencyKey}:release` });
        const { paymentPending } = await stripe.stripeChangePrice(args);
        return paymentPending ? { ...input, paymentPending: true } : input;
      }
      const { scheduleId: created } = await stripe.stripeScheduleChange(args);
      return { ...input, stripeScheduleId: created };
    }
    case 'migratePlan': return migrateStripePrice(sub, input, idempotencyKey, scheduleId);
    case 'cancel':
      await stripe.stripeSetCancelAtPeriodEnd({ subscriptionId: sub.id, cancel: true, reason: input.reason, idempotencyKey, ...(scheduleId ? { releaseScheduleId: scheduleId } : {}) });
      return input;
    case 'reactivate':
      await stripe.stripeSetCancelAtPeriodEnd({ subscriptionId: sub.id, cancel: false, reason: null, idempotencyKey });
      return input;
    case 'cancelPendingChange':
      if (scheduleId) await stripe.stripeReleaseSchedule({ scheduleId, idempotencyKey });
      return input;
    case 'admin':
      // Without a live subscription the discount is only recorded; checkout applies it later.
      if (input.action.type === 'applyDiscount') await stripe.stripeApplyCoupon({ subscriptionId: sub.id, couponId: input.action.couponId, idempotencyKey });
      if (input.action.type === 'close') await cancelForClosing(sub, input.action, idempotencyKey, scheduleId);
      return input;
    default:
      return input;
  }
}

type MigrateInput = Extract<LifecycleInput, { kind: 'migratePlan' }>;

/** The new version's price: now with proration, or at period end through a schedule; nothing when the price is the same. */
async function migrateStripePrice(sub: NonNullable<TenantState['subscription']>, input: MigrateInput, idempotencyKey: string, scheduleId: string | undefined): Promise<LifecycleInput> {
  const priceId = input.plan.stripePriceId;
  if (!priceId || priceId === sub.priceId) return input;
  const args = { subscriptionId: sub.id, priceId, planId: input.plan.id, idempotencyKey };
  if (input.effective === 'period_end') return { ...input, stripeScheduleId: (await stripe.stripeScheduleChange(args)).scheduleId };
  if (scheduleId) await stripe.stripeReleaseSchedule({ scheduleId, idempotencyKey: `${idempotencyKey}:release` });
  await stripe.stripeChangePrice(args);
  return input;
}

type CloseAction = Extract<LifecycleInput, { kind: 'admin' }>['action'] & { type: 'close' };

/** `now` cancels the subscription at once; `period_end` lets it run out (the reducer closes when it ends). */
async function cancelForClosing(sub: NonNullable<TenantState['subscription']>, action: CloseAction, idempotencyKey: string, scheduleId: string | undefined): Promise<void> {
  const reason = closeReasonOf(action.reason);
  if (action.effective === 'now') {
    if (scheduleId) await stripe.stripeReleaseSchedule({ scheduleId, idempotencyKey: `${idempotencyKey}:release` });
    await stripe.stripeCancelSubscription({ subscriptionId: sub.id, reason, idempotencyKey });
  } else if (!sub.cancelAtPeriodEnd) {
    await stripe.stripeSetCancelAtPeriodEnd({ subscriptionId: sub.id, cancel: true, reason, idempotencyKey, ...(scheduleId ? { releaseScheduleId: scheduleId } : {}) });
  }
}

// What a Stripe request of this step depends on, beyond the subscription and the state version.
function requestContent(input: LifecycleInput): (string | null)[] {
  switch (input.kind) {
    case 'changePlan': return [input.direction, input.plan.id, input.plan.stripePriceId ?? null];
    case 'cancel': return [input.reason ?? null];
    case 'migratePlan': return [input.migrationId, input.effective, input.plan.id, String(input.plan.version ?? 1), input.plan.stripePriceId ?? null];
    case 'admin':
      if (input.action.type === 'applyDiscount') return [input.action.type, input.action.couponId];
      return input.action.type === 'close' ? [input.action.type, input.action.effective, input.action.reason] : [input.action.type];
    case 'updateContact': return [JSON.stringify(normalizeContact(input.contact))];
    default: return [];
  }
}
