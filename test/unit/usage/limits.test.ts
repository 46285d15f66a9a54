import { describe, expect, it } from 'vitest';
import { graceCeiling, remainingCapacity, usagePercent } from '../../../domain/usage/limits.js';
import { crossedThresholds, thresholdEvent } from '../../../domain/usage/thresholds.js';
import { suggestUpgrade } from '../../../domain/usage/upgrade.js';
import { DEFAULT_PLANS } from '../../../db/seed/demo-plans.js';

describe('limits with grace', () => {
  it('adds the grace percentage, rounded down', () => {
    expect(graceCeiling(100, 0)).toBe(100);
    expect(graceCeiling(100, 10)).toBe(110);
    expect(graceCeiling(3, 10)).toBe(3);
    expect(graceCeiling(15, 10)).toBe(16);
    expect(graceCeiling(null, 10)).toBeNull();
  });

  it('reports remaining capacity within the grace and never below zero', () => {
    expect(remainingCapacity(100, 100, 10)).toBe(10);
    expect(remainingCapacity(120, 100, 10)).toBe(0);
    expect(remainingCapacity(5, null, 10)).toBeNull();
  });

  it('reports percent of the limit with one decimal', () => {
    expect(usagePercent(2, 3)).toBe(66.7);
    expect(usagePercent(110, 100)).toBe(110);
    expect(usagePercent(0, 0)).toBe(0);
    expect(usagePercent(5, null)).toBeNull();
  });
});

describe('thresholds', () => {
  it('fire when usage moves across 80% and 100%, including both at once', () => {
    expect(crossedThresholds(79, 80, 100)).toEqual([80]);
    expect(crossedThresholds(80, 81, 100)).toEqual([]);
    expect(crossedThresholds(99, 100, 100)).toEqual([100]);
    expect(crossedThresholds(10, 150, 100)).toEqual([80, 100]);
    expect(crossedThresholds(0, 3, 3)).toEqual([80, 100]);
    expect(crossedThresholds(0, 10, null)).toEqual([]);
    expect(crossedThresholds(0, 10, 0)).toEqual([]);
  });

  it('have a deterministic event id per tenant, metric, period and threshold', () => {
    const e = thresholdEvent({ tenantId: 'acme', metric: 'email_sends', periodStart: 1_767_225_600_000, percent: 80, used: 80, limit: 100, at: 1_767_300_000_000 });
    expect(e).toMatchObject({ id: 'acme:usage.threshold_crossed:email_sends:1767225600000:80', type: 'usage.threshold_crossed', data: { threshold: 80, used: 80, limit: 100 } });
  });
});

describe('upgrade suggestion', () => {
  it('is the cheapest public active plan whose limit fits', () => {
    expect(suggestUpgrade(DEFAULT_PLANS, 'free', 'campaigns', 2)).toEqual({ planId: 'starter', limit: 3 });
    expect(suggestUpgrade(DEFAULT_PLANS, 'free', 'campaigns', 4)).toEqual({ planId: 'growth', limit: 20 });
    expect(suggestUpgrade(DEFAULT_PLANS, 'starter', 'seats', 2)).toEqual({ planId: 'growth', limit: 10 });
  });

  it('never suggests an enterprise plan bound to a tenant, nor an inactive one', () => {
    expect(suggestUpgrade(DEFAULT_PLANS, 'growth', 'campaigns', 21)).toBeNull();
    const retired = DEFAULT_PLANS.map((p) => (p.id === 'starter' ? { ...p, isActive: false } : p));
    expect(suggestUpgrade(retired, 'free', 'campaigns', 2)).toEqual({ planId: 'growth', limit: 20 });
  });
});
