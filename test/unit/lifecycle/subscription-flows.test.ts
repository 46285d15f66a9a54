import { describe, expect, it } from 'vitest';
import { effectiveLimits, reduce, searchAttributesOf } from '../../../domain/lifecycle/index.js';
import { DAY, ENTERPRISE, FIXTURES, GROWTH, HOUR, STARTER, SUB_END, T0, apply, eventTypes, stripe, sub, subEvent, tick } from './harness.js';

const downgradePending = () => FIXTURES['downgrade-pending']!().state;

describe('downgrade at period end', () => {
  it('applies at the period end, then the renewal webhook and stale snapshots change nothing', () => {
    const s = downgradePending();
    expect(s.pendingChange).toMatchObject({ plan: { id: 'starter' }, effectiveAt: SUB_END, kind: 'downgrade' });
    expect(reduce(s, tick, SUB_END - 1).commands).toEqual([]);
    const applied = reduce(s, tick, SUB_END);
    expect(eventTypes(applied.commands)).toEqual(['subscription.downgraded']);
    expect([applied.state.plan.id, applied.state.pendingChange, effectiveLimits(applied.state).campaigns]).toEqual(['starter', null, 3]);

    const renewal = sub({ plan: STARTER, currentPeriodStart: SUB_END, currentPeriodEnd: Date.UTC(2025, 2, 16, 12) });
    const renewed = reduce(applied.state, stripe(subEvent('subscription.updated', 'evt_renewal', SUB_END + 60_000, renewal)), SUB_END + HOUR);
    expect(eventTypes(renewed.commands)).toEqual([]);
    expect(renewed.state.plan.id).toBe('starter');

    // A snapshot from before the change, delivered late, must not put the tenant back on growth.
    const stale = reduce(renewed.state, stripe(subEvent('subscription.updated', 'evt_stale', SUB_END - HOUR)), SUB_END + 2 * HOUR);
    expect(stale.state.plan.id).toBe('starter');
    expect(stale.commands).toEqual([]);
  });

  it('an upgrade before the period end drops the scheduled downgrade for good', () => {
    const upgraded = apply(downgradePending(), T0 + 3 * DAY, { kind: 'changePlan', plan: ENTERPRISE, direction: 'upgrade', gaugeUsage: {} });
    expect([upgraded.plan.id, upgraded.pendingChange, upgraded.subscription?.planId]).toEqual(['enterprise-acme', null, 'enterprise-acme']);
    expect(reduce(upgraded, tick, SUB_END).state.plan.id).toBe('enterprise-acme');
  });

  it('cancelPendingChange keeps the current plan past the period end', () => {
    const kept = apply(downgradePending(), T0 + 3 * DAY, { kind: 'cancelPendingChange' });
    expect(kept.pendingChange).toBeNull();
    expect(apply(kept, SUB_END, tick).plan.id).toBe('growth');
  });
});

describe('cancel and reactivate', () => {
  it("records the reason, ignores Stripe's confirming webhook, and ends on the free plan", () => {
    const cancelling = FIXTURES.cancelling!().state;
    expect(cancelling.subscription).toMatchObject({ cancelAtPeriodEnd: true, cancelReason: 'too expensive', canceledAt: T0 + 2 * DAY });
    const confirm = reduce(cancelling, stripe(subEvent('subscription.updated', 'evt_confirm', T0 + 2 * DAY, sub({ cancelAtPeriodEnd: true, canceledAt: T0 + 2 * DAY }))), T0 + 2 * DAY + HOUR);
    expect(confirm.commands).toEqual([]);
    const ended = reduce(confirm.state, stripe(subEvent('subscription.deleted', 'evt_end', SUB_END, sub({ status: 'canceled', cancelAtPeriodEnd: true, canceledAt: T0 + 2 * DAY }))), SUB_END);
    expect(eventTypes(ended.commands)).toEqual(['subscription.ended']);
    expect(ended.state.plan.id).toBe('free');
    expect(ended.state.subscription).toMatchObject({ status: 'canceled', cancelReason: 'too expensive' });
  });

  it('reactivation clears the cancellation', () => {
    const back = apply(FIXTURES.cancelling!().state, T0 + 3 * DAY, { kind: 'reactivate' });
    expect(back.subscription).toMatchObject({ cancelAtPeriodEnd: false, cancelReason: null, canceledAt: null });
  });
});

describe('trial conversion', () => {
  it('an upgrade during the trial ends it at once', () => {
    const upgradedAt = T0 + 5 * DAY;
    const upgraded = reduce(FIXTURES.trialing!().state, { kind: 'changePlan', plan: GROWTH, direction: 'upgrade', gaugeUsage: {} }, upgradedAt);
    expect(eventTypes(upgraded.commands)).toEqual(['subscription.upgraded']);
    expect([upgraded.state.trial, upgraded.state.trialEndedAt, upgraded.state.plan.id]).toEqual([null, upgradedAt, 'growth']);
    expect(searchAttributesOf(upgraded.state)).toEqual({ TenantId: 't1', BillingPlan: 'growth', PaymentStatus: 'active', TenantStatus: 'active', TrialEndsAt: null });
    expect(eventTypes(reduce(upgraded.state, tick, T0 + 14 * DAY).commands)).toEqual([]);
  });

  it('a snapshot whose price the caller could not resolve leaves the tenant as it was', () => {
    const trialing = FIXTURES.trialing!().state;
    const unresolved = apply(trialing, T0 + DAY, stripe(subEvent('subscription.updated', 'evt_unknown', T0 + DAY, sub({ plan: null, planId: null }))));
    expect([unresolved.plan.id, unresolved.trial?.endsAt, unresolved.subscription?.id]).toEqual(['starter', T0 + 14 * DAY, 'sub_1']);
    // The trial still ends on time: the tenant is not left on trial limits by an unmapped price.
    expect(apply(unresolved, T0 + 14 * DAY, tick).plan.id).toBe('free');
  });

  it('an incomplete checkout does not end the trial, and expiry still falls back to free', () => {
    const incomplete = apply(FIXTURES.trialing!().state, T0 + DAY, stripe(subEvent('subscription.updated', 'evt_inc', T0 + DAY, sub({ status: 'incomplete' }))));
    expect(incomplete.trial).not.toBeNull();
    expect(apply(incomplete, T0 + 14 * DAY, tick).plan.id).toBe('free');
  });
});

describe('limits', () => {
  it('overrides apply on top of whichever plan is current', () => {
    const s = apply(FIXTURES['active-paid']!().state, T0 + 3 * DAY, { kind: 'admin', action: { type: 'overrideLimits', limits: { seats: null, campaigns: 50 }, actor: 'ops' } });
    expect(effectiveLimits(s)).toMatchObject({ seats: null, campaigns: 50, email_sends: 50_000 });
    const ended = apply(s, T0 + 4 * DAY, stripe(subEvent('subscription.deleted', 'evt_end', T0 + 4 * DAY, sub({ status: 'canceled' }))));
    expect(effectiveLimits(ended)).toMatchObject({ seats: null, campaigns: 50, email_sends: 500 });
  });
});
