// The what-if preview and nextTransition (issue 13, item 6): the reducer run forward on a fake clock,
// with nothing published and the tenant's state untouched.
import { describe, expect, it } from 'vitest';
import { nextTransition, previewTimeline, type LifecycleInput, type TenantState } from '../../../domain/lifecycle/index.js';
import { CONFIG, DAY, FIXTURES, HOUR, STARTER, SUB_END, T0, deepFreeze, invoiceEvent, newTenant, stripe } from './harness.js';

const NOW = T0 + 2 * DAY;
const subscribed = (): TenantState => FIXTURES['active-paid']!().state;
const failsNow = (id = 'evt_fail_now', at = NOW): LifecycleInput => stripe(invoiceEvent('invoice.payment_failed', id, at, 'in_9'));
const downgrade: LifecycleInput = { kind: 'changePlan', plan: STARTER, direction: 'downgrade', gaugeUsage: { campaigns: 1, seats: 1 } };

describe('previewTimeline', () => {
  it('a payment failing now: past_due now, restricted at +7d, locked at +14d, and the state is untouched', () => {
    const state = subscribed();
    const before = structuredClone(state);
    deepFreeze(state);
    const preview = previewTimeline(state, { inputs: [{ at: NOW, input: failsNow() }], until: NOW + 20 * DAY });
    expect(preview.timeline.map((s) => [s.at, s.input, s.paymentStatus, s.access, s.planId])).toEqual([
      [NOW, 'stripe', 'past_due', 'full', 'growth'],
      [NOW + CONFIG.dunningRestrictAfterMs, 'tick', 'restricted', 'read_only', 'growth'],
      [NOW + CONFIG.dunningLockAfterMs, 'tick', 'locked', 'none', 'growth'],
    ]);
    expect(preview.timeline[1]!.events.map((e) => e.type)).toEqual(['tenant.payment_status.changed', 'tenant.restricted']);
    expect(preview.timeline[2]!.events).toContainEqual(expect.objectContaining({ type: 'tenant.locked', data: expect.objectContaining({ source: 'dunning' }) }));
    expect(preview).toMatchObject({ final: { status: 'active', paymentStatus: 'locked', access: 'none', planId: 'growth' }, truncated: false });
    expect(state).toEqual(before);
  });

  it('applies a scripted downgrade at the end of the billing period', () => {
    const preview = previewTimeline(subscribed(), { inputs: [{ at: NOW + HOUR, input: downgrade }], until: SUB_END + DAY });
    const changes = preview.timeline.filter((s) => s.input === 'changePlan' || s.planId !== 'growth');
    expect(changes.map((s) => [s.at, s.input, s.planId])).toEqual([[NOW + HOUR, 'changePlan', 'growth'], [SUB_END, 'tick', 'starter']]);
    expect(changes[0]!.events.map((e) => e.type)).toContain('subscription.downgrade_scheduled');
    expect(changes[1]!.events.map((e) => e.type)).toContain('subscription.downgraded');
    expect(preview.final.planId).toBe('starter');
  });

  it('reports a refused input with its code and goes on from the unchanged state', () => {
    const preview = previewTimeline(subscribed(), {
      inputs: [{ at: NOW + HOUR, input: { kind: 'cancelPendingChange' } }, { at: NOW + 2 * HOUR, input: failsNow('evt_later', NOW + 2 * HOUR) }],
      until: NOW + DAY,
    });
    expect(preview.timeline[0]).toMatchObject({ at: NOW + HOUR, input: 'cancelPendingChange', refused: { code: 'NO_PENDING_CHANGE' }, paymentStatus: 'active', events: [] });
    expect(preview.timeline[1]).toMatchObject({ at: NOW + 2 * HOUR, input: 'stripe', paymentStatus: 'past_due' });
    expect(preview.timeline[1]!.refused).toBeUndefined();
  });

  it('stops after maxSteps and says it was cut', () => {
    const preview = previewTimeline(newTenant(), { inputs: [], until: T0 + 365 * DAY, maxSteps: 2 });
    expect(preview.truncated).toBe(true);
    expect(preview.timeline.map((s) => s.at)).toEqual([T0 + 11 * DAY, T0 + 13 * DAY]);
    expect(preview.timeline.map((s) => s.events.map((e) => e.type))).toEqual([['trial.ending_soon'], ['trial.ending_soon']]);
    expect(preview.final.planId).toBe('starter');
    const whole = previewTimeline(newTenant(), { inputs: [], until: T0 + 20 * DAY });
    expect(whole.truncated).toBe(false);
    expect(whole.final.planId).toBe('free');
  });

  it('ignores inputs after until and records nothing for a step that changed nothing', () => {
    const state = subscribed();
    const replay = stripe(invoiceEvent('invoice.paid', 'evt_in1_paid', NOW, 'in_1'));
    const preview = previewTimeline(state, { inputs: [{ at: NOW, input: replay }, { at: NOW + 2 * DAY, input: failsNow() }], until: NOW + DAY });
    expect(preview.timeline).toEqual([]);
    expect(preview.final).toEqual({ status: 'active', paymentStatus: 'active', access: 'full', planId: 'growth' });
  });

  it('from a stale state, the first tick at `from` catches up each missed deadline', () => {
    const { state } = FIXTURES.past_due!();
    const preview = previewTimeline(state, { inputs: [], until: NOW + 20 * DAY, from: NOW + 20 * DAY });
    expect(preview.timeline).toHaveLength(1);
    expect(preview.timeline[0]).toMatchObject({ at: NOW + 20 * DAY, input: 'tick', paymentStatus: 'locked', access: 'none' });
    expect(preview.timeline[0]!.events.map((e) => e.type)).toEqual(['tenant.payment_status.changed', 'tenant.restricted', 'tenant.payment_status.changed', 'tenant.locked']);
  });
});

describe('nextTransition', () => {
  it('on a trial: the trial end, to the free plan', () => {
    const state = deepFreeze(newTenant());
    expect(nextTransition(state, T0 + DAY)).toEqual({ at: T0 + CONFIG.trialPeriodMs, to: { access: 'full', planId: 'free' }, reason: expect.arrayContaining(['trial.expired']) });
  });

  it('past due: restricted on day 7 of dunning', () => {
    const { state, now } = FIXTURES.past_due!();
    expect(nextTransition(state, now)).toEqual({ at: NOW + 7 * DAY, to: { access: 'read_only', planId: 'growth' }, reason: ['tenant.payment_status.changed', 'tenant.restricted'] });
  });

  it('a deadline already missed at `now` changes access at `now`', () => {
    const { state } = FIXTURES.past_due!();
    expect(nextTransition(state, NOW + 8 * DAY)).toMatchObject({ at: NOW + 8 * DAY, to: { access: 'read_only' } });
  });

  it('a paid tenant with nothing pending has none (usage resets change neither access nor plan)', () => {
    expect(nextTransition(subscribed(), NOW)).toBeNull();
  });

  it('a scheduled downgrade: the period end, to the lower plan', () => {
    const { state, now } = FIXTURES['downgrade-pending']!();
    expect(nextTransition(state, now)).toMatchObject({ at: SUB_END, to: { access: 'full', planId: 'starter' } });
  });
});
