import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createPlan } from '../../../services/plans/manage-plans.js';
import { testConfig } from '../../support/config.js';
import { uid } from '../../support/ids.js';
import { registerTenant, stateWhere } from '../../support/lifecycle.js';
import { startStripeFaultProxy, type StripeFaultProxy } from '../../support/stripe-fault-proxy.js';
import { signed, stripeEvent, subscriptionObject } from '../../support/stripe-payloads.js';
import { startTestStack, type TestStack } from '../../support/stack.js';
import { bearer, signToken } from '../../support/tokens.js';
import { planBody } from '../plans/plan-helpers.js';

// Issue 10, item 11: the Stripe idempotency key of a plan change is bound to what the change asks
// for, so after a failed attempt the tenant can ask for another plan; the proxy keeps keys as
// Stripe does and answers a key reused with other parameters with idempotency_error.
let proxy: StripeFaultProxy;
let stack: TestStack;
beforeAll(async () => {
  proxy = await startStripeFaultProxy(testConfig().stripe.apiBase ?? 'http://127.0.0.1:12111', { idempotency: true });
  stack = await startTestStack({ env: { STRIPE_API_BASE: proxy.url } });
  await createPlan(stack.deps, { ...planBody('scale-idem'), stripeProductId: 'prod_scale_idem', stripePriceId: 'price_scale_idem_monthly' });
});
afterAll(async () => { await stack?.close(); await proxy?.close(); });
beforeEach(() => proxy.clear());

const owner = (tenantId: string) => bearer(signToken(stack.config.auth.jwtSecret, { sub: 'owner-1', tenantId, roles: ['tenant_owner'] }));
const upgrade = (tenantId: string, planId: string) =>
  stack.app.inject({ method: 'POST', url: '/billings/subscription/upgrade', headers: owner(tenantId), payload: { planId } });
const DECLINE = { status: 402, requestId: 'req_decline', error: { type: 'card_error', code: 'card_declined', decline_code: 'insufficient_funds', message: 'Your card has insufficient funds.' } };

async function starterSubscriber(): Promise<{ tenantId: string; subscriptionId: string }> {
  const tenantId = uid('idem-');
  const subscriptionId = uid('sub_');
  await registerTenant(stack, tenantId);
  const hook = signed(stripeEvent(uid('evt_'), 'customer.subscription.created', subscriptionObject({ id: subscriptionId, tenantId, customer: uid('cus_'), priceId: 'price_starter_monthly' })), stack.config.stripe.webhookSecret);
  expect((await stack.app.inject({ method: 'POST', url: '/webhooks/stripe', payload: hook.payload, headers: hook.headers })).statusCode).toBe(200);
  await stateWhere(stack, tenantId, (s) => s.subscription?.status === 'active', 'the starter subscription');
  return { tenantId, subscriptionId };
}

describe('Stripe idempotency keys of plan changes', () => {
  it('lets a tenant upgrade to another plan after a declined attempt', async () => {
    const { tenantId, subscriptionId } = await starterSubscriber();
    proxy.injectOnce({ method: 'POST', pathPrefix: `/v1/subscriptions/${subscriptionId}`, ...DECLINE });
    const declined = await upgrade(tenantId, 'growth');
    expect(declined.statusCode).toBe(502);
    expect(declined.json().error.code).toBe('STRIPE_ERROR');

    const other = await upgrade(tenantId, 'scale-idem');
    expect(other.statusCode).toBe(200);
    const updates = proxy.seen.filter((r) => r.method === 'POST' && r.path === `/v1/subscriptions/${subscriptionId}` && new URLSearchParams(r.body).has('items[0][price]'));
    expect(updates.map((u) => new URLSearchParams(u.body).get('items[0][price]'))).toEqual(['price_growth_monthly', 'price_scale_idem_monthly']);
    expect(new Set(updates.map((u) => u.idempotencyKey)).size).toBe(2);
  });

  it('answers Stripe\'s idempotency_error at once as 502 STRIPE_ERROR, without retrying it', async () => {
    const { tenantId, subscriptionId } = await starterSubscriber();
    proxy.inject({ method: 'POST', pathPrefix: `/v1/subscriptions/${subscriptionId}`, status: 400, requestId: 'req_idem', error: { type: 'idempotency_error', message: 'Keys for idempotent requests can only be used with the same parameters.' } });
    const res = await upgrade(tenantId, 'growth');
    expect(res.statusCode).toBe(502);
    expect(res.json().error.code).toBe('STRIPE_ERROR');
    expect(proxy.seen.filter((r) => r.method === 'POST' && r.path === `/v1/subscriptions/${subscriptionId}`)).toHaveLength(1);
  });
});
