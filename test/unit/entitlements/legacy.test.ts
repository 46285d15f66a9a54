// Plans, products and running workflows from before the catalog carry `limits`; they convert to
// entitlements without naming a metric, and the stored workflow histories' plan snapshots upgrade.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validateEntitlements } from '../../../domain/entitlements/entitlements.js';
import { validateFeature } from '../../../domain/entitlements/features.js';
import {
  LEGACY_OVERRIDE_REASON, entitlementsFromLimits, upgradeLimitOverrides, upgradePlanSnapshot, type StoredPlanSnapshot,
} from '../../../domain/entitlements/legacy.js';
import { SEED_FEATURES } from '../../../db/seed/demo-features.js';
import { DEFAULT_PLANS } from '../../../db/seed/demo-plans.js';

const HISTORIES = fileURLToPath(new URL('../../fixtures/histories/', import.meta.url));
const roundTrip = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

const LEGACY: StoredPlanSnapshot = {
  id: 'starter', name: 'Starter', rank: 10, stripePriceId: 'price_starter_monthly',
  limits: { referred_users: 1_000, campaigns: 3, seats: 3, leaderboard_entries: 50, email_sends: null },
};

describe('the seed catalog', () => {
  it('holds the five metrics compiled in before the catalog, with their kinds, and one boolean feature, each a valid feature', () => {
    const kinds = { referred_users: 'monthly', campaigns: 'gauge', seats: 'gauge', leaderboard_entries: 'read', email_sends: 'monthly' };
    const metered = SEED_FEATURES.filter((f) => f.kind !== 'boolean');
    expect(Object.fromEntries(metered.map((f) => [f.key, f.kind]))).toEqual(kinds);
    expect(SEED_FEATURES.filter((f) => f.kind === 'boolean').map((f) => f.key)).toEqual(['advanced_analytics']);
    for (const f of SEED_FEATURES) expect(validateFeature(f), f.key).toBeNull();
  });

  it('grants every demo plan entitlements the seed catalog accepts, every metered seed feature named', () => {
    for (const plan of DEFAULT_PLANS) {
      expect(validateEntitlements(plan.entitlements, SEED_FEATURES), plan.id).toBeNull();
      const metered = SEED_FEATURES.filter((f) => f.kind !== 'boolean').map((f) => f.key).sort();
      expect(Object.keys(plan.entitlements).filter((k) => 'limit' in plan.entitlements[k]!).sort(), plan.id).toEqual(metered);
    }
  });
});

describe('entitlementsFromLimits', () => {
  it.each([
    ['numbers and unlimited', { seats: 3, email_sends: null }, { seats: { limit: 3 }, email_sends: { limit: null } }],
    ['a key it has never heard of', { storage_mb: 0 }, { storage_mb: { limit: 0 } }],
    ['an absent entry (a Partial<Limits>)', { seats: undefined, campaigns: 1 }, { campaigns: { limit: 1 } }],
    ['nothing', {}, {}],
  ])('converts %s', (_what, limits, expected) => {
    expect(entitlementsFromLimits(limits)).toEqual(expected);
  });
});

describe('upgradePlanSnapshot', () => {
  const upgraded = {
    id: 'starter', name: 'Starter', rank: 10, stripePriceId: 'price_starter_monthly',
    entitlements: { referred_users: { limit: 1_000 }, campaigns: { limit: 3 }, seats: { limit: 3 }, leaderboard_entries: { limit: 50 }, email_sends: { limit: null } },
    version: 1,
  };

  // A snapshot from before plan versions is on version 1.
  it('turns a legacy snapshot\'s limits into entitlements and drops limits', () => {
    expect(upgradePlanSnapshot(LEGACY)).toEqual(upgraded);
    expect(upgradePlanSnapshot(LEGACY)).not.toHaveProperty('limits');
  });

  it('is idempotent, and survives the JSON payload converter', () => {
    const once = upgradePlanSnapshot(LEGACY);
    expect(upgradePlanSnapshot(once)).toEqual(once);
    expect(upgradePlanSnapshot(roundTrip(once))).toEqual(once);
  });

  it('keeps entitlements that are already there, over any limits left beside them', () => {
    const both = { ...LEGACY, entitlements: { sso: { enabled: true } } };
    expect(upgradePlanSnapshot(both).entitlements).toEqual({ sso: { enabled: true } });
  });

  it('does not share the entitlements object with its input', () => {
    const snapshot = { ...upgraded, entitlements: { seats: { limit: 1 } } };
    const result = upgradePlanSnapshot(snapshot);
    result.entitlements.sso = { enabled: true };
    expect(snapshot.entitlements).toEqual({ seats: { limit: 1 } });
  });

  it('upgrades the plan snapshots of every stored workflow history', () => {
    const files = readdirSync(HISTORIES).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const history = JSON.parse(readFileSync(`${HISTORIES}${file}`, 'utf8')) as { events: { workflowExecutionStartedEventAttributes?: { input: { payloads: { data: string }[] } } }[] };
      const input = JSON.parse(Buffer.from(history.events[0]!.workflowExecutionStartedEventAttributes!.input.payloads[0]!.data, 'base64').toString('utf8')) as Record<string, StoredPlanSnapshot | undefined>;
      const plans = [input.trialPlan, input.freePlan].filter((p): p is StoredPlanSnapshot => p !== undefined);
      expect(plans.length, file).toBeGreaterThan(0);
      for (const plan of plans) {
        const next = upgradePlanSnapshot(plan);
        expect(validateEntitlements(next.entitlements, SEED_FEATURES), file).toBeNull();
        // A history recorded before entitlements carries limits; a newer one carries entitlements already.
        expect(Object.keys(next.entitlements).sort(), file).toEqual(Object.keys(plan.limits ?? plan.entitlements ?? {}).sort());
        expect(upgradePlanSnapshot(next)).toEqual(next);
      }
    }
  });
});

describe('upgradeLimitOverrides', () => {
  it('turns legacy limit overrides into overrides that never expire, sorted by key', () => {
    expect(upgradeLimitOverrides({ seats: 50, campaigns: null })).toEqual([
      { key: 'campaigns', limit: null, reason: LEGACY_OVERRIDE_REASON, until: null },
      { key: 'seats', limit: 50, reason: LEGACY_OVERRIDE_REASON, until: null },
    ]);
    expect(upgradeLimitOverrides({})).toEqual([]);
  });

  it('keeps the overrides the state already has, and is idempotent', () => {
    const existing = [{ key: 'seats', limit: 7, reason: 'pilot', until: 99 }];
    const merged = upgradeLimitOverrides({ seats: 50, email_sends: 10 }, existing);
    expect(merged).toEqual([
      { key: 'email_sends', limit: 10, reason: LEGACY_OVERRIDE_REASON, until: null },
      { key: 'seats', limit: 7, reason: 'pilot', until: 99 },
    ]);
    expect(upgradeLimitOverrides({ seats: 50, email_sends: 10 }, merged)).toEqual(merged);
  });
});
