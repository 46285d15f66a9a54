import { describe, expect, it } from 'vitest';
import { addMonthsClamped, nextDeadline, periodContaining, reduce, type Command, type TenantState } from '../../../domain/lifecycle/index.js';
import { DAY, GROWTH, HOUR, apply, newTenant, stripe, sub, subEvent, tick } from './harness.js';

const utc = (y: number, m: number, d: number, h = 0): number => Date.UTC(y, m - 1, d, h);
const iso = (t: number): string => new Date(t).toISOString().slice(0, 10);

/** Ticks `count` times at the next deadline and returns each usage reset. */
function resets(state: TenantState, count: number): { period: string; next: string }[] {
  const seen: { period: string; next: string }[] = [];
  for (let i = 0; i < count; i += 1) {
    const at = nextDeadline(state)!;
    const result = reduce(state, tick, at);
    const reset = result.commands.find((c): c is Extract<Command, { type: 'resetUsage' }> => c.type === 'resetUsage');
    if (reset) seen.push({ period: `${iso(reset.period.start)}..${iso(reset.period.end)}`, next: `${iso(reset.nextPeriod.start)}..${iso(reset.nextPeriod.end)}` });
    state = result.state;
  }
  return seen;
}

describe('month arithmetic', () => {
  it('clamps to the month end without drifting', () => {
    const jan31 = utc(2025, 1, 31, 9);
    expect([1, 2, 3, 13].map((n) => iso(addMonthsClamped(jan31, n)))).toEqual(['2025-02-28', '2025-03-31', '2025-04-30', '2026-02-28']);
    expect(iso(addMonthsClamped(utc(2024, 1, 31), 1))).toBe('2024-02-29');
    expect(addMonthsClamped(jan31, 1) % DAY).toBe(9 * HOUR);
  });

  it('finds the period containing a time, boundaries included at the start', () => {
    const anchor = utc(2025, 1, 31);
    expect(periodContaining(anchor, utc(2025, 3, 1))).toEqual({ start: utc(2025, 2, 28), end: utc(2025, 3, 31) });
    expect(periodContaining(anchor, utc(2025, 3, 31))).toEqual({ start: utc(2025, 3, 31), end: utc(2025, 4, 30) });
  });
});

describe('monthly usage resets', () => {
  it('anchor on the creation day: three resets from Jan 31, clamped to Feb 28, back to Mar 31', () => {
    const tenant = newTenant(utc(2025, 1, 31, 10));
    expect(tenant.usagePeriod).toEqual({ start: utc(2025, 1, 31, 10), end: utc(2025, 2, 28, 10) });
    // Trial reminders and expiry come first; only the usage boundaries produce resets.
    expect(resets(tenant, 6)).toEqual([
      { period: '2025-01-31..2025-02-28', next: '2025-02-28..2025-03-31' },
      { period: '2025-02-28..2025-03-31', next: '2025-03-31..2025-04-30' },
      { period: '2025-03-31..2025-04-30', next: '2025-04-30..2025-05-31' },
    ]);
  });

  it('anchor on the billing cycle once subscribed', () => {
    const start = utc(2025, 1, 10, 8);
    const end = utc(2025, 2, 10, 8);
    const subscribed = reduce(newTenant(utc(2025, 1, 3)), stripe(subEvent('subscription.updated', 'evt_1', start, sub({ currentPeriodStart: start, currentPeriodEnd: end }))), start);
    // Subscribing closes the creation-anchored period early and starts the billing-anchored one.
    const reset = subscribed.commands.find((c) => c.type === 'resetUsage');
    expect(reset).toEqual({ type: 'resetUsage', period: { start: utc(2025, 1, 3), end: start }, nextPeriod: { start, end } });
    expect(resets(subscribed.state, 3).map((r) => r.next)).toEqual(['2025-02-10..2025-03-10', '2025-03-10..2025-04-10', '2025-04-10..2025-05-10']);
  });

  it("takes the renewal snapshot's period end when it arrives", () => {
    const start = utc(2025, 1, 31);
    const s = apply(newTenant(start), start, stripe(subEvent('subscription.updated', 'evt_1', start, sub({ currentPeriodStart: start, currentPeriodEnd: utc(2025, 2, 28) }))));
    const rolled = apply(s, utc(2025, 2, 28), tick);
    expect(rolled.usagePeriod).toEqual({ start: utc(2025, 2, 28), end: utc(2025, 3, 31) });
    const renewal = sub({ plan: GROWTH, currentPeriodStart: utc(2025, 2, 28), currentPeriodEnd: utc(2025, 3, 31) });
    const renewed = reduce(rolled, stripe(subEvent('subscription.updated', 'evt_2', utc(2025, 2, 28, 1), renewal)), utc(2025, 2, 28, 1));
    expect(renewed.commands.some((c) => c.type === 'resetUsage')).toBe(false);
    expect(renewed.state.usagePeriod).toEqual({ start: utc(2025, 2, 28), end: utc(2025, 3, 31) });
  });

  it('a tick after a long outage resets once, into the period containing now', () => {
    const tenant = newTenant(utc(2025, 1, 15));
    const late = reduce(tenant, tick, utc(2025, 4, 20));
    const reset = late.commands.find((c) => c.type === 'resetUsage');
    expect(reset).toMatchObject({ period: { start: utc(2025, 1, 15), end: utc(2025, 2, 15) }, nextPeriod: { start: utc(2025, 4, 15), end: utc(2025, 5, 15) } });
    expect(reduce(late.state, tick, utc(2025, 4, 20)).commands).toEqual([]);
  });
});
