import { describe, expect, it } from 'vitest';
import { uid } from '../../support/ids.js';
import { registerTenant, stateWhere } from '../../support/lifecycle.js';
import { signed, stripeEvent, subscriptionObject } from '../../support/stripe-payloads.js';
import { ownerOf, useStackBehindStripeProxy } from '../../support/stripe-proxy-stack.js';
import { adminHeaders, planBody } from '../plans/plan-helpers.js';

// Issue 13, item 3: annual billing. stripe-mock checks each request against Stripe's OpenAPI spec; the
// recording proxy in front of it shows which price each request used.
const ctx = useStackBehindStripeProxy();

const owner = (tenantId: string) => ownerOf(ctx.stack, tenantId);
const form = (body: string) => Object.fromEntries(new URLSearchParams(body));
const checkout = (tenantId: string, payload: Record<string, unknown>) => {
  const home = ctx.stack.config.http.publicUrl;
  return ctx.stack.app.inject({ method: 'POST', url: '/billings/subscription/checkout', headers: owner(tenantId), payload: { successUrl: `${home}/billing?ok`, cancelUrl: `${home}/billing`, ...payload } });
};

async function subscribed(tenantId: string, subscriptionId: string, priceId: string) {
  await registerTenant(ctx.stack, tenantId);
  const hook = signed(stripeEvent(uid('evt_'), 'customer.subscription.created', subscriptionObject({ id: subscriptionId, tenantId, customer: uid('cus_'), priceId })), ctx.stack.config.stripe.webhookSecret);
  expect((await ctx.stack.app.inject({ method: 'POST', url: '/webhooks/stripe', payload: hook.payload, headers: hook.headers })).statusCode).toBe(200);
  return stateWhere(ctx.stack, tenantId, (s) => s.subscription?.status === 'active', 'the subscription');
}

describe('annual billing', () => {
  it('a checkout with interval "year" uses the plan\'s annual price', async () => {
    const tenantId = uid('annual-');
    await registerTenant(ctx.stack, tenantId);
    const res = await checkout(tenantId, { planId: 'growth', interval: 'year' });
    expect(res.statusCode, res.body).toBe(200);
    const sessions = ctx.proxy.seen.filter((r) => r.method === 'POST' && r.path === '/v1/checkout/sessions').map((r) => form(r.body));
    expect(sessions.map((s) => s['line_items[0][price]'])).toEqual(['price_growth_annual']);
  });

  it('a checkout without an interval uses the monthly price', async () => {
    const tenantId = uid('annual-');
    await registerTenant(ctx.stack, tenantId);
    expect((await checkout(tenantId, { planId: 'growth' })).statusCode).toBe(200);
    const session = ctx.proxy.seen.find((r) => r.method === 'POST' && r.path === '/v1/checkout/sessions');
    expect(form(session!.body)['line_items[0][price]']).toBe('price_growth_monthly');
  });

  it('a checkout with interval "year" for a plan without an annual price is INTERVAL_NOT_AVAILABLE, and nothing reaches Stripe', async () => {
    const planId = uid('monthly-only-').toLowerCase();
    const created = await ctx.stack.app.inject({ method: 'POST', url: '/admin/plans', headers: adminHeaders(ctx.stack), payload: planBody(planId, { priceAnnualCents: null, stripePriceId: 'price_monthly_only' }) });
    expect(created.statusCode, created.body).toBe(201);
    const tenantId = uid('annual-');
    await registerTenant(ctx.stack, tenantId);
    const res = await checkout(tenantId, { planId, interval: 'year' });
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'INTERVAL_NOT_AVAILABLE', details: { planId, interval: 'year' } });
    expect(ctx.proxy.seen.filter((r) => r.path === '/v1/checkout/sessions')).toEqual([]);
  });

  it('an interval outside month and year is refused by the schema', async () => {
    const tenantId = uid('annual-');
    await registerTenant(ctx.stack, tenantId);
    const res = await checkout(tenantId, { planId: 'growth', interval: 'week' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('a subscription webhook on a plan\'s annual price puts the tenant on that plan and records the interval', async () => {
    const tenantId = uid('annual-');
    const state = await subscribed(tenantId, uid('sub_'), 'price_growth_annual');
    expect(state.plan.id).toBe('growth');
    expect(state.subscription).toMatchObject({ planId: 'growth', priceId: 'price_growth_annual', interval: 'year' });
  });

  // An annual starter subscriber upgrades to growth with `body`: the prices the Stripe update used, and the subscription after.
  async function upgradeAnnualStarter(body: Record<string, unknown>) {
    const tenantId = uid('annual-');
    const subscriptionId = uid('sub_');
    await subscribed(tenantId, subscriptionId, 'price_starter_annual');
    const res = await ctx.stack.app.inject({ method: 'POST', url: '/billings/subscription/upgrade', headers: owner(tenantId), payload: { planId: 'growth', ...body } });
    expect(res.statusCode, res.body).toBe(200);
    const prices = ctx.proxy.seen.filter((r) => r.method === 'POST' && r.path === `/v1/subscriptions/${subscriptionId}`).map((r) => form(r.body)['items[0][price]']).filter(Boolean);
    const state = await stateWhere(ctx.stack, tenantId, (s) => s.plan.id === 'growth', 'the upgrade');
    return { prices, subscription: state.subscription };
  }

  it('an upgrade of an annual subscriber keeps the year: Stripe gets the target plan\'s annual price', async () => {
    const { prices, subscription } = await upgradeAnnualStarter({});
    expect(prices).toEqual(['price_growth_annual']);
    expect(subscription).toMatchObject({ priceId: 'price_growth_annual', interval: 'year' });
  });

  it('an upgrade asked for "month" moves an annual subscriber to the monthly price', async () => {
    const { prices, subscription } = await upgradeAnnualStarter({ interval: 'month' });
    expect(prices).toEqual(['price_growth_monthly']);
    expect(subscription).toMatchObject({ priceId: 'price_growth_monthly', interval: 'month' });
  });

  it('a manually invoiced plan cannot be bought through checkout: PLAN_INVOICED_MANUALLY', async () => {
    const tenantId = uid('annual-');
    const planId = uid('ent-').toLowerCase();
    const created = await ctx.stack.app.inject({ method: 'POST', url: '/admin/plans', headers: adminHeaders(ctx.stack), payload: planBody(planId, { tenantId, manualInvoicing: true, stripePriceId: 'price_enterprise_monthly' }) });
    expect(created.statusCode, created.body).toBe(201);
    await registerTenant(ctx.stack, tenantId);
    const res = await checkout(tenantId, { planId });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'PLAN_INVOICED_MANUALLY', details: { planId } });
    expect(ctx.proxy.seen.filter((r) => r.path === '/v1/checkout/sessions')).toEqual([]);
  });
});
