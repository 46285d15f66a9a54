// Workflows started before entitlements carry plan snapshots with `limits` and a `limitOverrides`
// record. upgradeState turns such a state into the current shape, once; reduce upgrades before it
// reduces, so a legacy state and its upgrade behave the same; continue-as-new carries it over.
import { describe, expect, it } from 'vitest';
import { isMeteredEntitlement, type Entitlements } from '../../../domain/entitlements/entitlements.js';
import { LEGACY_OVERRIDE_REASON, type LegacyLimits, type StoredPlanSnapshot } from '../../../domain/entitlements/legacy.js';
import { nextDeadline, reduce, upgradeState, type LifecycleInput, type StoredTenantState, type TenantState } from '../../../domain/lifecycle/index.js';
import type { PlanSnapshot } from '../../../domain/plans/types.js';
import { storedCarriedStates } from '../../support/time-skipping.js';
import { ADMIN_INPUTS, OVERRIDE_INPUTS, PLAN_INPUTS, STRIPE_INPUTS, TICK_INPUTS, type GridInput } from './grid-inputs.js';
import { DAY, FIXTURES, FREE, HOUR, STARTER, SUB_END, T0, deepFreeze, limitOf, stripe, sub, subEvent, tick } from './harness.js';

const roundTrip = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** A legacy snapshot had only metered limits: the plan's `{limit}` entitlements as a limits record. */
function legacySnapshot(plan: PlanSnapshot): StoredPlanSnapshot {
  const limits = Object.fromEntries(Object.entries(plan.entitlements).flatMap(([key, e]) => ('limit' in e ? [[key, e.limit]] : [])));
  return { id: plan.id, name: plan.name, rank: plan.rank, limits, stripePriceId: plan.stripePriceId };
}

/** The snapshot a legacy one upgrades to: the same plan with only its metered entitlements. */
function meteredOnly(plan: PlanSnapshot): PlanSnapshot {
  const entitlements: Entitlements = Object.fromEntries(Object.entries(plan.entitlements).filter(([, e]) => isMeteredEntitlement(e)));
  return { ...plan, entitlements };
}

/** The four places of a state that hold plan snapshots, each mapped by `f`. */
function mapSnapshots<P>(state: TenantState, f: (plan: PlanSnapshot) => P) {
  const subscriptions = Object.fromEntries(Object.entries(state.stripe.subscriptions).map(([id, s]) => [id, { ...s, plan: s.plan && f(s.plan) }]));
  return {
    plan: f(state.plan),
    freePlan: f(state.freePlan),
    pendingChange: state.pendingChange && { ...state.pendingChange, plan: f(state.pendingChange.plan) },
    stripe: { ...state.stripe, subscriptions },
  };
}

/**
 * `state` as a workflow written before entitlements would hold it: `limits` on the plan, the free
 * plan, the pending change and every stored subscription, `limitOverrides` instead of `overrides`.
 * The types describe only the current shape, hence the one cast.
 */
function toLegacy(state: TenantState, limitOverrides: LegacyLimits): StoredTenantState {
  const { overrides: _none, ...rest } = state;
  return { ...rest, ...mapSnapshots(state, legacySnapshot), limitOverrides } as unknown as StoredTenantState;
}

/** The state a legacy one must upgrade to, written out from the fixture it was made from. */
function expectedUpgrade(state: TenantState, overrides: TenantState['overrides']): TenantState {
  return { ...state, ...mapSnapshots(state, meteredOnly), overrides };
}

/** Every `limits` key anywhere in a value: an upgraded state has none. */
function limitsKeys(value: unknown, path = '$'): string[] {
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => [...(k === 'limits' || k === 'limitOverrides' ? [`${path}.${k}`] : []), ...limitsKeys(v, `${path}.${k}`)]);
}

const pending = FIXTURES['downgrade-pending']!();
const LIMIT_OVERRIDES = { seats: 40, email_sends: null };
const legacy = () => deepFreeze(toLegacy(pending.state, LIMIT_OVERRIDES));
const UPGRADED_OVERRIDES = [
  { key: 'email_sends', limit: null, reason: LEGACY_OVERRIDE_REASON, until: null },
  { key: 'seats', limit: 40, reason: LEGACY_OVERRIDE_REASON, until: null },
];

describe('upgradeState', () => {
  it('gives every snapshot entitlements, and turns limitOverrides into overrides that never expire', () => {
    const state = legacy();
    expect(limitsKeys(state).sort()).toEqual(['$.freePlan.limits', '$.limitOverrides', '$.pendingChange.plan.limits', '$.plan.limits', '$.stripe.subscriptions.sub_1.plan.limits']);
    const upgraded = upgradeState(state);
    expect(upgraded).toEqual(expectedUpgrade(pending.state, UPGRADED_OVERRIDES));
    expect(limitsKeys(upgraded)).toEqual([]);
    expect([limitOf(upgraded, 'seats', pending.now), limitOf(upgraded, 'email_sends', pending.now), limitOf(upgraded, 'campaigns', pending.now)]).toEqual([40, null, 20]);
  });

  it('is a no-op on an upgraded state: the same object, and equal after the payload converter', () => {
    const upgraded = upgradeState(legacy());
    expect(upgradeState(upgraded)).toBe(upgraded);
    expect(upgradeState(roundTrip(upgraded))).toEqual(upgraded);
    expect(upgradeState(pending.state)).toBe(pending.state);
  });

  it('keeps the overrides a state already has over its legacy ones of the same key', () => {
    const override = { key: 'seats', limit: 7, reason: 'pilot', until: T0 + 30 * DAY };
    const both = { ...legacy(), overrides: [override] };
    expect(upgradeState(both).overrides).toEqual([UPGRADED_OVERRIDES[0], override]);
  });

  it('upgrades every continue-as-new state of the stored histories, once', () => {
    const carried = storedCarriedStates();
    expect(carried.map((c) => c.file)).toEqual(['rollover-sync-before-reset.json', 'signal-across-continue-as-new.json', 'three-monthly-resets.json']);
    for (const { file, state } of carried) {
      expect(limitsKeys(state), file).toContain('$.plan.limits');
      const upgraded = upgradeState(deepFreeze(state));
      expect(limitsKeys(upgraded), file).toEqual([]);
      expect(upgraded.plan.entitlements, file).toEqual({ referred_users: { limit: 100 }, campaigns: { limit: 1 }, seats: { limit: 1 }, leaderboard_entries: { limit: 10 }, email_sends: { limit: 500 } });
      expect(upgraded.overrides, file).toEqual([]);
      expect(upgradeState(roundTrip(upgraded)), file).toEqual(upgraded);
    }
  });
});

