// The preview's public inputs, as the route and the CLI take them, turned into the reducer's inputs.
import { describe, expect, it } from 'vitest';
import { previewUntil, toScriptedInputs, MAX_PREVIEW_MS } from '../../../domain/lifecycle/preview-inputs.js';
import { TenureError } from '../../../domain/errors.js';
import { DAY, FIXTURES, HOUR, STARTER, T0 } from './harness.js';

const NOW = T0 + 2 * DAY;
const state = () => FIXTURES['active-paid']!().state;
const ctx = { now: NOW, plans: new Map([['starter', STARTER]]), gaugeUsage: { seats: 2 }, actor: 'admin-1' };
const codeOf = (f: () => unknown) => { try { f(); return null; } catch (err) { return (err as TenureError).code; } };

describe('toScriptedInputs', () => {
  it('dates each input now, at a date-time, or after a duration, and never before now', () => {
    const inputs = toScriptedInputs(state(), [
      { type: 'payment_failed' }, { type: 'payment_succeeded', after: '3d' }, { type: 'cancel', at: new Date(NOW + HOUR).toISOString(), reason: 'moving' },
      { type: 'reactivate', at: new Date(NOW - DAY).toISOString() },
    ], ctx);
    expect(inputs.map((i) => [i.at - NOW, i.input.kind])).toEqual([[0, 'stripe'], [3 * DAY, 'stripe'], [HOUR, 'cancel'], [0, 'reactivate']]);
    expect(inputs[0]!.input).toMatchObject({ event: { type: 'invoice.payment_failed', id: 'evt_preview_0', invoice: { subscriptionId: state().subscription!.id } } });
    expect(inputs[1]!.input).toMatchObject({ event: { type: 'invoice.paid', created: NOW + 3 * DAY } });
    expect(inputs[2]!.input).toEqual({ kind: 'cancel', reason: 'moving' });
  });

  it('a downgrade carries the plan and the gauges; admin inputs the actor and durations', () => {
    const [down, lock, extend] = toScriptedInputs(state(), [
      { type: 'downgrade', planId: 'starter' }, { type: 'lock', reason: 'abuse', duration: '2d' }, { type: 'extend_trial', duration: '7d' },
    ], ctx);
    expect(down!.input).toEqual({ kind: 'changePlan', plan: STARTER, direction: 'downgrade', gaugeUsage: { seats: 2 } });
    expect(lock!.input).toEqual({ kind: 'admin', action: { type: 'lock', reason: 'abuse', actor: 'admin-1', durationMs: 2 * DAY } });
    expect(extend!.input).toEqual({ kind: 'admin', action: { type: 'extendTrial', byMs: 7 * DAY, actor: 'admin-1' } });
  });

  it('refuses with a code naming the input', () => {
    expect(codeOf(() => toScriptedInputs(state(), [{ type: 'upgrade' }], ctx))).toBe('VALIDATION_FAILED');
    expect(codeOf(() => toScriptedInputs(state(), [{ type: 'upgrade', planId: 'enterprise' }], ctx))).toBe('PLAN_NOT_FOUND');
    expect(codeOf(() => toScriptedInputs(state(), [{ type: 'extend_trial' }], ctx))).toBe('VALIDATION_FAILED');
    expect(codeOf(() => toScriptedInputs(state(), [{ type: 'cancel', at: 'soon' }], ctx))).toBe('VALIDATION_FAILED');
    expect(codeOf(() => toScriptedInputs(state(), [{ type: 'cancel', at: new Date(NOW).toISOString(), after: '1d' }], ctx))).toBe('VALIDATION_FAILED');
    expect(codeOf(() => toScriptedInputs(state(), [{ type: 'cancel', after: '401d' }], ctx))).toBe('VALIDATION_FAILED');
    expect(codeOf(() => toScriptedInputs(state(), Array.from({ length: 51 }, () => ({ type: 'reactivate' as const })), ctx))).toBe('VALIDATION_FAILED');
  });
});

describe('previewUntil', () => {
  it('takes a duration or a date-time between now and 400 days ahead', () => {
    expect(previewUntil('30d', NOW)).toBe(NOW + 30 * DAY);
    expect(previewUntil(new Date(NOW + DAY).toISOString(), NOW)).toBe(NOW + DAY);
    expect(previewUntil(new Date(NOW + MAX_PREVIEW_MS).toISOString(), NOW)).toBe(NOW + MAX_PREVIEW_MS);
    for (const bad of ['401d', 'later', new Date(NOW - 1).toISOString(), '2026-13-45T00:00:00Z']) expect(codeOf(() => previewUntil(bad, NOW))).toBe('VALIDATION_FAILED');
  });
});
