import { describe, expect, it } from 'vitest';
import { DEFAULT_PLANS, defaultPlan } from '../../../db/seed/demo-plans.js';
import { SEED_FEATURES } from '../../../db/seed/demo-features.js';
import { comparePlans } from '../../../domain/plans/comparison.js';
import { annualSavings } from '../../../domain/plans/pricing.js';
import { defaultRecommendation, recommendForUsage, tightMetrics } from '../../../domain/plans/recommendation.js';
import { isPlanVisibleTo, planInvariantViolation } from '../../../domain/plans/rules.js';
import type { Plan } from '../../../domain/plans/types.js';

const publicPlans = DEFAULT_PLANS.filter((p) => p.tenantId === null);
const acme = defaultPlan('enterprise-acme');

describe('annualSavings', () => {
  it('compares the annual price with twelve monthly payments', () => {
    expect(annualSavings(defaultPlan('starter'))).toEqual({ amountCents: 5_800, percent: 16.7 });
    expect(annualSavings({ priceMonthlyCents: 1_000, priceAnnualCents: 10_000 })).toEqual({ amountCents: 2_000, percent: 16.7 });
    expect(annualSavings({ priceMonthlyCents: 1_000, priceAnnualCents: 9_000 })).toEqual({ amountCents: 3_000, percent: 25 });
  });

  it('is null without an annual price or a monthly price, and negative when yearly costs more', () => {
    expect(annualSavings(acme)).toBeNull();
    expect(annualSavings(defaultPlan('free'))).toBeNull();
    expect(annualSavings({ priceMonthlyCents: 1_000, priceAnnualCents: 13_000 })).toEqual({ amountCents: -1_000, percent: -8.3 });
  });
});

describe('comparePlans', () => {
  it('lays every catalog feature and display feature side by side in plan order', () => {
    const table = comparePlans([defaultPlan('free'), acme], SEED_FEATURES);
    expect(table.planIds).toEqual(['free', 'enterprise-acme']);
    expect(table.metrics.find((r) => r.metric === 'campaigns')).toEqual({ metric: 'campaigns', kind: 'gauge', limits: [1, null] });
    expect(table.metrics).toHaveLength(5);
    expect(table.entitlements).toHaveLength(SEED_FEATURES.length);
    expect(table.entitlements.find((r) => r.key === 'advanced_analytics')).toEqual({ key: 'advanced_analytics', name: 'Advanced analytics', kind: 'boolean', unit: null, values: [false, true] });
    expect(table.entitlements.find((r) => r.key === 'seats')).toMatchObject({ kind: 'gauge', values: [1, 100] });
    expect(table.features.find((f) => f.feature === 'Manual invoicing')).toEqual({ feature: 'Manual invoicing', included: [false, true] });
    expect(table.features).toHaveLength(5);
  });
});

describe('recommendForUsage', () => {
  it('suggests the cheapest plan that fits usage with 20% headroom', () => {
    expect(recommendForUsage(publicPlans, {})?.planId).toBe('free');
    expect(recommendForUsage(publicPlans, { email_sends: 400 })?.planId).toBe('free');
    expect(recommendForUsage(publicPlans, { email_sends: 420 })).toMatchObject({ planId: 'starter', basis: 'usage', fitsWithHeadroom: true });
    expect(recommendForUsage(publicPlans, { campaigns: 1 })?.planId).toBe('starter');
    expect(recommendForUsage(publicPlans, { campaigns: 3 })?.planId).toBe('growth');
  });

  it('counts headroom in integers: 5 used needs a limit of 6', () => {
    const plan = (limit: number) => ({ entitlements: { ...defaultPlan('free').entitlements, campaigns: { limit } } });
    expect(tightMetrics(plan(6), { campaigns: 5 })).toEqual([]);
    expect(tightMetrics(plan(5), { campaigns: 5 })).toEqual(['campaigns']);
  });

  it('includes the tenant\'s enterprise plan when it is the cheapest fit', () => {
    const cheapEnterprise: Plan = { ...acme, priceMonthlyCents: 5_000 };
    expect(recommendForUsage([...publicPlans, cheapEnterprise], { campaigns: 50 })?.planId).toBe('enterprise-acme');
  });

  it('suggests the largest plan, naming the tight metrics, when none fits', () => {
    expect(recommendForUsage(publicPlans, { campaigns: 30, seats: 2 })).toMatchObject({ planId: 'growth', fitsWithHeadroom: false, tightMetrics: ['campaigns'] });
    expect(recommendForUsage([], {})).toBeNull();
  });
});

describe('defaultRecommendation', () => {
  it('suggests the cheapest paid public plan, and never a bound one', () => {
    expect(defaultRecommendation(publicPlans)).toMatchObject({ planId: 'starter', basis: 'default' });
    expect(defaultRecommendation([defaultPlan('free'), { ...acme, priceMonthlyCents: 100 }])?.planId).toBe('free');
    expect(defaultRecommendation([])).toBeNull();
  });
});

describe('plan rules', () => {
  it('shows public plans to everyone and a bound plan only to its tenant', () => {
    expect(isPlanVisibleTo(defaultPlan('starter'), null)).toBe(true);
    expect(isPlanVisibleTo(acme, 'acme')).toBe(true);
    expect(isPlanVisibleTo(acme, 'globex')).toBe(false);
    expect(isPlanVisibleTo(acme, null)).toBe(false);
    expect(isPlanVisibleTo({ ...defaultPlan('growth'), isActive: false }, null)).toBe(false);
  });

  it('refuses manual invoicing on public plans and deactivating or binding the lifecycle\'s plans', () => {
    expect(planInvariantViolation({ ...defaultPlan('growth'), manualInvoicing: true })?.code).toBe('VALIDATION_FAILED');
    expect(planInvariantViolation({ ...defaultPlan('free'), isActive: false })?.code).toBe('CONFLICT');
    expect(planInvariantViolation({ ...defaultPlan('starter'), tenantId: 'acme' })?.code).toBe('CONFLICT');
    expect(planInvariantViolation({ ...defaultPlan('growth'), isActive: false })).toBeNull();
    expect(planInvariantViolation(acme)).toBeNull();
  });
});
