import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testConfig } from '../../support/config.js';
import { uid } from '../../support/ids.js';
import { registerTenant, stateWhere } from '../../support/lifecycle.js';
import { startStripeFaultProxy, type StripeFaultProxy } from '../../support/stripe-fault-proxy.js';
import { signed, stripeEvent, subscriptionObject } from '../../support/stripe-payloads.js';
import { startTestStack, type TestStack } from '../../support/stack.js';
import { bearer, signToken } from '../../support/tokens.js';

// Issue 17, item 2: with STRIPE_AUTOMATIC_TAX=true, Checkout and upgrades ask Stripe for Stripe Tax.
// stripe-mock checks each request against Stripe's OpenAPI spec (it refuses a parameter Stripe does
// not take); the recording proxy in front of it shows what was sent.
let proxy: StripeFaultProxy;
let stack: TestStack;
beforeAll(async () => {
  proxy = await startStripeFaultProxy(testConfig().stripe.apiBase ?? 'http://127.0.0.1:12111');
  stack = await startTestStack({ env: { STRIPE_API_BASE: proxy.url, STRIPE_AUTOMATIC_TAX: 'true' } });
});
afterAll(async () => { await stack?.close(); await proxy?.close(); });
beforeEach(() => proxy.clear());

const owner = (tenantId: string) => bearer(signToken(stack.config.auth.jwtSecret, { sub: 'owner-1', tenantId, roles: ['tenant_owner'] }));
const form = (body: string) => Object.fromEntries(new URLSearchParams(body));

describe('STRIPE_AUTOMATIC_TAX=true', () => {
  it('checkout asks for automatic tax, a billing address and tax ids, saved on the customer', async () => {
    const tenantId = uid('tax-');
    await registerTenant(stack, tenantId);
    const home = stack.config.http.publicUrl;
    const res = await stack.app.inject({ method: 'POST', url: '/billings/subscription/checkout', headers: owner(tenantId), payload: { planId: 'growth', successUrl: `${home}/billing?ok`, cancelUrl: `${home}/billing` } });
    expect(res.statusCode, res.body).toBe(200);
    const session = proxy.seen.find((r) => r.method === 'POST' && r.path === '/v1/checkout/sessions');
    expect(form(session!.body)).toMatchObject({
      'automatic_tax[enabled]': 'true', billing_address_collection: 'required', 'tax_id_collection[enabled]': 'true',
      'customer_update[address]': 'auto', 'customer_update[name]': 'auto',
    });
  });

  it('an upgrade turns automatic tax on for the subscription, then changes the price', async () => {
    const tenantId = uid('tax-');
    const subscriptionId = uid('sub_');
    await registerTenant(stack, tenantId);
    const hook = signed(stripeEvent(uid('evt_'), 'customer.subscription.created', subscriptionObject({ id: subscriptionId, tenantId, customer: uid('cus_'), priceId: 'price_starter_monthly' })), stack.config.stripe.webhookSecret);
    expect((await stack.app.inject({ method: 'POST', url: '/webhooks/stripe', payload: hook.payload, headers: hook.headers })).statusCode).toBe(200);
    await stateWhere(stack, tenantId, (s) => s.subscription?.status === 'active', 'the starter subscription');

    const res = await stack.app.inject({ method: 'POST', url: '/billings/subscription/upgrade', headers: owner(tenantId), payload: { planId: 'growth' } });
    expect(res.statusCode, res.body).toBe(200);
    const updates = proxy.seen.filter((r) => r.method === 'POST' && r.path === `/v1/subscriptions/${subscriptionId}`).map((r) => form(r.body));
    const tax = updates.findIndex((u) => u['automatic_tax[enabled]'] === 'true');
    const price = updates.findIndex((u) => u['items[0][price]'] === 'price_growth_monthly');
    expect(tax).toBeGreaterThanOrEqual(0);
    expect(price).toBeGreaterThan(tax);
    expect(updates[price]).not.toHaveProperty('automatic_tax[enabled]');
  });
});
