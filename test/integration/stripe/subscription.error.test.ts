import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usageKey } from '../../../domain/usage/metrics.js';
import { uid } from '../../support/ids.js';
import { registerTenant, stateWhere } from '../../support/lifecycle.js';
import { signed, stripeEvent, subscriptionObject } from '../../support/stripe-payloads.js';
import { startTestStack, type TestStack } from '../../support/stack.js';
import { bearer, signToken } from '../../support/tokens.js';

let stack: TestStack;
beforeAll(async () => { stack = await startTestStack(); });
afterAll(async () => { await stack?.close(); });

const asOwner = (tenantId: string) => bearer(signToken(stack.config.auth.jwtSecret, { sub: 'owner', tenantId, roles: ['tenant_owner'] }));
const call = (tenantId: string, method: 'POST' | 'DELETE', url: string, payload?: object) => stack.app.inject({ method, url, headers: asOwner(tenantId), ...(payload ? { payload } : {}) });
const home = () => new URL('/billing', stack.config.http.publicUrl).href;

async function subscribedTenant(priceId = 'price_growth_monthly'): Promise<string> {
  const tenantId = uid('suberr-');
  await registerTenant(stack, tenantId);
  const hook = signed(stripeEvent(uid('evt_'), 'customer.subscription.created', subscriptionObject({ tenantId, customer: uid('cus_'), priceId })), stack.config.stripe.webhookSecret);
  await stack.app.inject({ method: 'POST', url: '/webhooks/stripe', payload: hook.payload, headers: hook.headers });
  await stateWhere(stack, tenantId, (s) => s.subscription?.status === 'active', 'subscription');
  return tenantId;
}

describe('subscription changes that are refused', () => {
  it('refuses a downgrade while gauge usage exceeds the target, naming the metric and by how much', async () => {
    const tenantId = await subscribedTenant();
    await stack.deps.redis.set(usageKey(tenantId, 'campaigns', 'gauge', 0), '7');
    const res = await call(tenantId, 'POST', '/billings/subscription/downgrade', { planId: 'starter' });
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'DOWNGRADE_BLOCKED_BY_USAGE', details: { metric: 'campaigns', usage: 7, limit: 3, over: 4 } });
    expect(res.json().error.message).toContain('campaigns');
  });

  it('refuses the same plan, an upgrade that is a downgrade, an unknown plan and a reactivation of an active subscription', async () => {
    const tenantId = await subscribedTenant();
    expect((await call(tenantId, 'POST', '/billings/subscription/upgrade', { planId: 'growth' })).json().error.code).toBe('SAME_PLAN');
    const wrongWay = await call(tenantId, 'POST', '/billings/subscription/upgrade', { planId: 'starter' });
    expect(wrongWay.statusCode).toBe(400);
    expect(wrongWay.json().error.code).toBe('VALIDATION_FAILED');
    expect((await call(tenantId, 'POST', '/billings/subscription/upgrade', { planId: 'platinum' })).statusCode).toBe(404);
    const reactivate = await call(tenantId, 'POST', '/billings/subscription/reactivate');
    expect(reactivate.statusCode).toBe(409);
    expect(reactivate.json().error.code).toBe('INVALID_TRANSITION');
    expect((await call(tenantId, 'DELETE', '/billings/subscription/downgrade')).json().error.code).toBe('NO_PENDING_CHANGE');
  });

  it('sends a tenant without a subscription to checkout instead of upgrading', async () => {
    const tenantId = uid('nosub-');
    await registerTenant(stack, tenantId);
    const res = await call(tenantId, 'POST', '/billings/subscription/upgrade', { planId: 'growth' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('NO_SUBSCRIPTION');
  });

  it('validates checkout input and refuses another tenant\'s enterprise plan', async () => {
    const tenantId = uid('co-');
    await registerTenant(stack, tenantId);
    const bad = await call(tenantId, 'POST', '/billings/subscription/checkout', { planId: 'growth', successUrl: 'javascript:alert(1)', cancelUrl: home() });
    expect(bad.statusCode).toBe(400);
    const foreign = await call(tenantId, 'POST', '/billings/subscription/checkout', { planId: 'enterprise-acme', successUrl: home(), cancelUrl: home() });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error.code).toBe('PLAN_NOT_FOUND');
    const free = await call(tenantId, 'POST', '/billings/subscription/checkout', { planId: 'free', successUrl: home(), cancelUrl: home() });
    expect(free.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('keeps tenant members (tenant_user) away from changes', async () => {
    const tenantId = uid('member-');
    const token = signToken(stack.config.auth.jwtSecret, { tenantId, roles: ['tenant_user'] });
    const res = await stack.app.inject({ method: 'POST', url: '/billings/subscription/cancel', headers: bearer(token), payload: {} });
    expect(res.statusCode).toBe(403);
  });
});
