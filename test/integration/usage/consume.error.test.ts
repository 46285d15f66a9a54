import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../../support/stack.js';
import { bearer, signToken } from '../../support/tokens.js';
import { seedTenant } from '../../support/usage.js';

let stack: TestStack;
beforeAll(async () => { stack = await startTestStack({ worker: false }); });
afterAll(async () => { await stack?.close(); });

const service = () => bearer(signToken(stack.config.auth.jwtSecret, { sub: 'svc-campaigns', roles: ['service'] }));
const consume = (tenantId: string, payload: Record<string, unknown>, headers = service()) =>
  stack.app.inject({ method: 'POST', url: `/internal/tenants/${tenantId}/usage/consume`, headers, payload });

describe('consume refusals', () => {
  it('refuses over the limit with 402, the usage and the cheapest plan that fits', async () => {
    const tenantId = await seedTenant(stack, { planId: 'free' });
    expect((await consume(tenantId, { metric: 'campaigns' })).statusCode).toBe(200);
    const res = await consume(tenantId, { metric: 'campaigns' });
    expect(res.statusCode).toBe(402);
    expect(res.json().error).toMatchObject({ code: 'LIMIT_EXCEEDED', details: { metric: 'campaigns', used: 1, limit: 1, upgrade: { planId: 'starter', limit: 3 } } });
    const big = await consume(tenantId, { metric: 'campaigns', amount: 10 });
    expect(big.json().error.details.upgrade).toEqual({ planId: 'growth', limit: 20 });
    const none = await consume(tenantId, { metric: 'campaigns', amount: 50 });
    expect(none.json().error.details.upgrade).toBeNull();
    const usage = await stack.app.inject({ method: 'GET', url: `/internal/tenants/${tenantId}/usage`, headers: service() });
    expect(usage.json().metrics.campaigns.used).toBe(1);
  });

  it('refuses a read_only (restricted) tenant with READ_ONLY and counts nothing', async () => {
    const tenantId = await seedTenant(stack, { paymentStatus: 'restricted' });
    const res = await consume(tenantId, { metric: 'email_sends' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('READ_ONLY');
    const usage = await stack.app.inject({ method: 'GET', url: `/internal/tenants/${tenantId}/usage`, headers: service() });
    expect(usage.json().metrics.email_sends.used).toBe(0);
  });

  it('tells a locked tenant from a suspended one', async () => {
    const adminLocked = await seedTenant(stack, { status: 'locked' });
    const dunningLocked = await seedTenant(stack, { paymentStatus: 'locked' });
    const suspended = await seedTenant(stack, { status: 'suspended' });
    expect((await consume(adminLocked, { metric: 'seats' })).json().error.code).toBe('TENANT_LOCKED');
    expect((await consume(dunningLocked, { metric: 'seats' })).json().error.code).toBe('TENANT_LOCKED');
    const res = await consume(suspended, { metric: 'seats' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('TENANT_SUSPENDED');
  });

  it('answers 404 TENANT_NOT_FOUND for a tenant neither Redis nor Postgres knows', async () => {
    const res = await consume('nobody-here', { metric: 'seats' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('TENANT_NOT_FOUND');
  });

  it('refuses to consume a read, boolean or unknown feature (UNKNOWN_FEATURE), and to release a monthly one', async () => {
    const tenantId = await seedTenant(stack);
    for (const metric of ['leaderboard_entries', 'advanced_analytics', 'not_in_catalog']) {
      const res = await consume(tenantId, { metric });
      expect(res.statusCode, metric).toBe(400);
      expect(res.json().error, metric).toMatchObject({ code: 'UNKNOWN_FEATURE', details: { feature: metric } });
      const released = await stack.app.inject({ method: 'POST', url: `/internal/tenants/${tenantId}/usage/release`, headers: service(), payload: { metric } });
      expect(released.json().error.code, metric).toBe('UNKNOWN_FEATURE');
    }
    const rel = await stack.app.inject({ method: 'POST', url: `/internal/tenants/${tenantId}/usage/release`, headers: service(), payload: { metric: 'email_sends' } });
    expect(rel.statusCode).toBe(400);
    expect(rel.json().error.code).toBe('METRIC_NOT_RELEASABLE');
  });

  it('validates the body', async () => {
    const tenantId = await seedTenant(stack);
    for (const payload of [{ metric: 'Not A Key' }, { metric: 'x'.repeat(65) }, { metric: 'seats', amount: 0 }, { metric: 'seats', amount: 1.5 }, { metric: 'seats', extra: true }, {}]) {
      const res = await consume(tenantId, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
    }
  });
});

describe('consume access control', () => {
  it('requires the service role', async () => {
    const tenantId = await seedTenant(stack);
    const owner = bearer(signToken(stack.config.auth.jwtSecret, { tenantId, roles: ['tenant_owner'] }));
    expect((await consume(tenantId, { metric: 'seats' }, owner)).statusCode).toBe(403);
    const anonymous = await stack.app.inject({ method: 'POST', url: `/internal/tenants/${tenantId}/usage/consume`, payload: { metric: 'seats' } });
    expect(anonymous.statusCode).toBe(401);
  });
});

describe('consume without Redis', () => {
  it('answers 503 DEPENDENCY_UNAVAILABLE with Retry-After, not a 500', async () => {
    const tenantId = await seedTenant(stack);
    stack.deps.redis.disconnect();
    try {
      const res = await consume(tenantId, { metric: 'seats' });
      expect(res.statusCode).toBe(503);
      expect(res.json().error.code).toBe('DEPENDENCY_UNAVAILABLE');
      expect(res.headers['retry-after']).toBe('5');
    } finally {
      await stack.deps.redis.connect();
    }
    expect((await consume(tenantId, { metric: 'seats' })).statusCode).toBe(200);
  });
});
