import { describe, expect, it } from 'vitest';
import { applyFeatureUpdate, isFeatureKey, validateFeature, validateFeatureUpdate, type Feature } from '../../../domain/entitlements/features.js';
import { plansNamingFeature, validateEntitlements, type Entitlements } from '../../../domain/entitlements/entitlements.js';
import { CATALOG, SEATS, SSO } from './catalog.js';

describe('feature keys', () => {
  it.each([
    ['sso', true], ['api_calls', true], ['storage-mb', true], ['a', true], ['x2', true], ['a'.repeat(64), true],
    ['a'.repeat(65), false], ['', false], ['SSO', false], ['2fa', false], ['_hidden', false], ['trailing_', false],
    ['double__sep', false], ['has space', false], ['colon:key', false], ['ümlaut', false], [42, false], [null, false],
  ])('%j is a key: %s', (key, ok) => {
    expect(isFeatureKey(key)).toBe(ok);
  });
});

describe('validateFeature', () => {
  const good: Feature = { key: 'storage_mb', name: 'Storage', kind: 'gauge', unit: 'MB', description: 'Files kept' };

  it('accepts a well-formed feature of every kind', () => {
    for (const kind of ['boolean', 'gauge', 'monthly', 'read'] as const) expect(validateFeature({ ...good, kind })).toBeNull();
    expect(validateFeature({ key: 'sso', name: 'SSO', kind: 'boolean' })).toBeNull();
  });

  it.each([
    ['a bad key', { key: 'Storage MB' }, 'key'],
    ['an unknown kind', { kind: 'counter' }, 'kind'],
    ['a blank name', { name: '  ' }, 'name'],
    ['an over-long name', { name: 'n'.repeat(201) }, 'name'],
    ['an over-long unit', { unit: 'u'.repeat(33) }, 'unit'],
    ['a non-string description', { description: 5 }, 'description'],
    ['a NUL in the name', { name: 'a\u0000b' }, 'name'],
    ['no name', { name: undefined }, 'name'],
  ])('refuses %s with VALIDATION_FAILED naming the feature and field', (_what, patch, field) => {
    const err = validateFeature({ ...good, ...patch } as unknown as Feature);
    expect(err).toMatchObject({ code: 'VALIDATION_FAILED', status: 400, details: { feature: { ...good, ...patch }.key, field } });
  });
});

describe('validateFeatureUpdate', () => {
  it('lets name, unit and description change but never the kind', () => {
    expect(validateFeatureUpdate(SEATS, { name: 'Team seats', unit: 'members' })).toBeNull();
    expect(validateFeatureUpdate(SEATS, { kind: 'gauge' })).toBeNull();
    expect(validateFeatureUpdate(SEATS, { kind: 'monthly' })).toMatchObject({ code: 'VALIDATION_FAILED', details: { feature: 'seats', field: 'kind' } });
    expect(validateFeatureUpdate(SEATS, { name: '' })).toMatchObject({ details: { field: 'name' } });
  });

  it('applies only the fields given, keeping key and kind', () => {
    expect(applyFeatureUpdate(SEATS, { name: 'Team seats', kind: 'read' })).toEqual({ key: 'seats', name: 'Team seats', kind: 'gauge', unit: 'seats' });
    expect(applyFeatureUpdate(SEATS, { description: undefined })).toEqual(SEATS);
  });
});

describe('validateEntitlements', () => {
  it('accepts values of each feature\'s kind, and an empty grant', () => {
    expect(validateEntitlements({ sso: { enabled: true }, seats: { limit: 5 }, api_calls: { limit: null }, leaderboard_entries: { limit: 0 } }, CATALOG)).toBeNull();
    expect(validateEntitlements({}, CATALOG)).toBeNull();
  });

  it.each([
    ['an unknown key', { storage_mb: { limit: 1 } }, 'storage_mb', 'unknown_feature'],
    ['a limit on a boolean', { sso: { limit: 1 } }, 'sso', 'wrong_kind'],
    ['a flag on a gauge', { seats: { enabled: true } }, 'seats', 'wrong_kind'],
    ['a negative limit', { seats: { limit: -1 } }, 'seats', 'wrong_kind'],
    ['a fractional limit', { api_calls: { limit: 1.5 } }, 'api_calls', 'wrong_kind'],
    ['a limit past MAX_LIMIT', { api_calls: { limit: 2 ** 31 } }, 'api_calls', 'wrong_kind'],
    ['a string flag', { sso: { enabled: 'yes' } }, 'sso', 'wrong_kind'],
    ['both a flag and a limit', { sso: { enabled: true, limit: 1 } }, 'sso', 'wrong_kind'],
    ['a bare number', { seats: 5 }, 'seats', 'wrong_kind'],
    ['a missing limit', { seats: {} }, 'seats', 'wrong_kind'],
  ])('refuses %s, naming the feature', (_what, entitlements, feature, problem) => {
    const err = validateEntitlements(entitlements, CATALOG);
    expect(err).toMatchObject({ code: 'VALIDATION_FAILED', details: { feature, problem } });
    expect(err!.message).toContain(feature);
  });

  it('refuses what is not an object', () => {
    for (const bad of [null, [], 'sso', 3]) expect(validateEntitlements(bad, CATALOG)).toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});

describe('plansNamingFeature', () => {
  it('lists the plans that grant the feature, whatever the value (a plan that turns it off names it too)', () => {
    const plans: { id: string; entitlements: Entitlements }[] = [
      { id: 'free', entitlements: { sso: { enabled: false } } },
      { id: 'pro', entitlements: { sso: { enabled: true }, seats: { limit: 10 } } },
      { id: 'legacy', entitlements: { seats: { limit: 3 } } },
    ];
    expect(plansNamingFeature(SSO.key, plans)).toEqual(['free', 'pro']);
    expect(plansNamingFeature('seats', plans)).toEqual(['pro', 'legacy']);
    expect(plansNamingFeature('api_calls', plans)).toEqual([]);
  });
});
