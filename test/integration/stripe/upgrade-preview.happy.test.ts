import { describe, expect, it } from 'vitest';
import { uid } from '../../support/ids.js';
import { registerTenant, stateWhere } from '../../support/lifecycle.js';
import { signed, stripeEvent, subscriptionObject } from '../../support/stripe-payloads.js';
import { ownerOf, useStackBehindStripeProxy } from '../../support/stripe-proxy-stack.js';

// The upgrade preview's proration, on stripe-mock behind the recording proxy. localstripe cannot
// preview a change of price (docs/testing.md), and stripe-mock's preview fixture has no proration
// lines; so the request is checked as Stripe receives it (stripe-mock also checks it against the
// spec), and the arithmetic over a preview shaped as Stripe answers one with prorations.
const ctx = useStackBehindStripeProxy();
const GROWTH_PRICE = 'price_growth_monthly';

async function subscribedTenant(): Promise<{ tenantId: string; subscriptionId: string }> {
  const tenantId = uid('preview-');
  await registerTenant(ctx.stack, tenantId);
  const subscriptionId = uid('sub_');
  const hook = signed(stripeEvent(uid('evt_'), 'customer.subscription.created', subscriptionObject({ id: subscriptionId, tenantId, customer: uid('cus_'), priceId: 'price_starter_monthly' })), ctx.stack.config.stripe.webhookSecret);
  expect((await ctx.stack.app.inject({ method: 'POST', url: '/webhooks/stripe', payload: hook.payload, headers: hook.headers })).statusCode).toBe(200);
  await stateWhere(ctx.stack, tenantId, (s) => s.subscription?.status === 'active', 'the paid subscription');
  return { tenantId, subscriptionId };
}

const preview = (tenantId: string) => ctx.stack.app.inject({ method: 'POST', url: '/billings/subscription/upgrade/preview', headers: ownerOf(ctx.stack, tenantId), payload: { planId: 'growth' } });
const prorationLine = (description: string, amount: number, proration: boolean) => ({
  object: 'line_item', description, amount, currency: 'usd',
  parent: { type: 'subscription_item_details', subscription_item_details: { proration, subscription: 'sub_x', subscription_item: 'si_x', invoice_item: null, proration_details: null } },
});

describe('POST /billings/subscription/upgrade/preview', () => {
  it('asks Stripe for the target plan\'s price on the current item, invoiced with prorations as of now', async () => {
    const { tenantId, subscriptionId } = await subscribedTenant();
    const before = Math.floor(Date.now() / 1000);
    expect((await preview(tenantId)).statusCode).toBe(200);
    const after = Math.floor(Date.now() / 1000);
    const item = (await ctx.stack.deps.stripe.subscriptions.retrieve(subscriptionId)).items.data[0]!;
    const sent = ctx.proxy.seen.filter((r) => r.method === 'POST' && r.path === '/v1/invoices/create_preview');
    expect(sent).toHaveLength(1);
    const body = new URLSearchParams(sent[0]!.body);
    expect(body.get('subscription')).toBe(subscriptionId);
    expect(body.get('subscription_details[items][0][id]')).toBe(item.id);
    expect(body.get('subscription_details[items][0][price]')).toBe(GROWTH_PRICE);
    expect(body.get('subscription_details[proration_behavior]')).toBe('always_invoice');
    const prorationDate = Number(body.get('subscription_details[proration_date]'));
    expect(prorationDate).toBeGreaterThanOrEqual(before);
    expect(prorationDate).toBeLessThanOrEqual(after);
  });

  it('answers Stripe\'s amounts and sums only the proration lines', async () => {
    const { tenantId } = await subscribedTenant();
    const lines = [prorationLine('Unused time on Starter', -1_450, true), prorationLine('Remaining time on Growth', 4_950, true), prorationLine('1 × Growth (at $99.00 / month)', 9_900, false)];
    ctx.proxy.answer({ method: 'POST', pathPrefix: '/v1/invoices/create_preview', body: { object: 'invoice', id: null, currency: 'usd', amount_due: 13_400, total: 13_400, lines: { object: 'list', data: lines, has_more: false } } });
    const res = await preview(tenantId);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      fromPlanId: 'starter', toPlanId: 'growth', currency: 'usd', amountDue: 13_400, total: 13_400, prorationAmount: 3_500,
      lines: [
        { description: 'Unused time on Starter', amount: -1_450, proration: true },
        { description: 'Remaining time on Growth', amount: 4_950, proration: true },
        { description: '1 × Growth (at $99.00 / month)', amount: 9_900, proration: false },
      ],
    });
  });
});
