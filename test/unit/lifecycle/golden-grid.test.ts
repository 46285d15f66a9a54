// The golden grid: every named starting state × every input, on a fake clock. Each cell checks the
// outcome a user would notice (status, payment status, plan, access, events) plus the reducer's
// invariants (versioning, command shape, enforcement sync, purity, determinism).
import { afterAll, describe, expect, it } from 'vitest';
import { findOverride, overrideValue } from '../../../domain/entitlements/overrides.js';
import type { BillingEvent } from '../../../domain/events.js';
import { effectiveAccess, effectiveEntitlements, reduce, validate, type Command, type TenantState } from '../../../domain/lifecycle/index.js';
import { paymentActionUrl } from '../../../domain/lifecycle/payment-action.js';
import { ADMIN_ROWS, OVERRIDE_ROWS, PLAN_ROWS, STRIPE_ROWS, TICK_ROWS, type Row } from './grid-expectations.js';
import { ADMIN_INPUTS, OVERRIDE_INPUTS, PLAN_INPUTS, STRIPE_INPUTS, TICK_INPUTS, type GridInput, type GridStep } from './grid-inputs.js';
import { FIXTURES, deepFreeze, summary, type Fixture } from './harness.js';

let cells = 0;

function tokens(commands: Command[]): string[] {
  return commands.flatMap((c) => (c.type === 'resetUsage' ? ['reset'] : c.type === 'publishEvent' ? [c.event.type] : []));
}

/** Invariants every reduce at `now` must keep, whatever the cell. */
function checkStep(before: TenantState, after: TenantState, commands: Command[], now: number): void {
  if (commands.length === 0) {
    expect(after.version).toBe(before.version);
    return;
  }
  expect(after.version).toBe(before.version + 1);
  expect(commands[0]?.type).toBe('persistProjection');
  expect(commands.filter((c) => c.type === 'persistProjection')).toHaveLength(1);
  const order = commands.map((c) => c.type).filter((t, i, all) => all.indexOf(t) === i);
  const rank = { persistProjection: 0, syncEnforcement: 1, resetUsage: 2, publishEvent: 3 };
  expect(order.map((t) => rank[t])).toEqual([...order.map((t) => rank[t])].sort());
  const entitlementsOrAccessChanged = effectiveAccess(before) !== effectiveAccess(after)
    || JSON.stringify(effectiveEntitlements(before, now)) !== JSON.stringify(effectiveEntitlements(after, now));
  // The status product backends read from Redis carries paymentActionUrl too.
  const statusChanged = entitlementsOrAccessChanged || paymentActionUrl(before) !== paymentActionUrl(after);
  if (statusChanged) expect(commands.some((c) => c.type === 'syncEnforcement')).toBe(true);
  const events = commands.flatMap((c) => (c.type === 'publishEvent' ? [c.event] : []));
  expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
  checkOverrides(before, after, commands, events);
}

/** What the entitlement events say matches the overrides in state, and each of them re-syncs enforcement. */
function checkOverrides(before: TenantState, after: TenantState, commands: Command[], events: BillingEvent[]): void {
  const overrideEvents = events.filter((e) => e.type.startsWith('entitlement.'));
  if (overrideEvents.length > 0) expect(commands.some((c) => c.type === 'syncEnforcement')).toBe(true);
  for (const e of overrideEvents) {
    const { key } = e.data as { key: string };
    const kept = findOverride(after.overrides, key);
    if (e.type === 'entitlement.overridden') {
      const { enabled, limit } = e.data as { enabled?: boolean; limit?: number | null };
      expect(kept && overrideValue(kept)).toEqual(enabled === undefined ? { limit } : { enabled });
    } else {
      expect(kept).toBeUndefined();
    }
    // An expiry is published at the `until` that passed, even by a tick that comes late.
    if (e.type === 'entitlement.override_expired') expect(e.occurredAt).toBe((e.data as { until: string }).until);
  }
  const changed = JSON.stringify(before.overrides) !== JSON.stringify(after.overrides);
  if (changed) expect(overrideEvents.length + events.filter((e) => e.type === 'tenant.limits_overridden').length).toBeGreaterThan(0);
}

function run(fixture: Fixture, steps: GridStep[]): { state: TenantState; commands: Command[] } {
  let state = deepFreeze(fixture.state);
  const all: Command[] = [];
  for (const [input, now] of steps) {
    const result = reduce(state, input, now);
    expect(reduce(state, input, now)).toEqual(result); // deterministic
    checkStep(state, result.state, result.commands, now);
    all.push(...result.commands);
    state = deepFreeze(result.state);
  }
  return { state, commands: all };
}

function checkCell(fixture: Fixture, input: GridInput, expected: string): void {
  const steps = input(fixture);
  const start = fixture.state;
  if (expected.startsWith('!')) {
    const [step] = steps;
    expect(steps).toHaveLength(1);
    expect(validate(start, step![0])?.code).toBe(expected.slice(1));
    expect(reduce(deepFreeze(start), step![0], step![1])).toEqual({ state: start, commands: [] });
    return;
  }
  const { state, commands } = run(fixture, steps);
  if (expected === '=') {
    expect(commands).toEqual([]);
    expect(state.version).toBe(start.version);
    expect(summary(state)).toBe(summary(start));
    return;
  }
  const [want, events = ''] = expected.split('|').map((s) => s.trim());
  expect(summary(state)).toBe(want === 'same' ? summary(start) : want);
  expect(tokens(commands)).toEqual(events.split(/\s+/).filter((t) => t.length > 0));
}

function grid(title: string, inputs: Record<string, GridInput>, rows: Record<string, Row>): void {
  describe(title, () => {
    const missing = Object.keys(inputs).filter((name) => rows[name] === undefined);
    if (missing.length > 0) throw new Error(`rows without expectations: ${missing.join(', ')}`);
    for (const [inputName, input] of Object.entries(inputs)) {
      const row = rows[inputName]!;
      for (const [fixtureName, build] of Object.entries(FIXTURES)) {
        const expected = row[fixtureName] ?? row.others;
        if (expected === undefined) throw new Error(`no expectation for ${inputName} × ${fixtureName}`);
        cells += 1;
        it(`${fixtureName} × ${inputName} -> ${expected}`, () => checkCell(build(), input, expected));
      }
    }
  });
}

describe('golden grid', () => {
  grid('stripe events', STRIPE_INPUTS, STRIPE_ROWS);
  grid('admin actions', ADMIN_INPUTS, ADMIN_ROWS);
  grid('plan changes', PLAN_INPUTS, PLAN_ROWS);
  grid('deadlines', TICK_INPUTS, TICK_ROWS);
  grid('overrides', OVERRIDE_INPUTS, OVERRIDE_ROWS);
  afterAll(() => {
    console.log(`golden grid: ${cells} cells`);
  });
});
