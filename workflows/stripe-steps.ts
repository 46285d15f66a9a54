import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { BillingActivities } from './activity-contract.js';
import { hasLiveSubscription, type LifecycleInput, type TenantState } from '../domain/lifecycle/index.js';

// The Stripe side of the tenant's own changes. It runs before the reducer applies the change, so the
// state changes only once Stripe has accepted it. Stripe refusals (STRIPE_ERROR) are not retried.
const stripe = proxyActivities<BillingActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 5, nonRetryableErrorTypes: ['STRIPE_ERROR'] },
});

/** Makes the Stripe call an update stands for, if any, and returns the input enriched with its result. */
export async function callStripeFor(state: TenantState, input: LifecycleInput): Promise<LifecycleInput> {
  const sub = hasLiveSubscription(state) ? state.subscription : null;
  if (!sub) return input;
  // The idempotency key names the workflow and the step: the state version the change applies to.
  const idempotencyKey = `${workflowInfo().workflowId}:${input.kind}:v${state.version}`;
  const scheduleId = state.pendingChange?.stripeScheduleId;
  switch (input.kind) {
    case 'changePlan': {
      const priceId = input.plan.stripePriceId;
      if (!priceId) return input;
      const args = { subscriptionId: sub.id, priceId, planId: input.plan.id, idempotencyKey };
      if (input.direction === 'upgrade') {
        if (scheduleId) await stripe.stripeReleaseSchedule({ scheduleId, idempotencyKey: `${idempotencyKey}:release` });
        await stripe.stripeChangePrice(args);
        return input;
      }
      const { scheduleId: created } = await stripe.stripeScheduleChange(args);
      return { ...input, stripeScheduleId: created };
    }
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
      return input;
    default:
      return input;
  }
}
