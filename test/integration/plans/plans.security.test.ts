import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../../support/stack.js';
import { bearer, signToken } from '../../support/tokens.js';
import { adminHeaders, headersFor, planBody } from './plan-helpers.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ worker: false });
  for (const [id, tenantId] of [['enterprise-a', 'tenant-a'], ['enterprise-b', 'tenant-b']]) {
    const res = await stack.app.inject({ method: 'POST', url: '/admin/plans', headers: adminHeaders(stack), payload: planBody(id!, { tenantId, manualInvoicing: true }) });
    expect(res.statusCode).toBe(201);
  }
});
afterAll(async () => { await stack?.close(); });

const adminRoutes: { method: 'GET' | 'POST' | 'PUT' | 'DELETE'; url: string; payload?: Record<string, unknown> }[] = [
  { method: 'GET', url: '/admin/plans' },
  { method: 'POST', url: '/admin/plans', payload: planBody('sneaky') },
  { method: 'GET', url: '/admin/plans/enterprise-a' },
  { method: 'PUT', url: '/admin/plans/growth', payload: { priceMonthlyCents: 1 } },
  { method: 'DELETE', url: '/admin/plans/growth' },
  { method: 'POST', url: '/admin/plans/sync' },
];

const visiblePlanIds = async (headers: Record<string, string>) => (await stack.app.inject({ method: 'GET', url: '/plans', headers })).json().plans.map((p: { id: string }) => p.id);

describe('admin plan routes', () => {
  it.each(adminRoutes)('$method $url answers 401 without a token', async (route) => {
    const res = await stack.app.inject({ ...route });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('UNAUTHENTICATED');
  });

  it.each(adminRoutes)('$method $url answers 403 to tenant owners and services', async (route) => {
    for (const headers of [headersFor(stack, ['tenant_owner'], 'tenant-a'), headersFor(stack, ['service']), headersFor(stack, ['tenant_user', 'tenant_owner'], 'tenant-a')]) {
      const res = await stack.app.inject({ ...route, headers });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
    }
  });

  it('left the catalog untouched after the refused calls', async () => {
    const growth = (await stack.app.inject({ method: 'GET', url: '/admin/plans/growth', headers: adminHeaders(stack) })).json();
    expect(growth).toMatchObject({ priceMonthlyCents: 9_900, isActive: true });
    expect((await stack.app.inject({ method: 'GET', url: '/admin/plans/sneaky', headers: adminHeaders(stack) })).statusCode).toBe(404);
  });
});

describe('enterprise plan visibility on GET /plans', () => {
  it('shows a tenant its own enterprise plan and never another tenant\'s', async () => {
    const a = await visiblePlanIds(headersFor(stack, ['tenant_owner'], 'tenant-a'));
    expect(a).toContain('enterprise-a');
    expect(a).not.toContain('enterprise-b');
    const b = await visiblePlanIds(headersFor(stack, ['tenant_user'], 'tenant-b'));
    expect(b).toContain('enterprise-b');
    expect(b).not.toContain('enterprise-a');
  });

  it('shows no enterprise plan to anonymous callers or to tokens bound to no tenant', async () => {
    for (const headers of [{}, adminHeaders(stack), headersFor(stack, ['service'])]) {
      expect(await visiblePlanIds(headers)).toEqual(['free', 'starter', 'growth']);
    }
  });

  it('rejects a forged, expired or alg:none token instead of guessing the tenant', async () => {
    const secret = stack.config.auth.jwtSecret;
    const forged = signToken('another-secret-another-secret-another-secret', { roles: ['tenant_owner'], tenantId: 'tenant-b' });
    const expired = signToken(secret, { roles: ['tenant_owner'], tenantId: 'tenant-b', exp: Math.floor(Date.now() / 1000) - 60 });
    const none = signToken(secret, { roles: ['tenant_owner'], tenantId: 'tenant-b' }, { alg: 'none', typ: 'JWT' });
    for (const token of [forged, expired, none]) {
      const res = await stack.app.inject({ method: 'GET', url: '/plans', headers: bearer(token) });
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('UNAUTHENTICATED');
    }
  });

  it('does not leak Stripe ids or tenant bindings to tenants', async () => {
    const body = (await stack.app.inject({ method: 'GET', url: '/plans', headers: headersFor(stack, ['tenant_owner'], 'tenant-a') })).json();
    const a = body.plans.find((p: { id: string }) => p.id === 'enterprise-a');
    expect(a).toMatchObject({ enterprise: true, manualInvoicing: true });
    expect(a).not.toHaveProperty('tenantId');
    expect(JSON.stringify(body)).not.toMatch(/price_|prod_|tenant-b/);
  });
});
