import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../../support/stack.js';
import { bearer, signToken } from '../../support/tokens.js';
import { seedTenant } from '../../support/usage.js';

let stack: TestStack;
beforeAll(async () => { stack = await startTestStack({ worker: false }); });
afterAll(async () => { await stack?.close(); });

const service = () => bearer(signToken(stack.config.auth.jwtSecret, { sub: 'svc-campaigns', roles: ['service'] }));
const consume = (tenantId: string, payload: Record<string, unknown>) =>
  stack.app.inject({ method: 'POST', url: `/internal/tenants/${tenantId}/usage/consume`, headers: service(), payload });
const release = (tenantId: string, payload: Record<string, unknown>) =>
  stack.app.inject({ method: 'POST', url: `/internal/tenants/${tenantId}/usage/release`, headers: service(), payload });

describe('POST /internal/tenants/:id/usage/consume', () => {
  it('allows usage under the limit and reports what is left', async () => {
    const tenantId = await seedTenant(stack, { planId: 'starter' });
    const first = await consume(tenantId, { metric: 'campaigns' });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ allowed: true, used: 1, limit: 3, remaining: 2 });
    const monthly = await consume(tenantId, { metric: 'email_sends', amount: 250 });
    expect(monthly.json()).toEqual({ allowed: true, used: 250, limit: 5000, remaining: 4750 });
    expect(first.headers['x-billing-warning']).toBeUndefined();
  });

  it('counts an idempotency key once and answers a repeat with the first answer', async () => {
    const tenantId = await seedTenant(stack);
    const a = await consume(tenantId, { metric: 'email_sends', amount: 10, idempotencyKey: 'send-batch-1' });
    const b = await consume(tenantId, { metric: 'email_sends', amount: 10, idempotencyKey: 'send-batch-1' });
    const c = await consume(tenantId, { metric: 'email_sends', amount: 5, idempotencyKey: 'send-batch-2' });
    expect(a.json()).toEqual({ allowed: true, used: 10, limit: 5000, remaining: 4990 });
    expect(b.json()).toEqual(a.json());
    expect(b.headers['idempotent-replayed']).toBe('true');
    expect(c.json().used).toBe(15);
  });

  it('answers a dry run without counting it', async () => {
    const tenantId = await seedTenant(stack, { limits: { campaigns: 1 } });
    expect((await consume(tenantId, { metric: 'campaigns', dryRun: true })).json()).toMatchObject({ allowed: true, used: 0 });
    expect((await consume(tenantId, { metric: 'campaigns' })).json()).toMatchObject({ allowed: true, used: 1, remaining: 0 });
    expect((await consume(tenantId, { metric: 'campaigns', dryRun: true })).statusCode).toBe(402);
  });

  it('allows a past_due tenant, with a warning header', async () => {
    const tenantId = await seedTenant(stack, { paymentStatus: 'past_due' });
    const res = await consume(tenantId, { metric: 'seats' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-billing-warning']).toBe('payment_past_due');
  });

  it('treats an unlimited metric as always allowed', async () => {
    const tenantId = await seedTenant(stack, { limits: { email_sends: null } });
    const res = await consume(tenantId, { metric: 'email_sends', amount: 1_000_000 });
    expect(res.json()).toEqual({ allowed: true, used: 1_000_000, limit: null, remaining: null });
  });
});

describe('POST /internal/tenants/:id/usage/release', () => {
  it('decrements a gauge and never below zero', async () => {
    const tenantId = await seedTenant(stack);
    await consume(tenantId, { metric: 'seats', amount: 2 });
    expect((await release(tenantId, { metric: 'seats' })).json()).toEqual({ used: 1, limit: 3, remaining: 2 });
    expect((await release(tenantId, { metric: 'seats', amount: 5 })).json()).toEqual({ used: 0, limit: 3, remaining: 3 });
    expect((await consume(tenantId, { metric: 'seats', amount: 3 })).statusCode).toBe(200);
  });

  it('releases once per idempotency key', async () => {
    const tenantId = await seedTenant(stack);
    await consume(tenantId, { metric: 'campaigns', amount: 3 });
    await release(tenantId, { metric: 'campaigns', idempotencyKey: 'delete-c1' });
    const again = await release(tenantId, { metric: 'campaigns', idempotencyKey: 'delete-c1' });
    expect(again.json().used).toBe(2);
  });
});

describe('GET /internal/tenants/:id/usage and /status', () => {
  it('reports used, limit and remaining per metric', async () => {
    const tenantId = await seedTenant(stack, { planId: 'free' });
    await consume(tenantId, { metric: 'email_sends', amount: 120 });
    const res = await stack.app.inject({ method: 'GET', url: `/internal/tenants/${tenantId}/usage`, headers: service() });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      tenantId, planId: 'free',
      metrics: { email_sends: { kind: 'monthly', used: 120, limit: 500, remaining: 380 }, campaigns: { used: 0, limit: 1 }, leaderboard_entries: { kind: 'read', used: null, limit: 10 } },
    });
  });

  it('serves the status from Redis with the projection shape and short cache headers', async () => {
    const tenantId = await seedTenant(stack, { planId: 'growth', paymentStatus: 'past_due', version: 7 });
    // Change the row behind Redis' back: the answer must come from Redis.
    await stack.database.sql`update tenants set plan_name = 'changed in postgres' where tenant_id = ${tenantId}`;
    const res = await stack.app.inject({ method: 'GET', url: `/internal/tenants/${tenantId}/status`, headers: service() });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('private, max-age=5');
    expect(res.json()).toEqual({
      tenantId, status: 'active', paymentStatus: 'past_due', access: 'full', plan: { id: 'growth', name: 'Growth' }, trial: null,
      limits: { referred_users: 10_000, campaigns: 20, seats: 10, leaderboard_entries: 500, email_sends: 50_000 }, features: {}, paymentActionUrl: null, version: 7, nextTransition: null,
    });
  });
});
