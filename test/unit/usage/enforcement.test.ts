import { describe, expect, it } from 'vitest';
import { DEFAULT_PLANS } from '../../../db/seed/demo-plans.js';
import type { Entitlements } from '../../../domain/entitlements/entitlements.js';
import { blockReason, parseEnforcementFields, toEnforcementFields, type EnforcementInput } from '../../../domain/usage/enforcement.js';

const growth = DEFAULT_PLANS.find((p) => p.id === 'growth')!;
const input = (over: Partial<EnforcementInput> = {}): EnforcementInput => ({
  version: 4, planId: 'growth', planName: 'Growth', periodStart: 1_767_225_600_000, status: 'active', paymentStatus: 'active',
  access: 'full', entitlements: entitled({ ...growth.entitlements, email_sends: { limit: null } }), trialEndsAt: null, paymentActionUrl: null, ...over,
});
function entitled(e: Entitlements, overridden: string[] = []) {
  return Object.fromEntries(Object.entries(e).map(([k, value]) => [k, { value, source: overridden.includes(k) ? 'override' as const : 'plan' as const }]));
}

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
  it('carries the hosted invoice page of a payment awaiting authentication, and none as empty', () => {
    const url = 'https://invoice.stripe.com/i/acct_1/test_sca';
    expect(toEnforcementFields(input({ paymentActionUrl: url }))._pact).toBe(url);
    expect(parseEnforcementFields(toEnforcementFields(input({ paymentActionUrl: url })), 'full')?.paymentActionUrl).toBe(url);
    expect(toEnforcementFields(input())._pact).toBe('');
    expect(parseEnforcementFields(toEnforcementFields(input()), 'full')?.paymentActionUrl).toBeNull();
    // A hash written before issue 17 has no _pact: nothing waits.
    const { _pact: _none, ...older } = toEnforcementFields(input());
    expect(parseEnforcementFields(older, 'full')?.paymentActionUrl).toBeNull();
  });

  it('stores unlimited as -1 and the warning only for a past_due tenant with full access', () => {
    expect(toEnforcementFields(input())).toMatchObject({ email_sends: '-1', campaigns: '20', '_f:advanced_analytics': '1', _warn: '', _block: '', _period: '1767225600000', _v: '4' });
    expect(toEnforcementFields(input({ paymentStatus: 'past_due' }))._warn).toBe('payment_past_due');
    expect(toEnforcementFields(input({ paymentStatus: 'restricted', access: 'read_only' }))).toMatchObject({ _warn: '', _block: 'read_only' });
  });

  it('reads back what it writes', () => {
    const nextTransition = { at: 1_769_000_000_000, to: { access: 'read_only' as const, planId: 'growth' }, reason: ['tenant.payment_status.changed', 'tenant.restricted'] };
    const written = input({ trialEndsAt: 1_768_000_000_000, paymentStatus: 'past_due', nextTransition });
    const view = parseEnforcementFields(toEnforcementFields(written), 'full');
    const { entitlements: _e, ...rest } = written;
    expect(view).toEqual({
      ...rest, warn: 'payment_past_due', block: '', overridden: [], features: { advanced_analytics: true },
      limits: { referred_users: 10_000, campaigns: 20, seats: 10, leaderboard_entries: 500, email_sends: null },
    });
  });

  it('writes the next transition as JSON in _next, and reads none from an empty, missing or unreadable field', () => {
    expect(toEnforcementFields(input({ nextTransition: null }))._next).toBe('');
    expect(toEnforcementFields(input())).not.toHaveProperty('_next');
    const fields = toEnforcementFields(input());
    for (const next of [undefined, '', '{not json', '{"at":"soon"}']) {
      expect(parseEnforcementFields(next === undefined ? fields : { ...fields, _next: next }, 'full')!.nextTransition).toBeNull();
    }
  });

  it('writes boolean features as _f: fields and marks overridden values with _o:', () => {
    const fields = toEnforcementFields(input({ entitlements: entitled({ sso: { enabled: false }, api_calls: { limit: 5 } }, ['sso']) }));
    expect(fields).toMatchObject({ '_f:sso': '0', '_o:sso': '1', api_calls: '5' });
    expect(fields).not.toHaveProperty('_o:api_calls');
    expect(parseEnforcementFields(fields, 'full')).toMatchObject({ features: { sso: false }, limits: { api_calls: 5 }, overridden: ['sso'] });
  });

  it('gives null for a record without the status fields, so readers fall back to Postgres', () => {
    const { _status: _s, ...legacy } = toEnforcementFields(input());
    expect(parseEnforcementFields(legacy, 'full')).toBeNull();
    expect(parseEnforcementFields({}, null)).toBeNull();
  });
});
