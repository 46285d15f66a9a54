import { describe, expect, it } from 'vitest';
import { DEFAULT_PLANS } from '../../../db/seed/demo-plans.js';
import { blockReason, parseEnforcementFields, toEnforcementFields, type EnforcementInput } from '../../../domain/usage/enforcement.js';

const growth = DEFAULT_PLANS.find((p) => p.id === 'growth')!;
const input = (over: Partial<EnforcementInput> = {}): EnforcementInput => ({
  version: 4, planId: 'growth', planName: 'Growth', periodStart: 1_767_225_600_000, status: 'active', paymentStatus: 'active',
  access: 'full', limits: { ...growth.limits, email_sends: null }, trialEndsAt: null, ...over,
});

describe('blockReason', () => {
  it('tells locks, suspension and restriction apart, lock first', () => {
    expect(blockReason('active', 'active')).toBe('');
    expect(blockReason('active', 'past_due')).toBe('');
    expect(blockReason('active', 'restricted')).toBe('read_only');
    expect(blockReason('active', 'locked')).toBe('locked');
    expect(blockReason('locked', 'active')).toBe('locked');
    expect(blockReason('suspended', 'active')).toBe('suspended');
    expect(blockReason('suspended', 'locked')).toBe('locked');
    expect(blockReason('suspended', 'restricted')).toBe('suspended');
  });
});

describe('the Redis enforcement record', () => {
  it('stores unlimited as -1 and the warning only for a past_due tenant with full access', () => {
    expect(toEnforcementFields(input())).toMatchObject({ email_sends: '-1', campaigns: '20', _warn: '', _block: '', _period: '1767225600000', _v: '4' });
    expect(toEnforcementFields(input({ paymentStatus: 'past_due' }))._warn).toBe('payment_past_due');
    expect(toEnforcementFields(input({ paymentStatus: 'restricted', access: 'read_only' }))).toMatchObject({ _warn: '', _block: 'read_only' });
  });

  it('reads back what it writes', () => {
    const written = input({ trialEndsAt: 1_768_000_000_000, paymentStatus: 'past_due' });
    const view = parseEnforcementFields(toEnforcementFields(written), 'full');
    expect(view).toEqual({ ...written, warn: 'payment_past_due', block: '' });
  });

  it('gives null for a record without the status fields, so readers fall back to Postgres', () => {
    const { _status: _s, ...legacy } = toEnforcementFields(input());
    expect(parseEnforcementFields(legacy, 'full')).toBeNull();
    expect(parseEnforcementFields({}, null)).toBeNull();
  });
});
