import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countSignals, registerTenant } from '../../support/lifecycle.js';
import { signed, stripeEvent, subscriptionObject } from '../../support/stripe-payloads.js';
import { startTestStack, type TestStack } from '../../support/stack.js';
import { uid } from '../../support/ids.js';

let stack: TestStack;
beforeAll(async () => { stack = await startTestStack(); });
afterAll(async () => { await stack?.close(); });

const rows = async (id: string) => stack.database.sql`select status from stripe_events where id = ${id}`;
const post = (payload: string, headers: Record<string, string>, url = '/webhooks/stripe') => stack.app.inject({ method: 'POST', url, payload, headers });

describe('Stripe webhook rejections', () => {
  it('rejects a bad signature with 400 and stores nothing', async () => {
    const event = stripeEvent(uid('evt_'), 'customer.subscription.updated', subscriptionObject({ tenantId: 'acme' }));
    const { payload, headers } = signed(event, 'whsec_not_the_right_secret');
    const res = await post(payload, headers);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('INVALID_SIGNATURE');
    expect(await rows(event.id)).toHaveLength(0);
  });

  it('rejects a missing signature and a stale one (older than 300 s)', async () => {
    const event = stripeEvent(uid('evt_'), 'invoice.paid', { id: 'in_1', object: 'invoice' });
    const fresh = signed(event, stack.config.stripe.webhookSecret);
    expect((await post(fresh.payload, { 'content-type': 'application/json' })).statusCode).toBe(400);
    const stale = signed(event, stack.config.stripe.webhookSecret, Date.now() - 301_000);
    const res = await post(stale.payload, stale.headers);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('INVALID_SIGNATURE');
    expect(await rows(event.id)).toHaveLength(0);
  });

  it('rejects a body that was altered after signing', async () => {
    const event = stripeEvent(uid('evt_'), 'invoice.paid', { id: 'in_1', object: 'invoice' });
    const { payload, headers } = signed(event, stack.config.stripe.webhookSecret);
    const res = await post(payload.replace('in_1', 'in_2'), headers);
    expect(res.statusCode).toBe(400);
    expect(await rows(event.id)).toHaveLength(0);
  });
});

describe('Stripe webhook outcomes', () => {
  it('records an unhandled type as ignored, answered 200', async () => {
    const event = stripeEvent(uid('evt_'), 'customer.created', { id: 'cus_1', object: 'customer' });
    const { payload, headers } = signed(event, stack.config.stripe.webhookSecret);
    const res = await post(payload, headers);
    expect(res.statusCode).toBe(200);
    expect(res.json().outcome).toBe('ignored');
    expect(await rows(event.id)).toEqual([{ status: 'ignored' }]);
  });

  it('records an unknown tenant as an orphan, answered 200 and counted', async () => {
    const event = stripeEvent(uid('evt_'), 'customer.subscription.updated', subscriptionObject({ tenantId: 'no-such-tenant', customer: uid('cus_') }));
    const { payload, headers } = signed(event, stack.config.stripe.webhookSecret);
    const res = await post(payload, headers, '/api/v1/webhook/stripe');
    expect(res.statusCode).toBe(200);
    expect(res.json().outcome).toBe('orphan');
    expect(await rows(event.id)).toEqual([{ status: 'orphan' }]);
    const metrics = await stack.app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toMatch(/billing_webhooks_orphaned_total [1-9]/);
  });

  it('answers a duplicate 200 without signalling again', async () => {
    const tenantId = uid('dup-');
    await registerTenant(stack, tenantId);
    const event = stripeEvent(uid('evt_'), 'customer.subscription.created', subscriptionObject({ tenantId, customer: uid('cus_') }));
    const { payload, headers } = signed(event, stack.config.stripe.webhookSecret);
    expect((await post(payload, headers)).json().outcome).toBe('forwarded');
    const again = await post(payload, headers);
    expect(again.statusCode).toBe(200);
    expect(again.json().outcome).toBe('duplicate');
    expect(await countSignals(stack, tenantId, 'stripeEvent')).toBe(1);
  });
});
