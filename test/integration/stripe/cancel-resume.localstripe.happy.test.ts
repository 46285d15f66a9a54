import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uid } from '../../support/ids.js';
import { registerTenant, stateWhere } from '../../support/lifecycle.js';
import { localstripeClient, monthlyPrice, paidSubscription, startLocalstripeStack } from '../../support/localstripe.js';
import { signed, stripeEvent, subscriptionObject } from '../../support/stripe-payloads.js';
import type { TestStack } from '../../support/stack.js';
import { bearer, signToken } from '../../support/tokens.js';

// Cancel at period end and resume, through the lifecycle workflow and its activity, against the
// subscription localstripe holds: the test reads back what the subscription became. localstripe
// refuses cancellation_details, so the cancel here gives no reason (subscription.happy.test.ts, on
// stripe-mock, sends one and checks it against Stripe's spec).
const stripe = localstripeClient();
let stack: TestStack;
beforeAll(async () => { stack = await startLocalstripeStack(); });
afterAll(async () => { await stack?.close(); });

describe('cancel and resume against localstripe', () => {
  it('sets cancel_at_period_end on the tenant\'s subscription, and clears it again', async () => {
    const tenantId = uid('cancel-');
    const owner = bearer(signToken(stack.config.auth.jwtSecret, { sub: 'owner-1', tenantId, roles: ['tenant_owner'] }));
    await registerTenant(stack, tenantId);
    expect((await stack.app.inject({ method: 'GET', url: '/billings/invoices', headers: owner })).statusCode).toBe(200);
    const [row] = await stack.database.sql`select customer_id from stripe_customers where tenant_id = ${tenantId}`;
    const customer = String(row!.customer_id);
    const subscription = await paidSubscription(stripe, customer, await monthlyPrice(stripe, 'Cancel test plan', 2_900));
    const hook = signed(stripeEvent(uid('evt_'), 'customer.subscription.created', subscriptionObject({ id: subscription.id, tenantId, customer, priceId: 'price_starter_monthly' })), stack.config.stripe.webhookSecret);
    expect((await stack.app.inject({ method: 'POST', url: '/webhooks/stripe', payload: hook.payload, headers: hook.headers })).statusCode).toBe(200);
    await stateWhere(stack, tenantId, (s) => s.subscription?.id === subscription.id, 'the subscription');

    const cancel = await stack.app.inject({ method: 'POST', url: '/billings/subscription/cancel', headers: owner, payload: {} });
    expect(cancel.statusCode).toBe(200);
    expect(cancel.json().subscription).toMatchObject({ cancelAtPeriodEnd: true });
    expect(await stripe.subscriptions.retrieve(subscription.id)).toMatchObject({ status: 'active', cancel_at_period_end: true });

    const resume = await stack.app.inject({ method: 'POST', url: '/billings/subscription/reactivate', headers: owner });
    expect(resume.statusCode).toBe(200);
    expect(resume.json().subscription).toMatchObject({ cancelAtPeriodEnd: false });
    expect(await stripe.subscriptions.retrieve(subscription.id)).toMatchObject({ status: 'active', cancel_at_period_end: false });
  });
});
