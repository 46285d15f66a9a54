import { describe, expect, it } from 'vitest';
import { gaugeViolations } from '../../../domain/entitlements/downgrade.js';
import type { EntitlementOverride } from '../../../domain/entitlements/overrides.js';

const NOW = Date.UTC(2026, 2, 1);
const TARGET = { seats: { limit: 3 }, storage_mb: { limit: null }, sso: { enabled: true } };
const seatsOverride = (limit: number | null, until: number | null = null): EntitlementOverride => ({ key: 'seats', limit, reason: 'deal', until });

describe('gaugeViolations', () => {
  it.each([
    ['usage within every limit', { seats: 3, storage_mb: 10_000 }, [], []],
    ['a gauge over its limit', { seats: 5 }, [], [{ feature: 'seats', usage: 5, limit: 3, over: 2 }]],
    ['a gauge the target plan does not grant', { campaigns: 2 }, [], [{ feature: 'campaigns', usage: 2, limit: 0, over: 2 }]],
    ['an idle gauge the target plan does not grant', { campaigns: 0 }, [], []],
    ['an override that raises the limit', { seats: 5 }, [seatsOverride(10)], []],
    ['an unlimited override', { seats: 500 }, [seatsOverride(null)], []],
    ['an override that lowers it', { seats: 2 }, [seatsOverride(1)], [{ feature: 'seats', usage: 2, limit: 1, over: 1 }]],
    ['an override already expired', { seats: 5 }, [seatsOverride(10, NOW)], [{ feature: 'seats', usage: 5, limit: 3, over: 2 }]],
  ])('%s', (_what, usage, overrides, expected) => {
    expect(gaugeViolations(TARGET, overrides, usage, NOW)).toEqual(expected);
  });

  it('lists every violation, in key order', () => {
    expect(gaugeViolations(TARGET, [], { seats: 4, campaigns: 1 }, NOW).map((v) => v.feature)).toEqual(['campaigns', 'seats']);
  });
});