/** Runs a grid input from a state; the same steps from the legacy state and from its upgrade must agree. */
function runFrom(state: StoredTenantState, steps: ReturnType<GridInput>): ReturnType<typeof reduce>[] {
  const results: ReturnType<typeof reduce>[] = [];
  let current = state;
  for (const [input, now] of steps) {
    const result = reduce(current, input, now);
    results.push(result);
    current = result.state;
  }
  return results;
}

describe('reduce on a legacy state', () => {
  const inputs = { ...STRIPE_INPUTS, ...ADMIN_INPUTS, ...PLAN_INPUTS, ...TICK_INPUTS, ...OVERRIDE_INPUTS };

  it.each(Object.keys(inputs))('equals reduce on its upgrade: %s', (name) => {
    const steps = inputs[name]!(pending);
    const fromLegacy = runFrom(legacy(), steps);
    expect(fromLegacy).toEqual(runFrom(upgradeState(legacy()), steps));
    for (const r of fromLegacy) expect(limitsKeys(r.state)).toEqual([]);
  });

  it('upgrades an input recorded before entitlements too: a changePlan and a Stripe snapshot with limits', () => {
    const paid = FIXTURES['active-paid']!();
    const downgrade = (plan: StoredPlanSnapshot): LifecycleInput => ({ kind: 'changePlan', plan: plan as PlanSnapshot, direction: 'downgrade', gaugeUsage: { campaigns: 1 } });
    const viaLegacy = reduce(paid.state, downgrade(legacySnapshot(STARTER)), paid.now + HOUR);
    expect(viaLegacy).toEqual(reduce(paid.state, downgrade(meteredOnly(STARTER)), paid.now + HOUR));
    expect(viaLegacy.state.pendingChange?.plan).toEqual(meteredOnly(STARTER));

    const renewal = sub({ plan: legacySnapshot(FREE) as PlanSnapshot, planId: 'free', currentPeriodStart: SUB_END });
    const applied = reduce(viaLegacy.state, stripe(subEvent('subscription.updated', 'evt_legacy', SUB_END, renewal)), SUB_END);
    expect(limitsKeys(applied.state)).toEqual([]);
    expect(applied.state.stripe.subscriptions.sub_1?.plan).toEqual(meteredOnly(FREE));
  });
});

describe('continue-as-new of a legacy state', () => {
  it('carries it through the payload converter into the same upgraded state, and the next run goes on from there', () => {
    // The workflow upgrades `carried.state` before its first step (workflows/tenant-lifecycle.ts).
    const carried = upgradeState(roundTrip(legacy()));
    expect(carried).toEqual(upgradeState(legacy()));
    expect(nextDeadline(carried)).toBe(nextDeadline(pending.state));
    const downgraded = reduce(carried, tick, SUB_END);
    expect(downgraded).toEqual(reduce(upgradeState(legacy()), tick, SUB_END));
    expect([downgraded.state.plan.id, limitOf(downgraded.state, 'seats', SUB_END), limitOf(downgraded.state, 'campaigns', SUB_END)]).toEqual(['starter', 40, 3]);
    // The state it carries at the next continue-as-new is already upgraded: carrying it again changes nothing.
    expect(upgradeState(roundTrip(downgraded.state))).toEqual(downgraded.state);
  });
});

/** `state` as a workflow written before issue 17 holds it: no address, tax id or payment actions. */
function beforeContact(state: TenantState): StoredTenantState {
  const { address: _a, taxId: _t, paymentActions: _p, ...rest } = state;
  return rest;
}

describe('upgradeState of a state from before the billing contact (issue 17)', () => {
  const paid = FIXTURES['active-paid']!();
  const old = () => deepFreeze(beforeContact(paid.state));

  it('adds an empty address, tax id and payment actions, once', () => {
    const upgraded = upgradeState(old());
    expect(upgraded).toEqual({ ...paid.state, address: null, taxId: null, paymentActions: {} });
    expect(upgradeState(upgraded)).toBe(upgraded);
    expect(upgradeState(roundTrip(upgraded))).toEqual(upgraded);
  });

  it('gives the stored histories\' carried states the new fields too', () => {
    for (const { file, state } of storedCarriedStates()) {
      expect(upgradeState(deepFreeze(state)), file).toMatchObject({ address: null, taxId: null, paymentActions: {} });
    }
  });

  const inputs = { ...STRIPE_INPUTS, ...PLAN_INPUTS };
  it.each(['invoice.payment_action_required', 'payment_action_required, then invoice.paid', 'updateContact', 'invoice.payment_failed'])('reduce equals reduce on its upgrade: %s', (name) => {
    const steps = inputs[name]!(paid);
    expect(runFrom(old(), steps)).toEqual(runFrom(upgradeState(old()), steps));
  });
});
