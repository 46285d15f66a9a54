// A plan migration of one tenant (issue 13): another version of its plan, now or at period end.
import { describe, expect, it } from 'vitest';
import { effectiveEntitlements, reduce, upgradeState, validate, type LifecycleInput, type StoredTenantState } from '../../../domain/lifecycle/index.js';
import { versionFor } from '../../../domain/lifecycle/plan-migration.js';
import { defaultPlan } from '../../../db/seed/demo-plans.js';
import { FIXTURES, GROWTH, SUB_END, eventTypes, tick } from './harness.js';

const paid = () => FIXTURES['active-paid']!();
const GROWTH_V2 = { ...GROWTH, version: 2, entitlements: { ...GROWTH.entitlements, campaigns: { limit: 5 } } };
const migrate = (effective: 'now' | 'period_end', overrides: Partial<Extract<LifecycleInput, { kind: 'migratePlan' }>> = {}): LifecycleInput =>
  ({ kind: 'migratePlan', migrationId: 'mig_1', plan: GROWTH_V2, effective, gaugeUsage: { campaigns: 2 }, force: false, ...overrides });

describe('plan migration', () => {
  it('now: the tenant is on version 2 with its limits, and subscription.migrated says from and to', () => {
    const { state, now } = paid();
    expect([state.plan.id, state.plan.version]).toEqual(['growth', 1]);
    const moved = reduce(state, migrate('now'), now);
    expect([moved.state.plan.id, moved.state.plan.version]).toEqual(['growth', 2]);
    expect(effectiveEntitlements(moved.state, now).campaigns).toEqual({ value: { limit: 5 }, source: 'plan' });
    expect(moved.commands.map((c) => c.type)).toContain('syncEnforcement');
    expect(eventTypes(moved.commands)).toEqual(['subscription.migrated']);
    const event = moved.commands.find((c) => c.type === 'publishEvent');
    expect(event).toMatchObject({ event: { data: { migrationId: 'mig_1', planId: 'growth', fromVersion: 1, toVersion: 2, effective: 'now', effectiveAt: now, subscriptionId: 'sub_1' } } });
  });

  it('never applies twice: the same version again is refused SAME_PLAN and changes nothing', () => {
    const { state, now } = paid();
    const moved = reduce(state, migrate('now'), now).state;
    expect(validate(moved, migrate('now'))?.code).toBe('SAME_PLAN');
    expect(reduce(moved, migrate('now'), now + 1)).toEqual({ state: moved, commands: [] });
  });

  it('period_end: scheduled, and the tick at the period end switches the version', () => {
    const { state, now } = paid();
    const scheduled = reduce(state, migrate('period_end', { stripeScheduleId: 'sub_sched_1' }), now);
    expect(scheduled.state.plan.version).toBe(1);
    expect(scheduled.state.pendingChange).toMatchObject({ kind: 'migration', migrationId: 'mig_1', effectiveAt: SUB_END, stripeScheduleId: 'sub_sched_1' });
    expect(validate(scheduled.state, migrate('period_end'))?.code).toBe('SAME_PLAN');
    const due = reduce(scheduled.state, tick, SUB_END);
    expect([due.state.plan.version, due.state.pendingChange]).toEqual([2, null]);
    expect(eventTypes(due.commands)).not.toContain('subscription.downgraded');
  });

  it('refuses gauges over the new limits with LIMIT_EXCEEDED, unless forced', () => {
    const { state, now } = paid();
    const err = validate(state, migrate('now', { gaugeUsage: { campaigns: 9 } }));
    expect(err?.code).toBe('LIMIT_EXCEEDED');
    expect(err?.details).toMatchObject({ violations: [{ feature: 'campaigns', usage: 9, limit: 5, over: 4 }] });
    expect(reduce(state, migrate('now', { gaugeUsage: { campaigns: 9 }, force: true }), now).state.plan.version).toBe(2);
  });

  it('refuses another plan with INVALID_TRANSITION', () => {
    const { state } = paid();
    expect(validate(state, migrate('now', { plan: { ...GROWTH_V2, id: 'starter' } }))?.code).toBe('INVALID_TRANSITION');
  });

  it('a state carried from before plan versions is on version 1 and migrates', () => {
    const { state, now } = paid();
    const { version: _v, ...unversioned } = state.plan;
    const old = { ...state, plan: unversioned } as StoredTenantState;
    expect(upgradeState(old).plan.version ?? 1).toBe(1);
    expect(reduce(old, migrate('now'), now).state.plan.version).toBe(2);
  });
});

describe('the version a tenant migrates to', () => {
  const growthV2 = { ...defaultPlan('growth'), version: 2, stripePriceId: 'price_growth_v2_monthly', stripeAnnualPriceId: 'price_growth_v2_annual' };
  const billedAt = (interval: 'month' | 'year') => {
    const { state } = paid();
    return { ...state, subscription: { ...state.subscription!, interval } };
  };

  it('takes the price of the interval the subscription bills at: an annual subscriber stays annual', () => {
    expect(versionFor(billedAt('month'), growthV2)).toMatchObject({ id: 'growth', version: 2, stripePriceId: 'price_growth_v2_monthly' });
    expect(versionFor(billedAt('year'), growthV2)).toMatchObject({ id: 'growth', version: 2, stripePriceId: 'price_growth_v2_annual' });
  });

  it('has nothing for an annual subscriber when the version has no annual price', () => {
    expect(versionFor(billedAt('year'), { ...growthV2, stripeAnnualPriceId: null })).toBeNull();
    expect(versionFor(billedAt('month'), { ...growthV2, stripeAnnualPriceId: null })).toMatchObject({ stripePriceId: 'price_growth_v2_monthly' });
  });
});
