import { describe, expect, it } from 'vitest';
import { nextDeadline, reduce, type TenantState } from '../../../domain/lifecycle/index.js';
import { CONFIG, DAY, FIXTURES, HOUR, T0, apply, eventTypes, newTenant, tick } from './harness.js';

/** Ticks at every deadline until `until`, collecting what happened. */
function driveUntil(state: TenantState, until: number): { state: TenantState; log: { at: number; events: string[] }[] } {
  const log: { at: number; events: string[] }[] = [];
  for (let at = nextDeadline(state); at !== null && at <= until; at = nextDeadline(state)) {
    const result = reduce(state, tick, at);
    expect(result.commands.length).toBeGreaterThan(0); // a deadline always does something
    log.push({ at, events: eventTypes(result.commands) });
    state = result.state;
  }
  return { state, log };
}

describe('the 14-day trial', () => {
  it('reminds 3 days and 1 day before the end, then falls back to the free plan', () => {
    const { state, log } = driveUntil(newTenant(), T0 + 14 * DAY);
    expect(log).toEqual([
      { at: T0 + 11 * DAY, events: ['trial.ending_soon'] },
      { at: T0 + 13 * DAY, events: ['trial.ending_soon'] },
      { at: T0 + 14 * DAY, events: ['trial.expired'] },
    ]);
    expect(state.plan.id).toBe('free');
    expect(state.trial).toBeNull();
    expect(state.trialEndedAt).toBe(T0 + 14 * DAY);
  });

  it('says how long is left in each reminder', () => {
    const s = newTenant();
    const first = reduce(s, tick, T0 + 11 * DAY).commands.find((c) => c.type === 'publishEvent');
    expect(first?.type === 'publishEvent' && first.event.data).toMatchObject({ daysLeft: 3, msLeft: 3 * DAY, endsAt: T0 + 14 * DAY });
  });

  it('sends one reminder, the nearest, when a late tick finds both due', () => {
    const result = reduce(newTenant(), tick, T0 + 13 * DAY + HOUR);
    expect(eventTypes(result.commands)).toEqual(['trial.ending_soon']);
    expect(result.state.trial?.remindersSent).toEqual([3 * DAY, DAY]);
    expect(reduce(result.state, tick, T0 + 13 * DAY + 2 * HOUR).commands).toEqual([]);
  });

  it('skips reminders longer than the trial itself (short demo trials)', () => {
    const s = newTenant(T0, { trialPeriodMs: 20_000, trialRemindersMs: [3 * DAY, 10_000] });
    expect(nextDeadline(s)).toBe(T0 + 10_000);
    const { log } = driveUntil(s, T0 + 20_000);
    expect(log.map((l) => l.events)).toEqual([['trial.ending_soon'], ['trial.expired']]);
  });

  it('an extension re-arms the reminders that now lie ahead', () => {
    const reminded = apply(newTenant(), T0 + 13 * DAY, tick); // both reminders sent
    const extended = apply(reminded, T0 + 13 * DAY, { kind: 'admin', action: { type: 'extendTrial', byMs: 7 * DAY, actor: 'ops' } });
    expect(extended.trial?.endsAt).toBe(T0 + 21 * DAY);
    const { log } = driveUntil(extended, T0 + 21 * DAY);
    expect(log.map((l) => l.at)).toEqual([T0 + 18 * DAY, T0 + 20 * DAY, T0 + 21 * DAY]);
  });
});

describe('nextDeadline', () => {
  it('is the earliest of the trial reminder, dunning step, auto-unlock, pending change and period end', () => {
    expect(nextDeadline(FIXTURES.trialing!().state)).toBe(T0 + 11 * DAY);
    expect(nextDeadline(FIXTURES.past_due!().state)).toBe(T0 + 9 * DAY);
    expect(nextDeadline(FIXTURES.restricted!().state)).toBe(T0 + 16 * DAY);
    expect(nextDeadline(FIXTURES['admin-locked']!().state)).toBe(T0 + 4 * DAY);
    expect(nextDeadline(FIXTURES['active-paid']!().state)).toBe(Date.UTC(2025, 1, 16, 12));
  });

  it('for every fixture: a tick just before changes nothing, a tick at it changes something', () => {
    for (const [name, build] of Object.entries(FIXTURES)) {
      let state = build().state;
      for (let i = 0; i < 8; i += 1) {
        const at = nextDeadline(state);
        expect(at, name).not.toBeNull();
        expect(reduce(state, tick, at! - 1).commands, `${name} before deadline ${i}`).toEqual([]);
        const result = reduce(state, tick, at!);
        expect(result.state.version, `${name} at deadline ${i}`).toBe(state.version + 1);
        state = result.state;
      }
    }
  });
});

