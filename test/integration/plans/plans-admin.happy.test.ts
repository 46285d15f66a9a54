import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPlanForTenant } from '../../../services/plans/plan-catalog.js';
import { startTestStack, type TestStack } from '../../support/stack.js';
import { adminHeaders, planBody } from './plan-helpers.js';

let stack: TestStack;
beforeAll(async () => { stack = await startTestStack({ worker: false }); });
afterAll(async () => { await stack?.close(); });

const publicPlanIds = async () => (await stack.app.inject({ method: 'GET', url: '/plans' })).json().plans.map((p: { id: string }) => p.id);

describe('admin plan CRUD', () => {
  it('creates a public plan and reads it back, with defaults filled in', async () => {
    const res = await stack.app.inject({ method: 'POST', url: '/admin/plans', headers: adminHeaders(stack), payload: planBody('scale') });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ id: 'scale', tenantId: null, manualInvoicing: false, currency: 'usd', isActive: true, stripePriceId: null, limits: { leaderboard_entries: null } });
    const read = await stack.app.inject({ method: 'GET', url: '/admin/plans/scale', headers: adminHeaders(stack) });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual({ ...res.json(), versions: [expect.objectContaining({ version: 1, current: true, tenants: 0, priceMonthlyCents: 19_900 })] });
    expect(await publicPlanIds()).toContain('scale');
  });

  it('creates an enterprise plan bound to one tenant with manual invoicing', async () => {
    const res = await stack.app.inject({ method: 'POST', url: '/admin/plans', headers: adminHeaders(stack), payload: planBody('enterprise-globex', { rank: 40, tenantId: 'globex', manualInvoicing: true, priceAnnualCents: null }) });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ tenantId: 'globex', manualInvoicing: true });
    expect(await publicPlanIds()).not.toContain('enterprise-globex');
  });

  it('lists plans in catalog order with paging and filters', async () => {
    const all = await stack.app.inject({ method: 'GET', url: '/admin/plans', headers: adminHeaders(stack) });
    expect(all.statusCode).toBe(200);
    const body = all.json();
    expect(body.plans.map((p: { id: string }) => p.id)).toEqual(['free', 'starter', 'growth', 'scale', 'enterprise-globex', 'enterprise-acme']);
    expect(body).toMatchObject({ total: 6, limit: 50, offset: 0 });
    const page = (await stack.app.inject({ method: 'GET', url: '/admin/plans?limit=2&offset=1', headers: adminHeaders(stack) })).json();
    expect(page.plans.map((p: { id: string }) => p.id)).toEqual(['starter', 'growth']);
    expect(page).toMatchObject({ total: 6, limit: 2, offset: 1 });
    const bound = (await stack.app.inject({ method: 'GET', url: '/admin/plans?tenantId=globex', headers: adminHeaders(stack) })).json();
    expect(bound.plans.map((p: { id: string }) => p.id)).toEqual(['enterprise-globex']);
  });

  it('updates only the given fields', async () => {
    const res = await stack.app.inject({ method: 'PUT', url: '/admin/plans/scale', headers: adminHeaders(stack), payload: { name: 'Scale+', limits: { referred_users: null, campaigns: 60, seats: 30, leaderboard_entries: 1000, email_sends: null } } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: 'scale', name: 'Scale+', priceMonthlyCents: 19_900, features: ['50 campaigns', 'SSO'], limits: { campaigns: 60, referred_users: null } });
    expect(Date.parse(res.json().updatedAt)).toBeGreaterThanOrEqual(Date.parse(res.json().createdAt));
  });

  it('soft-deletes: the plan leaves GET /plans and checkout lookups, stays readable to admins, and can be restored', async () => {
    const del = await stack.app.inject({ method: 'DELETE', url: '/admin/plans/scale', headers: adminHeaders(stack) });
    expect(del.statusCode).toBe(204);
    expect(del.body).toBe('');
    expect(await publicPlanIds()).not.toContain('scale');
    expect(await findPlanForTenant(stack.deps, 'scale', null)).toBeNull();
    expect((await stack.app.inject({ method: 'GET', url: '/admin/plans/scale', headers: adminHeaders(stack) })).json().isActive).toBe(false);
    const active = (await stack.app.inject({ method: 'GET', url: '/admin/plans', headers: adminHeaders(stack) })).json();
    expect(active.plans.map((p: { id: string }) => p.id)).not.toContain('scale');
    const withInactive = (await stack.app.inject({ method: 'GET', url: '/admin/plans?includeInactive=true', headers: adminHeaders(stack) })).json();
    expect(withInactive.plans.map((p: { id: string }) => p.id)).toContain('scale');
    expect((await stack.app.inject({ method: 'DELETE', url: '/admin/plans/scale', headers: adminHeaders(stack) })).statusCode).toBe(204);
    const restored = await stack.app.inject({ method: 'PUT', url: '/admin/plans/scale', headers: adminHeaders(stack), payload: { isActive: true } });
    expect(restored.json().isActive).toBe(true);
    expect(await publicPlanIds()).toContain('scale');
  });
});

describe('plan catalog cache', () => {
  it('serves GET /plans from Redis and shows an admin change on the next read', async () => {
    const before = (await stack.app.inject({ method: 'GET', url: '/plans' })).json();
    expect(before.plans.find((p: { id: string }) => p.id === 'growth').priceMonthlyCents).toBe(9_900);
    expect(await stack.deps.redis.exists('plans:catalog')).toBe(1);
    expect(await stack.deps.redis.ttl('plans:catalog')).toBeGreaterThan(3500);
    await stack.app.inject({ method: 'PUT', url: '/admin/plans/growth', headers: adminHeaders(stack), payload: { priceMonthlyCents: 10_900, features: ['Everything in Starter', 'Priority support'] } });
    const after = (await stack.app.inject({ method: 'GET', url: '/plans' })).json();
    const growth = after.plans.find((p: { id: string }) => p.id === 'growth');
    expect(growth).toMatchObject({ priceMonthlyCents: 10_900, features: ['Everything in Starter', 'Priority support'] });
    expect(after.comparison.features.map((f: { feature: string }) => f.feature)).toContain('Everything in Starter');
  });

  it('falls back to the database on a miss, for GET /plans and for findPlanForTenant', async () => {
    await stack.deps.redis.del('plans:catalog');
    expect((await findPlanForTenant(stack.deps, 'growth', 'anyone'))?.priceMonthlyCents).toBe(10_900);
    await stack.deps.redis.del('plans:catalog');
    expect(await publicPlanIds()).toEqual(['free', 'starter', 'growth', 'scale']);
  });

  it('finds a plan for checkout only when it is active and public or bound to that tenant', async () => {
    expect((await findPlanForTenant(stack.deps, 'enterprise-globex', 'globex'))?.manualInvoicing).toBe(true);
    expect(await findPlanForTenant(stack.deps, 'enterprise-globex', 'acme')).toBeNull();
    expect(await findPlanForTenant(stack.deps, 'enterprise-globex', null)).toBeNull();
    expect(await findPlanForTenant(stack.deps, 'nope', 'globex')).toBeNull();
    expect((await findPlanForTenant(stack.deps, 'starter', 'globex'))?.id).toBe('starter');
  });
});
