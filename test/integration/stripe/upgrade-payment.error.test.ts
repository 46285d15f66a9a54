import { describe, expect, it } from 'vitest';
import { limitsKey } from '../../../domain/usage/keys.js';
import { toPlanSnapshot } from '../../../domain/plans/types.js';
import { defaultPlan } from '../../../db/seed/demo-plans.js';
import { meteredLimits } from '../../../domain/plans/types.js';
import { changePlanUpdate, workflowIdOf } from '../../../workflows/messages.js';
import { uid } from '../../support/ids.js';
import { registerTenant, stateWhere, workflowState } from '../../support/lifecycle.js';
import { signed, stripeEvent, subscriptionObject } from '../../support/stripe-payloads.js';
import { ownerOf, useStackBehindStripeProxy } from '../../support/stripe-proxy-stack.js';

// Issue 10, item 9: an upgrade is granted when it is paid. The price change asks Stripe for
// pending_if_incomplete; while Stripe holds the change pending (the invoice is unpaid) the tenant
// keeps its plan and limits, and the webhook that follows the payment moves it. Without a live
// subscription the lifecycle refuses an upgrade with NO_SUBSCRIPTION, whoever sends it.
const ctx = useStackBehindStripeProxy();
const owner = (tenantId: string) => ownerOf(ctx.stack, tenantId);
const webhook = async (type: string, object: Record<string, unknown>) => {
  const hook = signed(stripeEvent(uid('evt_'), type, object), ctx.stack.config.stripe.webhookSecret);
  expect((await ctx.stack.app.inject({ method: 'POST', url: '/webhooks/stripe', payload: hook.payload, headers: hook.headers })).statusCode).toBe(200);
};

async function starterSubscriber() {
  const tenantId = uid('upay-');
  const subscriptionId = uid('sub_');
  const customer = uid('cus_');
  await registerTenant(ctx.stack, tenantId);
  await webhook('customer.subscription.created', subscriptionObject({ id: subscriptionId, tenantId, customer, priceId: 'price_starter_monthly' }));
  await stateWhere(ctx.stack, tenantId, (s) => s.subscription?.status === 'active' && s.plan.id === 'starter', 'the starter subscription');
  return { tenantId, subscriptionId, customer };
}

describe('upgrades are granted when paid', () => {
  it('keeps the plan and limits while Stripe holds the upgrade pending, and moves on the webhook after payment', async () => {
    const { tenantId, subscriptionId, customer } = await starterSubscriber();
    const pending = { ...subscriptionObject({ id: subscriptionId, tenantId, customer, priceId: 'price_starter_monthly' }), pending_update: { expires_at: Math.floor(Date.now() / 1000) + 82_800, subscription_items: [{ id: 'si_test_1', price: { id: 'price_growth_monthly' } }] } };
    ctx.proxy.answer({ method: 'POST', pathPrefix: `/v1/subscriptions/${subscriptionId}`, body: pending });

    const res = await ctx.stack.app.inject({ method: 'POST', url: '/billings/subscription/upgrade', headers: owner(tenantId), payload: { planId: 'growth' } });
    expect(res.statusCode).toBe(200);
    const update = ctx.proxy.seen.find((r) => r.method === 'POST' && r.path === `/v1/subscriptions/${subscriptionId}`)!;
    expect(new URLSearchParams(update.body).get('payment_behavior')).toBe('pending_if_incomplete');
    expect(res.json().plan.id).toBe('starter');
    expect((await workflowState(ctx.stack, tenantId)).plan.id).toBe('starter');
    expect(await ctx.stack.deps.redis.hget(limitsKey(tenantId), 'campaigns')).toBe(String(meteredLimits(defaultPlan('starter').entitlements).campaigns));

    // The invoice is paid: Stripe applies the pending update and says so.
    await webhook('customer.subscription.updated', subscriptionObject({ id: subscriptionId, tenantId, customer, priceId: 'price_growth_monthly' }));
    await stateWhere(ctx.stack, tenantId, (s) => s.plan.id === 'growth', 'the paid upgrade');
  });

  it('refuses an upgrade sent straight to the workflow of a tenant without a subscription with NO_SUBSCRIPTION', async () => {
    const tenantId = uid('upay-');
    await registerTenant(ctx.stack, tenantId);
    const handle = ctx.stack.deps.temporal.workflow.getHandle(workflowIdOf(tenantId));
    const refused = await handle.executeUpdate(changePlanUpdate, { args: [{ plan: toPlanSnapshot(defaultPlan('growth')), direction: 'upgrade', gaugeUsage: {} }] }).then(() => null, (err: unknown) => err);
    expect(refused).toBeInstanceOf(Error);
    expect((refused as { cause?: { type?: string } }).cause?.type).toBe('NO_SUBSCRIPTION');
    expect((await workflowState(ctx.stack, tenantId)).plan.id).not.toBe('growth');
    const view = await ctx.stack.app.inject({ method: 'GET', url: '/billings/subscription', headers: owner(tenantId) });
    expect(view.json().plan.id).not.toBe('growth');
  });
});
