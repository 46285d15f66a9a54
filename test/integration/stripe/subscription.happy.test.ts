import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uid } from '../../support/ids.js';
import { collectBillingEvents, type EventCollector } from '../../support/kafka.js';
import { registerTenant, stateWhere } from '../../support/lifecycle.js';
import { signed, stripeEvent, subscriptionObject } from '../../support/stripe-payloads.js';
import { startTestStack, type TestStack } from '../../support/stack.js';
import { bearer, signToken } from '../../support/tokens.js';

let stack: TestStack;
let events: EventCollector;
const tenantId = uid('subs-');
beforeAll(async () => {
  stack = await startTestStack();
  events = await collectBillingEvents(stack.config.kafka.brokers, stack.config.kafka.billingTopic, () => [tenantId]);
});
afterAll(async () => { await events?.close(); await stack?.close(); });

const owner = () => bearer(signToken(stack.config.auth.jwtSecret, { sub: 'owner-1', tenantId, roles: ['tenant_owner'] }));
const member = () => bearer(signToken(stack.config.auth.jwtSecret, { sub: 'member-1', tenantId, roles: ['tenant_user'] }));
const call = (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) => stack.app.inject({ method, url, headers: owner(), ...(payload ? { payload } : {}) });

describe('subscription through the HTTP API', () => {
  it('checks out, upgrades, schedules and cancels a downgrade, cancels and reactivates', async () => {
    await registerTenant(stack, tenantId);
    const initial = await stack.app.inject({ method: 'GET', url: '/billings/subscription', headers: member() });
    expect(initial.statusCode).toBe(200);
    expect(initial.json()).toMatchObject({ tenantId, plan: { id: 'starter' }, subscription: null, trial: { daysLeft: 14 } });

    const checkout = await call('POST', '/billings/subscription/checkout', { planId: 'starter', successUrl: new URL('/billing?ok', stack.config.http.publicUrl).href, cancelUrl: new URL('/billing', stack.config.http.publicUrl).href });
    expect(checkout.statusCode).toBe(200);
    expect(checkout.json().url).toMatch(/^https?:\/\//);
    expect(checkout.json().sessionId).toMatch(/^cs_/);
    const [mapping] = await stack.database.sql`select customer_id from stripe_customers where tenant_id = ${tenantId}`;
    expect(mapping!.customer_id).toMatch(/^cus_/);

    // Stripe confirms the subscription with a webhook.
    const sub = stripeEvent(uid('evt_'), 'customer.subscription.created', subscriptionObject({ tenantId, customer: String(mapping!.customer_id), priceId: 'price_starter_monthly' }));
    const hook = signed(sub, stack.config.stripe.webhookSecret);
    expect((await stack.app.inject({ method: 'POST', url: '/webhooks/stripe', payload: hook.payload, headers: hook.headers })).statusCode).toBe(200);
    await stateWhere(stack, tenantId, (s) => s.subscription?.status === 'active', 'the paid subscription');

    const preview = await call('POST', '/billings/subscription/upgrade/preview', { planId: 'growth' });
    expect(preview.statusCode).toBe(200);
    // The amounts and the proration are checked in upgrade-preview.happy.test.ts (stripe-mock's preview is a fixture).
    expect(preview.json()).toMatchObject({ fromPlanId: 'starter', toPlanId: 'growth' });

    const up = await call('POST', '/billings/subscription/upgrade', { planId: 'growth' });
    expect(up.statusCode).toBe(200);
    expect(up.json()).toMatchObject({ plan: { id: 'growth' }, trial: null });
    await events.waitFor((e) => e.type === 'subscription.upgraded');

    const down = await call('POST', '/billings/subscription/downgrade', { planId: 'starter' });
    expect(down.statusCode).toBe(200);
    expect(down.json()).toMatchObject({ plan: { id: 'growth' }, pendingChange: { planId: 'starter' } });
    await events.waitFor((e) => e.type === 'subscription.downgrade_scheduled');
    const undo = await call('DELETE', '/billings/subscription/downgrade');
    expect(undo.statusCode).toBe(200);
    expect(undo.json().pendingChange).toBeNull();
    await events.waitFor((e) => e.type === 'subscription.downgrade_cancelled');

    const cancel = await call('POST', '/billings/subscription/cancel', { reason: 'too expensive' });
    expect(cancel.statusCode).toBe(200);
    expect(cancel.json().subscription).toMatchObject({ cancelAtPeriodEnd: true, cancelReason: 'too expensive' });
    await events.waitFor((e) => e.type === 'subscription.cancelled');
    const back = await call('POST', '/billings/subscription/reactivate');
    expect(back.statusCode).toBe(200);
    expect(back.json().subscription).toMatchObject({ cancelAtPeriodEnd: false });
    await events.waitFor((e) => e.type === 'subscription.reactivated');

    const final = await stack.app.inject({ method: 'GET', url: '/billings/subscription', headers: member() });
    expect(final.json()).toMatchObject({ plan: { id: 'growth' }, pendingChange: null, subscription: { cancelAtPeriodEnd: false } });
  });
});
