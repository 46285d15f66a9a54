// The reducer is pure and its state is plain JSON: it survives Temporal's payload converter and
// continue-as-new, never mutates its argument, and gives the same answer twice.
import { describe, expect, it } from 'vitest';
import { initialState, nextDeadline, reduce, type LifecycleInput, type TenantState } from '../../../domain/lifecycle/index.js';
import { ADMIN_INPUTS, OVERRIDE_INPUTS, PLAN_INPUTS, STRIPE_INPUTS } from './grid-inputs.js';
import { CONFIG, DAY, FIXTURES, FREE, STARTER, T0, deepFreeze, eventTypes, newTenant, tick } from './harness.js';

const roundTrip = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Every input of the grid, built against a fixture's clock; but closing, which is final and would end the walk early. */
function inputPool(): LifecycleInput[] {
  const fixture = { state: newTenant(), now: T0 };
  return [...Object.values(STRIPE_INPUTS), ...Object.values(ADMIN_INPUTS), ...Object.values(PLAN_INPUTS)]
    .flatMap((build) => build(fixture).map(([input]) => input))
    .filter((input) => !(input.kind === 'admin' && input.action.type === 'close'))
    .concat([tick]);
}

/** The override inputs (set with and without `until`, remove), built at the walk's clock so each `until` lies ahead of it. */
function overridePool(state: TenantState, now: number): LifecycleInput[] {
  return Object.values(OVERRIDE_INPUTS).flatMap((build) => build({ state, now }).map(([input]) => input)).filter((input) => input.kind === 'admin');
}

describe('purity', () => {
  it('initialState starts the trial and emits tenant.created with the standard commands', () => {
    const { state, commands } = initialState({ tenantId: 't9', now: T0, config: CONFIG, trialPlan: STARTER, freePlan: FREE });
    expect(commands.map((c) => c.type)).toEqual(['persistProjection', 'syncEnforcement', 'publishEvent']);
    expect(commands[2]).toMatchObject({ event: { id: 't9:tenant.created:v1', type: 'tenant.created' } });
    expect(state).toMatchObject({ version: 1, plan: STARTER, freePlan: FREE, trial: { startedAt: T0, endsAt: T0 + 14 * DAY, remindersSent: [] } });
  });

  it('never mutates its input and keeps state plain JSON, on a long random walk', () => {
    const pool = inputPool();
    let seed = 7;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
    let state: TenantState = deepFreeze(newTenant());
    let now = T0;
    const published = new Set<string>();
    for (let i = 0; i < 400; i += 1) {
      now += Math.floor(random() * 2 * DAY);
      const here = overridePool(state, now);
      const pick = Math.floor(random() * (pool.length + here.length));
      const input = pick < pool.length ? pool[pick]! : here[pick - pool.length]!;
      const snapshot = JSON.stringify(state);
      const result = reduce(state, input, now);
      expect(JSON.stringify(state)).toBe(snapshot);
      expect(roundTrip(result.state)).toEqual(result.state);
      expect(reduce(roundTrip(state), roundTrip(input), now)).toEqual(result);
      expect(result.state.version).toBeGreaterThanOrEqual(state.version);
      state = deepFreeze(result.state);
      const deadline = nextDeadline(state);
      if (deadline !== null && deadline > now) expect(reduce(state, tick, now).commands).toEqual([]);
      // Liveness, as the workflow loop relies on it: once the due deadlines are ticked, the next one
      // lies strictly in the future (otherwise the workflow would spin without waiting).
      const at = Math.max(now, deadline ?? now);
      const ticked = reduce(state, tick, at);
      const after = nextDeadline(ticked.state);
      if (after !== null) expect(after, `step ${i}`).toBeGreaterThan(at);
      for (const t of [...eventTypes(result.commands), ...eventTypes(ticked.commands)]) published.add(t);
    }
    // The walk reached the override deadline (and the other override paths), so the checks above covered it.
    expect([...published].filter((t) => t.startsWith('entitlement.')).sort()).toEqual(['entitlement.overridden', 'entitlement.override_expired', 'entitlement.override_removed']);
  });

  it('publishes events with deterministic ids derived from the version or the Stripe event id', () => {
    const past = FIXTURES.past_due!().state;
    const tickResult = reduce(past, tick, T0 + 9 * DAY);
    const ids = tickResult.commands.flatMap((c) => (c.type === 'publishEvent' ? [c.event.id] : []));
    expect(ids).toEqual([`t1:tenant.payment_status.changed:v${past.version + 1}`, `t1:tenant.restricted:v${past.version + 1}`]);
    const paid = FIXTURES['active-paid']!();
    const [[failure, at]] = STRIPE_INPUTS['invoice.payment_failed']!(paid) as [[LifecycleInput, number]];
    const failed = reduce(paid.state, failure, at);
    expect(failed.commands.flatMap((c) => (c.type === 'publishEvent' ? [c.event.id] : []))).toEqual([
      't1:payment.failed:evt_in3_failed',
      't1:tenant.payment_status.changed:evt_in3_failed',
    ]);
  });
});
