// An imported tenant (`tenure backfill <file>`) starts where the other system had it - on its plan,
// in the trial it was in, on the subscription Stripe holds - instead of a fresh trial. The
// subscription goes through the same reducer input as a customer.subscription.updated webhook.
import { upgradePlanSnapshot } from '../entitlements/legacy.js';
import { isLiveStatus } from './access.js';
import { createdTransition, newTenantState } from './new-tenant.js';
import { billingUsagePeriod, periodContaining } from './periods.js';
import { reduceStripeEvent } from './stripe-events.js';
import type { Command, ImportedTenant, InitialStateInput, Period, SubscriptionSnapshot, TenantState, Transition } from './types.js';

/** Usage periods follow a live subscription's billing cycle, else the creation day (as for any tenant). */
function usageOf(createdAt: number, subscription: SubscriptionSnapshot | undefined, now: number): { usagePeriod: Period; usageAnchor: number } {
  if (subscription && isLiveStatus(subscription.status)) {
    const billing = { start: subscription.currentPeriodStart, end: subscription.currentPeriodEnd };
    return { usagePeriod: billingUsagePeriod(billing, now), usageAnchor: billing.start };
  }
  return { usagePeriod: periodContaining(createdAt, now), usageAnchor: createdAt };
}

/** The imported tenant before its subscription: on its plan, in its trial if that ends after `now`. */
function importedBase(input: InitialStateInput, imported: ImportedTenant): TenantState {
  const { now } = input;
  const createdAt = Math.min(imported.createdAt ?? now, now);
  const trialEndsAt = imported.trialEndsAt;
  const inTrial = trialEndsAt !== null && trialEndsAt > now;
  return newTenantState(input, {
    createdAt,
    plan: upgradePlanSnapshot(imported.plan),
    trial: inTrial ? { startedAt: createdAt, endsAt: trialEndsAt, remindersSent: [] } : null,
    trialEndedAt: inTrial ? null : (trialEndsAt ?? createdAt),
    ...usageOf(createdAt, imported.subscriptionEvent?.subscription, now),
    customerId: imported.stripeCustomerId,
  });
}

/** Two transitions at the same instant as one: the later state, each side effect once, every event in order. */
function chain(first: Transition, second: Transition): Transition {
  const effects: Command[] = [];
  for (const c of [...first.commands, ...second.commands]) {
    if (c.type !== 'publishEvent' && !effects.some((e) => e.type === c.type)) effects.push(c);
  }
  const events = [...first.commands, ...second.commands].filter((c) => c.type === 'publishEvent');
  return { state: second.state, commands: [...effects, ...events] };
}

/**
 * The first state of an imported tenant and its commands: tenant.created on the imported plan, then
 * (with a subscription) what the subscription's webhook would do: subscription.created, the plan
 * it is on, the billing cycle, or the free plan for one that has ended.
 */
export function importedState(input: InitialStateInput, imported: ImportedTenant): Transition {
  const created = createdTransition(importedBase(input, imported), input.now);
  if (imported.subscriptionEvent === null) return created;
  return chain(created, reduceStripeEvent(created.state, imported.subscriptionEvent, input.now));
}
