import { describe, expect, it } from 'vitest';
import type { Entitlements } from '../../../domain/entitlements/entitlements.js';
import type { EntitlementOverride } from '../../../domain/entitlements/overrides.js';
import {
  applyOverrides, checkFeature, consumableFeature, resolveEntitlements, toEntitlementsView,
} from '../../../domain/entitlements/resolve.js';
import { CATALOG } from './catalog.js';

const NOW = Date.UTC(2026, 2, 1);
const PRO: Entitlements = { sso: { enabled: true }, seats: { limit: 10 }, api_calls: { limit: null } };
const override = (key: string, value: { enabled: boolean } | { limit: number | null }, until: number | null = null): EntitlementOverride =>
  ({ key, ...value, reason: 'pilot', until });

describe('resolveEntitlements', () => {
  it('gives every catalog feature: the plan\'s grant, else off or a limit of 0', () => {
    expect(resolveEntitlements(CATALOG, PRO, [], NOW)).toEqual({
      sso: { kind: 'boolean', enabled: true, limit: null, source: 'plan' },
      seats: { kind: 'gauge', enabled: true, limit: 10, source: 'plan' },
      api_calls: { kind: 'monthly', enabled: true, limit: null, source: 'plan' },
      leaderboard_entries: { kind: 'read', enabled: false, limit: 0, source: 'plan' },
    });
    expect(resolveEntitlements(CATALOG, {}, [], NOW).sso).toEqual({ kind: 'boolean', enabled: false, limit: null, source: 'plan' });
  });

  it('lays overrides over the plan, in either direction', () => {
    const resolved = resolveEntitlements(CATALOG, PRO, [override('sso', { enabled: false }), override('leaderboard_entries', { limit: 25 }), override('seats', { limit: 0 })], NOW);
    expect(resolved.sso).toEqual({ kind: 'boolean', enabled: false, limit: null, source: 'override' });
    expect(resolved.leaderboard_entries).toEqual({ kind: 'read', enabled: true, limit: 25, source: 'override' });
    expect(resolved.seats).toEqual({ kind: 'gauge', enabled: false, limit: 0, source: 'override' });
    expect(resolved.api_calls!.source).toBe('plan');
  });

  it('never serves an override from its until on, even before the workflow removes it', () => {
    const on = [override('sso', { enabled: true }, NOW + 1_000)];
    expect(resolveEntitlements(CATALOG, {}, on, NOW + 999).sso!.enabled).toBe(true);
    expect(resolveEntitlements(CATALOG, {}, on, NOW + 1_000).sso).toMatchObject({ enabled: false, source: 'plan' });
  });

  it('ignores keys outside the catalog and values of the wrong shape', () => {
    const odd = { storage_mb: { limit: 5 }, sso: { limit: 3 }, seats: { enabled: true } } as Entitlements;
    const resolved = resolveEntitlements(CATALOG, odd, [], NOW);
    expect(Object.keys(resolved)).toEqual(['sso', 'seats', 'api_calls', 'leaderboard_entries']);
    expect(resolved.sso).toMatchObject({ enabled: false });
    expect(resolved.seats).toMatchObject({ enabled: false, limit: 0 });
  });

  it('applies overrides without the catalog for the workflow, tagging each source', () => {
    expect(applyOverrides({ seats: { limit: 3 } }, [override('sso', { enabled: true }), override('seats', { limit: 9 }, NOW)], NOW)).toEqual({
      seats: { value: { limit: 3 }, source: 'plan' },
      sso: { value: { enabled: true }, source: 'override' },
    });
  });
});

describe('toEntitlementsView', () => {
  const resolved = resolveEntitlements(CATALOG, PRO, [], NOW);
  const view = (access: 'full' | 'read_only' | 'none', gracePercent = 0) =>
    toEntitlementsView({ tenantId: 't1', access, resolved, usage: { seats: 4, api_calls: 120, leaderboard_entries: 3 }, gracePercent }).features;

  it('reports used and remaining per metered feature, null for a boolean', () => {
    expect(view('full')).toEqual({
      sso: { kind: 'boolean', enabled: true, limit: null, used: null, remaining: null, source: 'plan' },
      seats: { kind: 'gauge', enabled: true, limit: 10, used: 4, remaining: 6, source: 'plan' },
      api_calls: { kind: 'monthly', enabled: true, limit: null, used: 120, remaining: null, source: 'plan' },
      leaderboard_entries: { kind: 'read', enabled: false, limit: 0, used: 3, remaining: 0, source: 'plan' },
    });
  });

  it('counts the grace headroom in remaining, as consume does', () => {
    expect(view('full', 20).seats!.remaining).toBe(8);
  });

  it('disables every feature without access, and leaves no room to consume unless access is full', () => {
    const none = view('none');
    expect(Object.values(none).every((f) => !f.enabled)).toBe(true);
    expect(none.seats).toMatchObject({ limit: 10, used: 4, remaining: 0 });
    const readOnly = view('read_only');
    expect(readOnly.sso!.enabled).toBe(true);
    expect(readOnly.seats).toMatchObject({ enabled: true, remaining: 0 });
  });

  it('answers with the tenant and its access, and counts a missing counter as 0', () => {
    const answer = toEntitlementsView({ tenantId: 't2', access: 'full', resolved, usage: {}, gracePercent: 0 });
    expect(answer).toMatchObject({ tenantId: 't2', access: 'full', features: { seats: { used: 0, remaining: 10 } } });
  });
});

describe('checkFeature', () => {
  const resolved = resolveEntitlements(CATALOG, PRO, [override('seats', { limit: 0 })], NOW);
  it.each([
    ['sso', 'full', true, 'plan'],
    ['sso', 'read_only', true, 'plan'],
    ['sso', 'none', false, 'access_none'],
    ['seats', 'full', false, 'override'],
    ['leaderboard_entries', 'full', false, 'plan'],
    ['nope', 'full', false, 'unknown_feature'],
    ['nope', 'none', false, 'unknown_feature'],
    ['constructor', 'full', false, 'unknown_feature'],
  ] as const)('%s with access %s: enabled %s (%s)', (key, access, enabled, reason) => {
    expect(checkFeature(key, access, resolved)).toEqual({ key, enabled, reason });
  });
});

describe('consumableFeature', () => {
  it.each([
    ['seats', 'consume', 'ok'], ['api_calls', 'consume', 'ok'], ['seats', 'release', 'ok'],
    ['sso', 'consume', 'not_consumable'], ['leaderboard_entries', 'consume', 'not_consumable'],
    ['api_calls', 'release', 'not_releasable'], ['sso', 'release', 'not_consumable'], ['leaderboard_entries', 'release', 'not_consumable'],
    ['storage_mb', 'consume', 'unknown_feature'], ['storage_mb', 'release', 'unknown_feature'],
  ] as const)('%s on %s: %s', (key, op, expected) => {
    const result = consumableFeature(CATALOG, key, op);
    expect(result.ok ? 'ok' : result.problem).toBe(expected);
  });
});
