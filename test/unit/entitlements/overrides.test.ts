import { describe, expect, it } from 'vitest';
import { expireOverrides, nextOverrideDeadline } from '../../../domain/entitlements/expiry.js';
import {
  removeOverride, setOverride, tenantsOverridingFeature, toOverride, validateOverride, type EntitlementOverride, type OverrideInput,
} from '../../../domain/entitlements/overrides.js';
import { CATALOG } from './catalog.js';

const NOW = Date.UTC(2026, 2, 1);
const HOUR = 3_600_000;
const o = (key: string, until: number | null, value: { enabled: boolean } | { limit: number | null } = { enabled: true }): EntitlementOverride =>
  ({ key, ...value, reason: 'pilot', until });

describe('validateOverride', () => {
  it.each<[string, OverrideInput]>([
    ['a boolean turned on for good', { key: 'sso', enabled: true, reason: 'trial of SSO' }],
    ['a boolean turned off until later', { key: 'sso', enabled: false, reason: 'abuse', until: NOW + HOUR }],
    ['a gauge limit', { key: 'seats', limit: 50, reason: 'discount' }],
    ['an unlimited monthly feature', { key: 'api_calls', limit: null, reason: 'migration', until: null }],
    ['a read cap', { key: 'leaderboard_entries', limit: 0, reason: 'hide' }],
  ])('accepts %s', (_what, input) => {
    expect(validateOverride(input, CATALOG, NOW)).toBeNull();
  });

  it.each<[string, OverrideInput, Record<string, unknown>]>([
    ['an unknown feature', { key: 'storage_mb', limit: 1, reason: 'x' }, { feature: 'storage_mb', problem: 'unknown_feature' }],
    ['a limit on a boolean', { key: 'sso', limit: 1, reason: 'x' }, { feature: 'sso', problem: 'wrong_kind' }],
    ['a flag on a gauge', { key: 'seats', enabled: true, reason: 'x' }, { feature: 'seats', problem: 'wrong_kind' }],
    ['neither flag nor limit', { key: 'seats', reason: 'x' }, { feature: 'seats', problem: 'wrong_kind' }],
    ['both flag and limit', { key: 'sso', enabled: true, limit: 1, reason: 'x' }, { feature: 'sso', problem: 'wrong_kind' }],
    ['a negative limit', { key: 'seats', limit: -5, reason: 'x' }, { feature: 'seats', problem: 'wrong_kind' }],
    ['a blank reason', { key: 'sso', enabled: true, reason: ' ' }, { feature: 'sso', field: 'reason' }],
    ['an over-long reason', { key: 'sso', enabled: true, reason: 'r'.repeat(501) }, { feature: 'sso', field: 'reason' }],
    ['an until now', { key: 'sso', enabled: true, reason: 'x', until: NOW }, { feature: 'sso', field: 'until' }],
    ['an until in the past', { key: 'sso', enabled: true, reason: 'x', until: NOW - 1 }, { feature: 'sso', field: 'until' }],
    ['an until after year 9999', { key: 'sso', enabled: true, reason: 'x', until: Date.UTC(10000, 0, 1) }, { feature: 'sso', field: 'until' }],
  ])('refuses %s with VALIDATION_FAILED naming the feature', (_what, input, details) => {
    expect(validateOverride(input, CATALOG, NOW)).toMatchObject({ code: 'VALIDATION_FAILED', details });
  });
});

describe('setting and removing overrides', () => {
  it('stores a validated input with until null when none is given', () => {
    expect(toOverride({ key: 'seats', limit: 9, reason: 'r' })).toEqual({ key: 'seats', limit: 9, reason: 'r', until: null });
    expect(toOverride({ key: 'sso', enabled: false, reason: 'r', until: NOW + HOUR })).toEqual({ key: 'sso', enabled: false, reason: 'r', until: NOW + HOUR });
  });

  it('keeps one override per key, sorted by key, and removes by key', () => {
    let list = setOverride([], o('sso', null));
    list = setOverride(list, o('api_calls', NOW + HOUR, { limit: 5 }));
    list = setOverride(list, o('sso', NOW + 2 * HOUR, { enabled: false }));
    expect(list).toEqual([o('api_calls', NOW + HOUR, { limit: 5 }), o('sso', NOW + 2 * HOUR, { enabled: false })]);
    expect(removeOverride(list, 'sso')).toEqual([o('api_calls', NOW + HOUR, { limit: 5 })]);
    expect(removeOverride(list, 'seats')).toEqual(list);
  });

  it('names the tenants whose overrides use a feature', () => {
    const tenants = [{ tenantId: 'a', overrides: [o('sso', null)] }, { tenantId: 'b', overrides: [] }, { tenantId: 'c', overrides: [o('seats', null, { limit: 1 }), o('sso', 5)] }];
    expect(tenantsOverridingFeature('sso', tenants)).toEqual(['a', 'c']);
    expect(tenantsOverridingFeature('api_calls', tenants)).toEqual([]);
  });
});

describe('override expiry', () => {
  const list = [o('api_calls', NOW + 2 * HOUR, { limit: 5 }), o('seats', null, { limit: 1 }), o('sso', NOW + HOUR)];

  it('gives the earliest until, ignoring overrides that never expire', () => {
    expect(nextOverrideDeadline(list)).toBe(NOW + HOUR);
    expect(nextOverrideDeadline([o('seats', null)])).toBeNull();
    expect(nextOverrideDeadline([])).toBeNull();
  });

  it.each([
    ['before any until', NOW, [], ['api_calls', 'seats', 'sso']],
    ['one ms before the first', NOW + HOUR - 1, [], ['api_calls', 'seats', 'sso']],
    ['exactly at the first until', NOW + HOUR, ['sso'], ['api_calls', 'seats']],
    ['after both', NOW + 3 * HOUR, ['api_calls', 'sso'], ['seats']],
  ])('at %s, expires %j and keeps %j', (_when, now, expired, kept) => {
    const split = expireOverrides(list, now);
    expect(split.expired.map((x) => x.key)).toEqual(expired);
    expect(split.kept.map((x) => x.key)).toEqual(kept);
  });

  it('moves the next deadline strictly past `now` once the due overrides are removed (the workflow never spins)', () => {
    for (const now of [NOW + HOUR, NOW + 2 * HOUR, NOW + 5 * HOUR]) {
      const next = nextOverrideDeadline(expireOverrides(list, now).kept);
      if (next !== null) expect(next).toBeGreaterThan(now);
    }
  });
});
