import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../../support/stack.js';
import { adminHeaders, headersFor, planBody, seedUsage } from './plan-helpers.js';

let stack: TestStack;
beforeAll(async () => { stack = await startTestStack({ worker: false }); });
afterAll(async () => { await stack?.close(); });

const catalog = async (headers: Record<string, string> = {}) => {
  const res = await stack.app.inject({ method: 'GET', url: '/plans', headers });
  expect(res.statusCode).toBe(200);
  return res.json();
};

describe('GET /plans', () => {
  it('lists the public plans without a token, with comparison, annual savings and the default recommendation', async () => {
    const res = await stack.app.inject({ method: 'GET', url: '/plans' });
    const body = res.json();
    expect(body.plans.map((p: { id: string }) => p.id)).toEqual(['free', 'starter', 'growth']);
    expect(body.plans[1]).toMatchObject({ id: 'starter', priceMonthlyCents: 2_900, priceAnnualCents: 29_000, annualSavings: { amountCents: 5_800, percent: 16.7 }, enterprise: false });
    expect(body.plans[0].annualSavings).toBeNull();
    expect(body.plans[0]).not.toHaveProperty('stripePriceId');
    expect(body.comparison.planIds).toEqual(['free', 'starter', 'growth']);
    expect(body.comparison.metrics.find((m: { metric: string }) => m.metric === 'campaigns')).toEqual({ metric: 'campaigns', kind: 'gauge', limits: [1, 3, 20] });
    expect(body.comparison.features.find((f: { feature: string }) => f.feature === 'Priority support')).toEqual({ feature: 'Priority support', included: [false, false, true] });
    expect(body.recommendation).toMatchObject({ planId: 'starter', basis: 'default', usage: null });
  });

  it('recommends from the tenant\'s usage counters, with 20% headroom', async () => {
    await seedUsage(stack, 'hooli', { campaigns: 3, email_sends: 1_000 });
    const res = await stack.app.inject({ method: 'GET', url: '/plans', headers: headersFor(stack, ['tenant_owner'], 'hooli') });
    expect(res.headers['cache-control']).toBe('private, no-store');
    const body = res.json();
    expect(body.recommendation).toMatchObject({ planId: 'growth', basis: 'usage', fitsWithHeadroom: true, usage: { campaigns: 3, email_sends: 1_000, seats: 0 } });
    await seedUsage(stack, 'initech', { campaigns: 1, email_sends: 300 });
    expect((await catalog(headersFor(stack, ['tenant_user'], 'initech'))).recommendation).toMatchObject({ planId: 'starter', basis: 'usage' });
  });

  it('reads monthly usage from the current period only', async () => {
    await seedUsage(stack, 'umbrella', { email_sends: 40_000 }, Date.UTC(2025, 11, 1));
    await seedUsage(stack, 'umbrella', { email_sends: 10 }, Date.UTC(2026, 0, 1));
    expect((await catalog(headersFor(stack, ['tenant_owner'], 'umbrella'))).recommendation).toMatchObject({ planId: 'free', usage: { email_sends: 10 } });
  });

  it('says when no plan fits and suggests the largest', async () => {
    await seedUsage(stack, 'massive', { campaigns: 500 });
    expect((await catalog(headersFor(stack, ['tenant_owner'], 'massive'))).recommendation).toMatchObject({ planId: 'growth', fitsWithHeadroom: false, tightMetrics: ['campaigns'] });
  });

  it('falls back to the default recommendation for a tenant without counters', async () => {
    expect((await catalog(headersFor(stack, ['tenant_owner'], 'brand-new'))).recommendation).toMatchObject({ planId: 'starter', basis: 'default' });
  });

  it('includes the tenant\'s enterprise plan, and recommends it when it is the cheapest fit', async () => {
    await stack.app.inject({ method: 'POST', url: '/admin/plans', headers: adminHeaders(stack), payload: planBody('hooli-custom', { tenantId: 'hooli', priceMonthlyCents: 5_000, priceAnnualCents: null }) });
    const body = await catalog(headersFor(stack, ['tenant_owner'], 'hooli'));
    expect(body.plans.map((p: { id: string }) => p.id)).toEqual(['free', 'starter', 'growth', 'hooli-custom']);
    expect(body.plans[3]).toMatchObject({ enterprise: true, annualSavings: null });
    expect(body.comparison.planIds).toEqual(['free', 'starter', 'growth', 'hooli-custom']);
    expect(body.recommendation.planId).toBe('hooli-custom');
  });

  it('is documented in the OpenAPI document with its tags', async () => {
    const doc = (await stack.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(doc.paths['/plans'].get.tags).toEqual(['plans']);
    expect(doc.paths['/admin/plans'].post.tags).toEqual(['plans (admin)']);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/admin/plans/{id}', '/admin/plans/sync']));
  });
});
