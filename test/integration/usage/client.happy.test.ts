import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenureClient, enforceUsage, UsageRefusedError, type TenureClient } from '../../../client/index.js';
import { startTestStack, type TestStack } from '../../support/stack.js';
import { signToken } from '../../support/tokens.js';
import { seedTenant } from '../../support/usage.js';

// The product-backend client against the real app listening on a random port.
let stack: TestStack;
let client: TenureClient;
let product: FastifyInstance;
beforeAll(async () => {
  stack = await startTestStack({ worker: false });
  const address = await stack.app.listen({ host: '127.0.0.1', port: 0 });
  client = createTenureClient({ baseUrl: address, token: () => signToken(stack.config.auth.jwtSecret, { sub: 'svc-campaigns', roles: ['service'] }) });
  product = Fastify();
  product.post<{ Params: { tenant: string } }>('/tenants/:tenant/campaigns', {
    preHandler: enforceUsage(client, { metric: 'campaigns', tenantId: (req) => (req.params as { tenant: string }).tenant, idempotencyKey: (req) => req.headers['idempotency-key'] as string | undefined }),
  }, async (req) => ({ created: true, used: req.usageDecision?.allowed ? req.usageDecision.used : null }));
});
afterAll(async () => { await product?.close(); await stack?.close(); });

describe('PlanLimitService over HTTP', () => {
  it('reads plan limits, checks without counting, and reports remaining capacity', async () => {
    const tenantId = await seedTenant(stack, { planId: 'free' });
    expect(await client.getPlanLimits(tenantId)).toMatchObject({ planId: 'free', access: 'full', limits: { campaigns: 1, email_sends: 500 } });
    expect(await client.canPerformAction(tenantId, 'campaigns')).toBe(true);
    expect(await client.canPerformAction(tenantId, 'campaigns')).toBe(true);
    expect(await client.getRemainingCapacity(tenantId, 'campaigns')).toBe(1);
    expect(await client.canPerformAction(tenantId, 'leaderboard_entries', { current: 10 })).toBe(false);
    expect(await client.getRemainingCapacity(tenantId, 'leaderboard_entries', 4)).toBe(6);
  });

  it('enforces limits: counts, then refuses with the upgrade suggestion', async () => {
    const tenantId = await seedTenant(stack, { planId: 'free' });
    expect(await client.enforceLimit(tenantId, 'campaigns')).toMatchObject({ allowed: true, used: 1, remaining: 0 });
    expect(await client.canPerformAction(tenantId, 'campaigns')).toBe(false);
    const refusal = await client.enforceLimit(tenantId, 'campaigns').catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(UsageRefusedError);
    expect(refusal).toMatchObject({ status: 402, refusal: 'LIMIT_EXCEEDED', details: { upgrade: { planId: 'starter' } } });
    expect(await client.release(tenantId, 'campaigns')).toEqual({ used: 0, limit: 1, remaining: 1 });
  });

  it('returns blocked and past_due decisions from enforce()', async () => {
    const locked = await seedTenant(stack, { status: 'locked' });
    expect(await client.enforce(locked, 'seats')).toMatchObject({ allowed: false, status: 403, code: 'TENANT_LOCKED' });
    const pastDue = await seedTenant(stack, { paymentStatus: 'past_due' });
    expect(await client.enforce(pastDue, 'seats')).toMatchObject({ allowed: true, warning: 'payment_past_due' });
  });

  it('fails closed when Tenure is unreachable, unless told to fail open', async () => {
    const down = createTenureClient({ baseUrl: 'http://127.0.0.1:1', token: 'x', timeoutMs: 500 });
    await expect(down.enforce('t', 'seats')).rejects.toMatchObject({ status: 0, code: 'UNREACHABLE' });
    const open = createTenureClient({ baseUrl: 'http://127.0.0.1:1', token: 'x', timeoutMs: 500, failOpen: true });
    expect(await open.enforce('t', 'seats')).toMatchObject({ allowed: true, warning: 'tenure_unreachable' });
  });
});

describe('enforceUsage preHandler', () => {
  it('runs the route while under the limit and answers Tenure\'s refusal after', async () => {
    const tenantId = await seedTenant(stack, { planId: 'starter' });
    const create = (key?: string) => product.inject({ method: 'POST', url: `/tenants/${tenantId}/campaigns`, headers: key ? { 'idempotency-key': key } : {} });
    expect((await create('c-1')).json()).toEqual({ created: true, used: 1 });
    expect((await create('c-1')).json()).toEqual({ created: true, used: 1 });
    expect((await create()).json().used).toBe(2);
    expect((await create()).json().used).toBe(3);
    const refused = await create();
    expect(refused.statusCode).toBe(402);
    expect(refused.json().error).toMatchObject({ code: 'LIMIT_EXCEEDED', details: { metric: 'campaigns', used: 3, limit: 3, upgrade: { planId: 'growth' } } });
  });
});
