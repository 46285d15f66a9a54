import { describe, expect, it } from 'vitest';
import { validateEntitlements } from '../../../domain/entitlements/entitlements.js';
import { SEED_FEATURES } from '../../../db/seed/demo-features.js';
import { entitlementsFromStripeMetadata, featureMetadataKey } from '../../../domain/entitlements/stripe-metadata.js';
import { planFromStripeProduct } from '../../../domain/plans/stripe-mapping.js';
import { price, product, yearly } from '../../support/stripe-catalog.js';
import { CATALOG } from './catalog.js';

const parsed = (metadata: Record<string, string>, catalog = CATALOG) => {
  const result = entitlementsFromStripeMetadata(metadata, catalog);
  if (!result.ok) throw new Error(`expected entitlements, got: ${result.reason}`);
  return result.value;
};
const reasonFor = (metadata: Record<string, string>) => {
  const result = entitlementsFromStripeMetadata(metadata, CATALOG);
  if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result.value)}`);
  return result.reason;
};

describe('entitlementsFromStripeMetadata', () => {
  it.each([
    ['feature_sso', 'true', 'sso', { enabled: true }],
    ['feature_sso', ' FALSE ', 'sso', { enabled: false }],
    ['feature_seats', '25', 'seats', { limit: 25 }],
    ['feature_seats', '0', 'seats', { limit: 0 }],
    ['feature_api_calls', 'Unlimited', 'api_calls', { limit: null }],
    ['feature_leaderboard_entries', '100', 'leaderboard_entries', { limit: 100 }],
    ['limit_seats', '3', 'seats', { limit: 3 }],
    ['limit_api_calls', 'unlimited', 'api_calls', { limit: null }],
  ])('reads %s=%j as %s %j', (metaKey, value, key, expected) => {
    expect(parsed({ [metaKey]: value })).toEqual({ [key]: expected });
  });

  it('reads a whole product, ignoring metadata that is not about features', () => {
    expect(parsed({ tenure_plan_id: 'pro', rank: '20', feature_sso: 'true', feature_api_calls: '10000', limit_seats: '10' })).toEqual({
      sso: { enabled: true }, api_calls: { limit: 10_000 }, seats: { limit: 10 },
    });
  });

  it('accepts feature_<key> and limit_<key> together when they agree', () => {
    expect(parsed({ feature_seats: '5', limit_seats: '5' })).toEqual({ seats: { limit: 5 } });
    expect(parsed({ feature_seats: 'unlimited', limit_seats: 'UNLIMITED' })).toEqual({ seats: { limit: null } });
  });

  it.each([
    ['no feature metadata at all', { rank: '1' }, /not a Tenure plan/],
    ['an unknown feature', { feature_storage_mb: '5' }, /feature_storage_mb: unknown feature 'storage_mb'/],
    ['an unknown legacy metric', { limit_storage_mb: '5' }, /unknown feature 'storage_mb'/],
    ['a number for a boolean', { feature_sso: '1' }, /feature_sso must be 'true' or 'false'/],
    ['a limit_ key for a boolean', { limit_sso: '1' }, /limit_sso: 'sso' is a boolean feature/],
    ['true for a gauge', { feature_seats: 'true' }, /feature_seats must be a non-negative integer or 'unlimited'/],
    ['a negative limit', { feature_seats: '-1' }, /feature_seats must be a non-negative integer/],
    ['a fractional limit', { limit_api_calls: '1.5' }, /limit_api_calls must be a non-negative integer/],
    ['a ten-digit limit', { feature_api_calls: '9999999999' }, /feature_api_calls must be a non-negative integer/],
    ['an empty value', { feature_seats: '' }, /feature_seats must be/],
    ['disagreeing keys', { feature_seats: '5', limit_seats: '6' }, /feature_seats and limit_seats disagree/],
  ])('refuses %s, naming the key', (_what, metadata, reason) => {
    expect(reasonFor(metadata)).toMatch(reason);
  });

  it('gives the same answer whatever the metadata order', () => {
    const a = entitlementsFromStripeMetadata({ limit_seats: '6', feature_seats: '5' }, CATALOG);
    const b = entitlementsFromStripeMetadata({ feature_seats: '5', limit_seats: '6' }, CATALOG);
    expect(a).toEqual(b);
  });

  it('reads every product the legacy mapping reads to the same limits, as seed-catalog entitlements', () => {
    const mapped = planFromStripeProduct(product(), [price(), yearly()], SEED_FEATURES);
    if (!mapped.ok) throw new Error(mapped.reason);
    const entitlements = parsed(product().metadata, SEED_FEATURES);
    expect(validateEntitlements(entitlements, SEED_FEATURES)).toBeNull();
    expect(mapped.plan.entitlements).toEqual(entitlements);
    expect(Object.fromEntries(Object.entries(entitlements).map(([k, v]) => [k, 'limit' in v ? v.limit : v.enabled]))).toEqual({
      referred_users: 10_000, campaigns: 20, seats: 10, leaderboard_entries: 500, email_sends: null,
    });
  });

  it('names the metadata key of a feature', () => {
    expect(featureMetadataKey('sso')).toBe('feature_sso');
  });
});
