import { describe, expect, it } from 'vitest';
import type { NormalizedStripeEvent, SubscriptionSnapshot } from '../../../domain/lifecycle/index.js';
import { duplicateSubscriptionOf } from '../../../domain/stripe/duplicate-subscription.js';

const snapshot = (id: string, status = 'active'): SubscriptionSnapshot => ({
  id, status, planId: 'growth', plan: null, priceId: 'price_growth_monthly', currentPeriodStart: 0, currentPeriodEnd: 1, cancelAtPeriodEnd: false, canceledAt: null,
});
const event = (subscription?: SubscriptionSnapshot): NormalizedStripeEvent =>
  ({ id: 'evt_1', type: 'subscription.updated', created: 1, objectId: subscription?.id ?? 'in_1', customerId: 'cus_1', ...(subscription ? { subscription } : {}) }) as NormalizedStripeEvent;

describe('duplicateSubscriptionOf', () => {
  it('names a second live subscription while the tenant has a live one', () => {
    expect(duplicateSubscriptionOf({ id: 'sub_a', status: 'active' }, event(snapshot('sub_b')))).toBe('sub_b');
    expect(duplicateSubscriptionOf({ id: 'sub_a', status: 'past_due' }, event(snapshot('sub_b', 'trialing')))).toBe('sub_b');
  });

  it('lets through the current subscription, a first one, an ended one, and events without a subscription', () => {
    expect(duplicateSubscriptionOf({ id: 'sub_a', status: 'active' }, event(snapshot('sub_a')))).toBeNull();
    expect(duplicateSubscriptionOf({ id: null, status: null }, event(snapshot('sub_b')))).toBeNull();
    expect(duplicateSubscriptionOf({ id: 'sub_a', status: 'canceled' }, event(snapshot('sub_b')))).toBeNull();
    expect(duplicateSubscriptionOf({ id: 'sub_a', status: 'active' }, event(snapshot('sub_b', 'canceled')))).toBeNull();
    expect(duplicateSubscriptionOf({ id: 'sub_a', status: 'active' }, event())).toBeNull();
  });
});
