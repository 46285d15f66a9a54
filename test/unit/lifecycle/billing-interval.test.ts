import { describe, expect, it } from 'vitest';
import { defaultPlan } from '../../../db/seed/demo-plans.js';
import { reduce, subscriptionInterval, withoutInterval, type LifecycleInput } from '../../../domain/lifecycle/index.js';
import { planIntervalOf, planPriceFor } from '../../../domain/plans/stripe-mapping.js';
import { normalizeStripeEvent } from '../../../domain/stripe/normalize.js';
import { DAY, GROWTH, STARTER, SUB_START, apply, newTenant, stripe, sub, subEvent } from './harness.js';

// Issue 13, item 3: a subscription's billing interval, from Stripe's price or the plan catalog, kept in state.
const growth = defaultPlan('growth');
const annualGrowth = sub({ priceId: 'price_growth_annual', interval: 'year' });

describe('plan prices by interval', () => {
  it('names the monthly and annual Stripe price of a plan, and the interval of each', () => {
    expect(planPriceFor(growth, 'month')).toBe('price_growth_monthly');
    expect(planPriceFor(growth, 'year')).toBe('price_growth_annual');
    expect(planPriceFor(defaultPlan('enterprise-acme'), 'year')).toBeNull();
    expect(planIntervalOf(growth, 'price_growth_annual')).toBe('year');
    expect(planIntervalOf(growth, 'price_growth_monthly')).toBe('month');
    expect(planIntervalOf(growth, 'price_someone_else')).toBeNull();
  });
});

describe('normalizing a subscription', () => {
  const event = (price: Record<string, unknown>) => ({
    id: 'evt_1', type: 'customer.subscription.updated', created: SUB_START / 1000,
    data: { object: { id: 'sub_1', status: 'active', items: { data: [{ price, current_period_start: SUB_START / 1000, current_period_end: SUB_START / 1000 + 365 * 86_400 }] } } },
  });

  it('takes the interval from the price Stripe sends', () => {
    const normalized = normalizeStripeEvent(event({ id: 'price_x', recurring: { interval: 'year', interval_count: 1 } }), { plan: GROWTH });
    expect(normalized?.subscription?.interval).toBe('year');
  });

  it('takes it from the plan catalog when the price does not say', () => {
    expect(normalizeStripeEvent(event({ id: 'price_growth_annual' }), { plan: GROWTH, interval: 'year' })?.subscription?.interval).toBe('year');
    expect(normalizeStripeEvent(event({ id: 'price_growth_annual' }), { plan: GROWTH })?.subscription).not.toHaveProperty('interval');
  });
});

describe('the interval in the lifecycle', () => {
  it('records the interval of the subscription a webhook brings', () => {
    const state = apply(newTenant(), SUB_START, stripe(subEvent('subscription.updated', 'evt_1', SUB_START, annualGrowth)));
    expect(state.plan.id).toBe('growth');
    expect(state.subscription).toMatchObject({ priceId: 'price_growth_annual', interval: 'year' });
    expect(subscriptionInterval(state)).toBe('year');
  });

  it('reads a subscription from before annual billing (no interval) as monthly, and records one a later webhook brings', () => {
    const old = apply(newTenant(), SUB_START, stripe(subEvent('subscription.updated', 'evt_1', SUB_START, sub({ plan: STARTER, priceId: 'price_starter_monthly' }))));
    expect(old.subscription).not.toHaveProperty('interval');
    expect(subscriptionInterval(old)).toBe('month');
    const later = apply(old, SUB_START + DAY, stripe(subEvent('subscription.updated', 'evt_2', SUB_START + DAY, annualGrowth)));
    expect(later.subscription?.interval).toBe('year');
  });

  it('records the interval when a webhook repeats an old subscription with nothing else changed', () => {
    const monthly = sub({ plan: STARTER, priceId: 'price_starter_monthly' });
    const old = apply(newTenant(), SUB_START, stripe(subEvent('subscription.updated', 'evt_1', SUB_START, monthly)));
    const again = apply(old, SUB_START + DAY, stripe(subEvent('subscription.updated', 'evt_2', SUB_START + DAY, { ...monthly, interval: 'month' })));
    expect(again.subscription?.interval).toBe('month');
  });

  it('an upgrade carrying an interval moves the subscription to it', () => {
    const annualStarter = apply(newTenant(), SUB_START, stripe(subEvent('subscription.updated', 'evt_1', SUB_START, sub({ plan: STARTER, priceId: 'price_starter_annual', interval: 'year' }))));
    const upgraded = apply(annualStarter, SUB_START + DAY, { kind: 'changePlan', plan: { ...GROWTH, stripePriceId: 'price_growth_annual' }, direction: 'upgrade', gaugeUsage: {}, interval: 'year' });
    expect(upgraded.subscription).toMatchObject({ planId: 'growth', priceId: 'price_growth_annual', interval: 'year' });
  });

  it('a run from before annual billing (unpatched) drops the interval from its inputs and keeps the state it had', () => {
    const input: LifecycleInput = stripe(subEvent('subscription.updated', 'evt_1', SUB_START, annualGrowth));
    const unpatched = reduce(newTenant(), withoutInterval(input), SUB_START).state;
    expect(unpatched.subscription).not.toHaveProperty('interval');
    expect(unpatched.subscription?.priceId).toBe('price_growth_annual');
    const change: LifecycleInput = { kind: 'changePlan', plan: GROWTH, direction: 'upgrade', gaugeUsage: {}, interval: 'year' };
    expect(withoutInterval(change)).not.toHaveProperty('interval');
    expect(withoutInterval({ kind: 'tick' })).toEqual({ kind: 'tick' });
  });
});
