import { describe, expect, it } from 'vitest';
import { effectiveEntitlements, reduce, validate } from '../../../domain/lifecycle/index.js';
import { DAY, ENTERPRISE, FIXTURES, GROWTH, HOUR, STARTER, SUB_END, T0, apply, eventTypes, limitOf, stripe, sub, subEvent, tick } from './harness.js';

const downgradePending = () => FIXTURES['downgrade-pending']!().state;

describe('downgrade at period end', () => {
  it('applies at the period end, then the renewal webhook and stale snapshots change nothing', () => {
    const s = downgradePending();
    expect(s.pendingChange).toMatchObject({ plan: { id: 'starter' }, effectiveAt: SUB_END, kind: 'downgrade' });
    expect(reduce(s, tick, SUB_END - 1).commands).toEqual([]);
    const applied = reduce(s, tick, SUB_END);
    expect(eventTypes(applied.commands)).toEqual(['subscription.downgraded']);
    expect([applied.state.plan.id, applied.state.pendingChange, limitOf(applied.state, 'campaigns', SUB_END)]).toEqual(['starter', null, 3]);

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
  // Issue 10, item 9: an upgrade needs a live subscription; a trial converts through checkout, whose
  // subscription webhook ends the trial (the 'trialing × sub.updated' cells of the golden grid).
  it('refuses an upgrade during a trial without a subscription, and the trial runs on', () => {
    const trialing = FIXTURES.trialing!().state;
    const input = { kind: 'changePlan', plan: GROWTH, direction: 'upgrade', gaugeUsage: {} } as const;
    expect(validate(trialing, input)?.code).toBe('NO_SUBSCRIPTION');
    const refused = reduce(trialing, input, T0 + 5 * DAY);
    expect(refused.commands).toEqual([]);
    expect([refused.state.trial, refused.state.plan.id]).toEqual([trialing.trial, trialing.plan.id]);
  });

  it('an upgrade Stripe holds pending payment changes nothing until the paid snapshot arrives', () => {
    const paid = FIXTURES['active-paid']!().state;
    const pending = reduce(paid, { kind: 'changePlan', plan: ENTERPRISE, direction: 'upgrade', gaugeUsage: {}, paymentPending: true }, T0 + 3 * DAY);
    expect(pending.commands).toEqual([]);
    expect(pending.state.plan.id).toBe(paid.plan.id);
    expect(effectiveEntitlements(pending.state, T0 + 3 * DAY)).toEqual(effectiveEntitlements(paid, T0 + 3 * DAY));
    const applied = reduce(pending.state, stripe(subEvent('subscription.updated', 'evt_paid_upgrade', T0 + 3 * DAY + 60_000, sub({ plan: ENTERPRISE }))), T0 + 3 * DAY + HOUR);
    expect(eventTypes(applied.commands)).toEqual(['subscription.upgraded']);
    expect(applied.state.plan.id).toBe('enterprise-acme');
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
    expect(effectiveEntitlements(s, T0 + 3 * DAY)).toMatchObject({
      seats: { value: { limit: null }, source: 'override' }, campaigns: { value: { limit: 50 }, source: 'override' }, email_sends: { value: { limit: 50_000 }, source: 'plan' },
    });
    const ended = apply(s, T0 + 4 * DAY, stripe(subEvent('subscription.deleted', 'evt_end', T0 + 4 * DAY, sub({ status: 'canceled' }))));
    expect(effectiveEntitlements(ended, T0 + 4 * DAY)).toMatchObject({
      seats: { value: { limit: null }, source: 'override' }, campaigns: { value: { limit: 50 }, source: 'override' }, email_sends: { value: { limit: 500 }, source: 'plan' },
    });
  });
});
