import { describe, expect, it } from 'vitest';
import type { SubscriptionSnapshot, SubscriptionState } from '../../../domain/lifecycle/index.js';
import { reconcileEvent, reconcileEventId, subscriptionDrift } from '../../../domain/stripe/subscription-drift.js';

const held: SubscriptionState = {
  id: 'sub_1', customerId: 'cus_1', status: 'active', planId: 'growth', priceId: 'price_growth', currentPeriodStart: 1_000, currentPeriodEnd: 2_000,
  cancelAtPeriodEnd: false, cancelReason: null, canceledAt: null,
};
const stripe = (overrides: Partial<SubscriptionSnapshot> = {}): SubscriptionSnapshot => ({
  id: 'sub_1', status: 'active', planId: 'growth', plan: null, priceId: 'price_growth', currentPeriodStart: 1_000, currentPeriodEnd: 2_000, cancelAtPeriodEnd: false, canceledAt: null, ...overrides,
});

describe('subscriptionDrift', () => {
  it('finds nothing when Stripe agrees, and names each field that differs', () => {
    expect(subscriptionDrift(held, stripe())).toEqual([]);
    expect(subscriptionDrift(held, stripe({ status: 'canceled', cancelAtPeriodEnd: true }))).toEqual([
      { field: 'status', tenure: 'active', stripe: 'canceled' },
      { field: 'cancelAtPeriodEnd', tenure: false, stripe: true },
    ]);
    expect(subscriptionDrift(held, stripe({ currentPeriodEnd: 3_000 }))).toEqual([{ field: 'currentPeriodEnd', tenure: 2_000, stripe: 3_000 }]);
  });

  it('reports a price Tenure cannot map as a price difference, not a plan one; and everything when it holds none', () => {
    expect(subscriptionDrift(held, stripe({ planId: null, priceId: 'price_unknown' }))).toEqual([{ field: 'priceId', tenure: 'price_growth', stripe: 'price_unknown' }]);
    expect(subscriptionDrift(null, stripe()).map((d) => d.field)).toEqual(['status', 'planId', 'priceId', 'cancelAtPeriodEnd', 'currentPeriodEnd']);
  });
});

describe('the repairing event', () => {
  it('is the deleted webhook for a canceled subscription, the updated one otherwise, dated now', () => {
    expect(reconcileEvent({ id: 'sub_1', status: 'canceled' }, 5_500, 'e')).toEqual({ id: 'e', type: 'customer.subscription.deleted', created: 5, data: { object: { id: 'sub_1', status: 'canceled' } } });
    expect(reconcileEvent({ id: 'sub_1', status: 'past_due' }, 5_500, 'e').type).toBe('customer.subscription.updated');
  });

  it('has an id that is the same for the same drift and differs for another', () => {
    const drift = subscriptionDrift(held, stripe({ status: 'canceled' }));
    expect(reconcileEventId('sub_1', drift)).toBe(reconcileEventId('sub_1', subscriptionDrift(held, stripe({ status: 'canceled' }))));
    expect(reconcileEventId('sub_1', drift)).not.toBe(reconcileEventId('sub_1', subscriptionDrift(held, stripe({ status: 'past_due' }))));
    expect(reconcileEventId('sub_1', drift)).toMatch(/^reconcile_sub_1_/);
  });
});
