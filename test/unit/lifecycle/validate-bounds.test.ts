import { describe, expect, it } from 'vitest';
import { MAX_ADMIN_DURATION_MS, MAX_LIMIT, MAX_TIMESTAMP_MS, validate, type AdminAction, type LifecycleInput } from '../../../domain/lifecycle/index.js';
import { FIXTURES } from './harness.js';

// No admin action may carry a deadline the projection cannot store, or a limit no plan can hold:
// the update's validator refuses it, so no workflow task or activity fails on it.
const trialing = () => FIXTURES.trialing!().state;
const paid = () => FIXTURES['active-paid']!().state;
const admin = (action: AdminAction): LifecycleInput => ({ kind: 'admin', action });

describe('validate: bounded admin actions', () => {
  it('refuses a trial extension beyond the maximum, or one ending after the year 9999', () => {
    expect(validate(trialing(), admin({ type: 'extendTrial', byMs: MAX_ADMIN_DURATION_MS, actor: 'ops' }))).toBeNull();
    expect(validate(trialing(), admin({ type: 'extendTrial', byMs: MAX_ADMIN_DURATION_MS + 1, actor: 'ops' }))?.code).toBe('VALIDATION_FAILED');
    expect(validate(trialing(), admin({ type: 'extendTrial', byMs: 100_000_000 * 86_400_000, actor: 'ops' }))?.code).toBe('VALIDATION_FAILED');
    const late = { ...trialing(), trial: { ...trialing().trial!, endsAt: MAX_TIMESTAMP_MS - 1000 } };
    expect(validate(late, admin({ type: 'extendTrial', byMs: 2000, actor: 'ops' }))?.code).toBe('VALIDATION_FAILED');
  });

  it('refuses a lock longer than the maximum', () => {
    expect(validate(paid(), admin({ type: 'lock', reason: 'r', durationMs: MAX_ADMIN_DURATION_MS, actor: 'ops' }))).toBeNull();
    expect(validate(paid(), admin({ type: 'lock', reason: 'r', durationMs: MAX_ADMIN_DURATION_MS + 1, actor: 'ops' }))?.code).toBe('VALIDATION_FAILED');
  });

  it('refuses a limit override above the largest limit', () => {
    expect(validate(paid(), admin({ type: 'overrideLimits', limits: { seats: MAX_LIMIT }, actor: 'ops' }))).toBeNull();
    expect(validate(paid(), admin({ type: 'overrideLimits', limits: { seats: MAX_LIMIT + 1 }, actor: 'ops' }))?.code).toBe('VALIDATION_FAILED');
  });
});