describe('admin lock with a duration', () => {
  it('unlocks itself at lockedUntil', () => {
    const locked = apply(newTenant(), T0, { kind: 'admin', action: { type: 'lock', reason: 'abuse', actor: 'ops', durationMs: 6 * HOUR } });
    expect(locked.lockedUntil).toBe(T0 + 6 * HOUR);
    expect(nextDeadline(locked)).toBe(T0 + 6 * HOUR);
    const result = reduce(locked, tick, T0 + 6 * HOUR);
    expect(result.state.status).toBe('active');
    const unlocked = result.commands.find((c) => c.type === 'publishEvent');
    expect(unlocked?.type === 'publishEvent' && unlocked.event).toMatchObject({ type: 'tenant.unlocked', data: { auto: true } });
  });

  it('uses the configured default, and null means until an explicit unlock', () => {
    const byDefault = apply(newTenant(), T0, { kind: 'admin', action: { type: 'lock', reason: 'abuse', actor: 'ops' } });
    expect(byDefault.lockedUntil).toBe(T0 + CONFIG.defaultAdminLockMs!);
    const indefinite = apply(newTenant(), T0, { kind: 'admin', action: { type: 'lock', reason: 'abuse', actor: 'ops', durationMs: null } });
    expect(indefinite.lockedUntil).toBeNull();
    expect(reduce(indefinite, tick, T0 + 365 * DAY).state.status).toBe('locked');
  });
});

describe('override expiry', () => {
  const withOverride = (state: TenantState, until: number | null, now: number): TenantState =>
    apply(state, now, { kind: 'admin', action: { type: 'setOverride', override: { key: 'campaigns', limit: 50, reason: 'pilot', until }, actor: 'ops' } });

  it('is a deadline of every fixture: nothing before `until`, the expiry at it, then the fixture\'s own next deadline', () => {
    for (const [name, build] of Object.entries(FIXTURES)) {
      const { state, now } = build();
      const until = now + HOUR;
      const overridden = withOverride(state, until, now);
      expect(nextDeadline(overridden), name).toBe(until);
      expect(reduce(overridden, tick, until - 1).commands, name).toEqual([]);
      const expired = reduce(overridden, tick, until);
      expect(expired.commands.map((c) => c.type), name).toEqual(['persistProjection', 'syncEnforcement', 'publishEvent']);
      expect(eventTypes(expired.commands), name).toEqual(['entitlement.override_expired']);
      expect(expired.state.overrides, name).toEqual([]);
      expect(nextDeadline(expired.state), name).toBe(nextDeadline(state));
    }
  });

  it('one without `until` adds no deadline, and a later one does not hide an earlier deadline', () => {
    const trialing = FIXTURES.trialing!();
    expect(nextDeadline(withOverride(trialing.state, null, trialing.now))).toBe(T0 + 11 * DAY);
    expect(nextDeadline(withOverride(trialing.state, T0 + 12 * DAY, trialing.now))).toBe(T0 + 11 * DAY);
  });

  it('expires several overrides due together in one step, one event each, in key order', () => {
    const { state, now } = FIXTURES['active-paid']!();
    const two = apply(withOverride(state, now + HOUR, now), now, { kind: 'admin', action: { type: 'setOverride', override: { key: 'advanced_analytics', enabled: false, reason: 'pilot', until: now + HOUR }, actor: 'ops' } });
    const expired = reduce(two, tick, now + 2 * HOUR);
    const events = expired.commands.flatMap((c) => (c.type === 'publishEvent' ? [c.event] : []));
    expect(events.map((e) => [e.type, e.data, e.occurredAt])).toEqual([
      ['entitlement.override_expired', { key: 'advanced_analytics', until: new Date(now + HOUR).toISOString() }, new Date(now + HOUR).toISOString()],
      ['entitlement.override_expired', { key: 'campaigns', until: new Date(now + HOUR).toISOString() }, new Date(now + HOUR).toISOString()],
    ]);
    expect(expired.state.overrides).toEqual([]);
  });
});
