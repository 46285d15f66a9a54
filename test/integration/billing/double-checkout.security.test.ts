import { describe, expect, it } from 'vitest';
import { uid } from '../../support/ids.js';
import { registerTenant, stateWhere, workflowState } from '../../support/lifecycle.js';
import { signed, stripeEvent, subscriptionObject } from '../../support/stripe-payloads.js';
import { ownerOf, useStackBehindStripeProxy } from '../../support/stripe-proxy-stack.js';
import { eventually } from '../../support/wait.js';

// Issue 10, item 8: one open Checkout session per tenant, and a second subscription that still
// appears is cancelled at once and reported. stripe-mock answers every create with the same fixture
// id, so what counts is the requests that reached Stripe, seen through the recording proxy.
const ctx = useStackBehindStripeProxy();
const owner = (tenantId: string) => ownerOf(ctx.stack, tenantId);
const checkout = (tenantId: string, planId: string) => ctx.stack.app.inject({
  method: 'POST', url: '/billings/subscription/checkout', headers: owner(tenantId),
  payload: { planId, successUrl: new URL('/billing?ok', ctx.stack.config.http.publicUrl).href, cancelUrl: new URL('/billing', ctx.stack.config.http.publicUrl).href },
});
const created = () => ctx.proxy.seen.filter((r) => r.method === 'POST' && r.path === '/v1/checkout/sessions');
const expired = () => ctx.proxy.seen.filter((r) => r.method === 'POST' && /^\/v1\/checkout\/sessions\/[^/]+\/expire$/.test(r.path));
const webhook = async (type: string, object: Record<string, unknown>) => {
  const hook = signed(stripeEvent(uid('evt_'), type, object), ctx.stack.config.stripe.webhookSecret);
  return ctx.stack.app.inject({ method: 'POST', url: '/webhooks/stripe', payload: hook.payload, headers: hook.headers });
};

describe('one open checkout per tenant', () => {
  it('reuses the open session for a repeated checkout, even when the two requests race', async () => {
    const tenantId = uid('dbl-');
    await registerTenant(ctx.stack, tenantId);
    const [first, second] = await Promise.all([checkout(tenantId, 'starter'), checkout(tenantId, 'starter')]);
    expect([first.statusCode, second.statusCode]).toEqual([200, 200]);
    expect(second.json()).toEqual(first.json());
    const third = await checkout(tenantId, 'starter');
    expect(third.json()).toEqual(first.json());
    expect(created()).toHaveLength(1);
    expect(expired()).toHaveLength(0);
  });

  it('expires the open session before opening one for another plan', async () => {
    const tenantId = uid('dbl-plan-');
    await registerTenant(ctx.stack, tenantId);
    const starter = await checkout(tenantId, 'starter');
    expect(starter.statusCode).toBe(200);
    const growth = await checkout(tenantId, 'growth');
    expect(growth.statusCode).toBe(200);
    expect(created()).toHaveLength(2);
    expect(expired().map((r) => r.path)).toEqual([`/v1/checkout/sessions/${starter.json().sessionId}/expire`]);
    expect(new URLSearchParams(created()[1]!.body).get('line_items[0][price]')).toBe('price_growth_monthly');
  });
});

describe('a second subscription', () => {
  it('is cancelled at once and reported, and the tenant stays on the first', async () => {
    const tenantId = uid('dbl-sub-');
    const customer = uid('cus_');
    const firstId = uid('sub_first_');
    const secondId = uid('sub_second_');
    await registerTenant(ctx.stack, tenantId);
    expect((await webhook('customer.subscription.created', subscriptionObject({ id: firstId, tenantId, customer, priceId: 'price_starter_monthly' }))).statusCode).toBe(200);
    await eventually(async () => ((await ctx.stack.database.sql`select stripe_subscription_id from tenants where tenant_id = ${tenantId}`)[0]?.stripe_subscription_id === firstId ? true : undefined), 'the first subscription projected');
    const second = await webhook('customer.subscription.created', subscriptionObject({ id: secondId, tenantId, customer, priceId: 'price_growth_monthly' }));
    expect(second.json()).toEqual({ received: true, outcome: 'ignored' });
    expect(ctx.proxy.seen.filter((r) => r.method === 'DELETE' && r.path === `/v1/subscriptions/${secondId}`)).toHaveLength(1);
    const reported = await ctx.stack.database.sql`select data from billing_events where tenant_id = ${tenantId} and type = 'subscription.duplicate_cancelled'`;
    expect(reported.map((r) => r.data)).toEqual([{ subscriptionId: secondId, keptSubscriptionId: firstId, planId: 'growth' }]);
    const stored = await ctx.stack.database.sql`select status, reason from stripe_events where tenant_id = ${tenantId} and status = 'ignored'`;
    expect(stored.map((r) => [r.status, r.reason])).toEqual([['ignored', 'duplicate_subscription']]);
    const state = await stateWhere(ctx.stack, tenantId, (s) => s.subscription?.id === firstId, 'still the first subscription');
    expect(state.plan.id).toBe('starter');
    expect(Object.keys((await workflowState(ctx.stack, tenantId)).stripe.subscriptions)).toEqual([firstId]);
  });
});
