import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uid } from '../../support/ids.js';
import { countSignals, registerTenant, stateWhere } from '../../support/lifecycle.js';
import { invoiceObject, signed, stripeEvent, subscriptionObject } from '../../support/stripe-payloads.js';
import { startTestStack, type TestStack } from '../../support/stack.js';
import { privateDevServer, type DevServer } from '../../support/temporal-server.js';
import { eventually } from '../../support/wait.js';

// Temporal goes away mid-flight: Stripe must get a 503 (so it retries), nothing may be lost, and
// the retried delivery must take effect exactly once.
let temporal: DevServer;
let stack: TestStack;
beforeAll(async () => {
  temporal = await privateDevServer();
  stack = await startTestStack({ env: { TEMPORAL_ADDRESS: temporal.address } });
});
afterAll(async () => {
  await stack?.close();
  await temporal?.stop();
});

describe('webhook while Temporal is down', () => {
  it('answers 503, then the same delivery succeeds once Temporal is back, with exactly one effect', async () => {
    const tenantId = uid('outage-');
    const customer = uid('cus_');
    await registerTenant(stack, tenantId);
    const post = (d: { payload: string; headers: Record<string, string> }) => stack.app.inject({ method: 'POST', url: '/webhooks/stripe', payload: d.payload, headers: d.headers });
    expect((await post(signed(stripeEvent(uid('evt_'), 'customer.subscription.created', subscriptionObject({ tenantId, customer })), stack.config.stripe.webhookSecret))).statusCode).toBe(200);
    await stateWhere(stack, tenantId, (s) => s.plan.id === 'growth', 'the growth plan');

    await temporal.stop();
    const failed = stripeEvent(uid('evt_'), 'invoice.payment_failed', invoiceObject('in_outage', { customer }));
    const delivery = signed(failed, stack.config.stripe.webhookSecret);
    const down = await post(delivery);
    expect(down.statusCode).toBe(503);
    expect(down.json().error.code).toBe('DEPENDENCY_UNAVAILABLE');
    expect(down.headers['retry-after']).toBe('5');
    expect(await stack.database.sql`select status from stripe_events where id = ${failed.id}`).toEqual([{ status: 'received' }]);

    await temporal.start();
    const up = await post(delivery);
    expect(up.statusCode).toBe(200);
    expect(up.json().outcome).toBe('forwarded');
    const state = await stateWhere(stack, tenantId, (s) => s.paymentStatus === 'past_due', 'past_due after the retry', 60_000);
    expect(state.stripe.appliedEventIds.filter((id) => id === failed.id)).toHaveLength(1);
    // Two deliveries reached the workflow (the subscription, then the retried failure); the 503 one never did.
    expect(await countSignals(stack, tenantId, 'stripeEvent')).toBe(2);
    // The state changes before the publishing activity runs: wait for the audit row, then expect one.
    const failures = await eventually(async () => {
      const rows = await stack.database.sql`select id from billing_events where tenant_id = ${tenantId} and type = 'payment.failed'`;
      return rows.length > 0 ? rows : undefined;
    }, 'payment.failed in the audit log');
    expect(failures).toHaveLength(1);
    expect(await stack.database.sql`select status from stripe_events where id = ${failed.id}`).toEqual([{ status: 'forwarded' }]);
  });
});
