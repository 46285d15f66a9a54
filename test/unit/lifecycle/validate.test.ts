import { describe, expect, it } from 'vitest';
import { TenureError } from '../../../domain/errors.js';
import { reduce, validate, type AdminAction, type LifecycleInput } from '../../../domain/lifecycle/index.js';
import { ENTERPRISE, FIXTURES, FREE, GROWTH, STARTER, T0, apply, invoiceEvent } from './harness.js';

const paid = () => FIXTURES['active-paid']!().state;
const downgrade = (gaugeUsage: Record<string, number>, plan = STARTER): LifecycleInput => ({ kind: 'changePlan', plan, direction: 'downgrade', gaugeUsage });
const admin = (action: AdminAction): LifecycleInput => ({ kind: 'admin', action });

describe('validate: plan changes', () => {
  it('refuses a downgrade while a gauge metric is over the target limit, naming it and by how much', () => {
    const error = validate(paid(), downgrade({ campaigns: 5, seats: 2 }));
    expect(error).toBeInstanceOf(TenureError);
    expect(error?.code).toBe('DOWNGRADE_BLOCKED_BY_USAGE');
    expect(error?.status).toBe(422);
    expect(error?.details).toMatchObject({ metric: 'campaigns', usage: 5, limit: 3, over: 2 });
    expect(error?.message).toMatch(/campaigns/);
    expect(error?.message).toMatch(/2 over/);
  });

  it('lists every gauge metric over its limit, and counts seats too', () => {
    const error = validate(paid(), downgrade({ campaigns: 4, seats: 7 }));
    expect(error?.details?.violations).toEqual([
      { metric: 'campaigns', feature: 'campaigns', usage: 4, limit: 3, over: 1 },
      { metric: 'seats', feature: 'seats', usage: 7, limit: 3, over: 4 },
    ]);
    expect(validate(paid(), downgrade({ seats: 4 }))?.details).toMatchObject({ metric: 'seats', over: 1 });
  });

  it('allows usage exactly at the limit, and measures against overridden limits', () => {
    expect(validate(paid(), downgrade({ campaigns: 3, seats: 3 }))).toBeNull();
    const overridden = apply(paid(), T0, admin({ type: 'overrideLimits', limits: { campaigns: 10 }, actor: 'ops' }));
    expect(validate(overridden, downgrade({ campaigns: 5 }))).toBeNull();
  });

  it('rejects the same plan and the wrong direction', () => {
    expect(validate(paid(), { kind: 'changePlan', plan: GROWTH, direction: 'upgrade', gaugeUsage: {} })?.code).toBe('SAME_PLAN');
    const wrongWay = validate(paid(), { kind: 'changePlan', plan: ENTERPRISE, direction: 'downgrade', gaugeUsage: {} });
    expect(wrongWay?.code).toBe('VALIDATION_FAILED');
    expect(wrongWay?.details).toMatchObject({ direction: 'downgrade', fromPlanId: 'growth', toPlanId: 'enterprise-acme' });
    expect(validate(paid(), { kind: 'changePlan', plan: FREE, direction: 'upgrade', gaugeUsage: {} })?.code).toBe('VALIDATION_FAILED');
    expect(validate(paid(), downgrade({ campaigns: -1 }))?.code).toBe('VALIDATION_FAILED');
  });

  it('cancel, reactivate and cancelPendingChange need something to act on', () => {
    const trialing = FIXTURES.trialing!().state;
    expect(validate(trialing, { kind: 'cancel', reason: null })?.code).toBe('NO_SUBSCRIPTION');
    expect(validate(FIXTURES.cancelling!().state, { kind: 'cancel', reason: null })?.code).toBe('INVALID_TRANSITION');
    expect(validate(paid(), { kind: 'reactivate' })?.code).toBe('INVALID_TRANSITION');
    expect(validate(paid(), { kind: 'cancelPendingChange' })?.code).toBe('NO_PENDING_CHANGE');
    expect(validate(FIXTURES['downgrade-pending']!().state, { kind: 'cancelPendingChange' })).toBeNull();
  });
});

describe('validate: admin actions', () => {
  it('unlock needs an admin lock; a payment lock is not one', () => {
    const error = validate(FIXTURES['payment-locked']!().state, admin({ type: 'unlock', actor: 'ops' }));
    expect(error?.code).toBe('INVALID_TRANSITION');
    expect(error?.details).toMatchObject({ status: 'active', paymentStatus: 'locked' });
  });

  it('extendTrial needs a running trial and a positive duration', () => {
    expect(validate(paid(), admin({ type: 'extendTrial', byMs: 1000, actor: 'ops' }))?.code).toBe('INVALID_TRANSITION');
    expect(validate(FIXTURES.trialing!().state, admin({ type: 'extendTrial', byMs: 0, actor: 'ops' }))?.code).toBe('VALIDATION_FAILED');
  });

  it('checks reasons, actors, durations, metrics and coupons', () => {
    const s = paid();
    expect(validate(s, admin({ type: 'suspend', reason: ' ', actor: 'ops' }))?.code).toBe('VALIDATION_FAILED');
    expect(validate(s, admin({ type: 'suspend', reason: 'tos', actor: '' }))?.code).toBe('VALIDATION_FAILED');
    expect(validate(s, admin({ type: 'lock', reason: 'x', actor: 'ops', durationMs: -5 }))?.code).toBe('VALIDATION_FAILED');
    expect(validate(s, admin({ type: 'overrideLimits', limits: {}, actor: 'ops' }))?.code).toBe('VALIDATION_FAILED');
    expect(validate(s, admin({ type: 'overrideLimits', limits: { 'Not A Key': 3 }, actor: 'ops' }))?.details).toMatchObject({ metric: 'Not A Key' });
    // The reducer has no catalog: a well-formed key it has never heard of is the service's to refuse.
    expect(validate(s, admin({ type: 'overrideLimits', limits: { widgets: 3 }, actor: 'ops' }))).toBeNull();
    expect(validate(s, admin({ type: 'overrideLimits', limits: { seats: 2.5 }, actor: 'ops' }))?.code).toBe('VALIDATION_FAILED');
    expect(validate(s, admin({ type: 'overrideLimits', limits: { seats: null }, actor: 'ops' }))).toBeNull();
    expect(validate(s, admin({ type: 'applyDiscount', couponId: '', actor: 'ops' }))?.code).toBe('VALIDATION_FAILED');
  });
});

describe('validate and reduce agree', () => {
  it('reduce ignores what validate rejects (a signal has no validator)', () => {
    const s = paid();
    const input = admin({ type: 'unlock', actor: 'ops' });
    expect(validate(s, input)).not.toBeNull();
    expect(reduce(s, input, T0)).toEqual({ state: s, commands: [] });
  });

  it('rejects malformed Stripe events', () => {
    const event = { ...invoiceEvent('invoice.paid', 'evt_x', T0, 'in_1'), invoice: undefined };
    expect(validate(paid(), { kind: 'stripe', event })?.code).toBe('VALIDATION_FAILED');
    expect(validate(paid(), { kind: 'tick' })).toBeNull();
  });
});
