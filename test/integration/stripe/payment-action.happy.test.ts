import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uid } from '../../support/ids.js';
import { registerTenant, stateWhere } from '../../support/lifecycle.js';
import { invoiceObject, signed, stripeEvent, subscriptionObject } from '../../support/stripe-payloads.js';
import { startTestStack, type TestStack } from '../../support/stack.js';
import { bearer, signToken } from '../../support/tokens.js';
import { eventually } from '../../support/wait.js';

// Issue 17, item 3: invoice.payment_action_required (3-D Secure) through the real webhook: the event
// payment.action_required with the hosted invoice page, past_due, paymentActionUrl in the status and
// in the subscription view, and all of it cleared by the payment; a redelivery changes nothing.
let stack: TestStack;
beforeAll(async () => { stack = await startTestStack(); });
afterAll(async () => { await stack?.close(); });

async function deliver(event: ReturnType<typeof stripeEvent>): Promise<void> {
  const { payload, headers } = signed(event, stack.config.stripe.webhookSecret);
  const res = await stack.app.inject({ method: 'POST', url: '/webhooks/stripe', payload, headers });
  expect(res.statusCode).toBe(200);
  expect(res.json().outcome).not.toBe('ignored');
}
const service = () => bearer(signToken(stack.config.auth.jwtSecret, { sub: 'svc', roles: ['service'] }));
const status = async (tenantId: string) => (await stack.app.inject({ method: 'GET', url: `/internal/tenants/${tenantId}/status`, headers: service() })).json();

describe('invoice.payment_action_required', () => {
  it('publishes payment.action_required, starts dunning and shows the page until the invoice is paid', async () => {
    const tenantId = uid('sca-');
    const customer = uid('cus_');
    const url = `https://invoice.stripe.com/i/acct_test/${tenantId}`;
    await registerTenant(stack, tenantId);
    const t = Date.now();
    await deliver(stripeEvent(uid('evt_'), 'customer.subscription.created', subscriptionObject({ tenantId, customer }), t));
    await stateWhere(stack, tenantId, (s) => s.plan.id === 'growth', 'subscribed');
    expect((await status(tenantId)).paymentActionUrl).toBeNull();

    const action = stripeEvent(uid('evt_'), 'invoice.payment_action_required', { ...invoiceObject('in_sca', { customer }), hosted_invoice_url: url }, t + 1_000);
    await deliver(action);
    await deliver(action);
    await stateWhere(stack, tenantId, (s) => s.paymentStatus === 'past_due', 'past_due');
    // The events are recorded right after the state changes (the same step's last command).
    const events = await eventually(async () => {
      const rows = await stack.database.sql`select type, data from billing_events where tenant_id = ${tenantId} and type in ('payment.action_required', 'tenant.payment_status.changed') order by seq`;
      return rows.length >= 2 ? rows : undefined;
    }, 'the payment.action_required events');
    expect(events.map((e) => e.type)).toEqual(['payment.action_required', 'tenant.payment_status.changed']);
    expect(events[0]!.data).toEqual({ invoiceId: 'in_sca', subscriptionId: 'sub_test_1', amountDue: 9_900, hostedInvoiceUrl: url });
    expect(events[1]!.data).toMatchObject({ from: 'active', to: 'past_due', cause: 'payment_action_required' });
    await eventually(async () => ((await status(tenantId)).paymentActionUrl === url ? true : undefined), 'paymentActionUrl in the status');
    expect(await status(tenantId)).toMatchObject({ paymentStatus: 'past_due', access: 'full', paymentActionUrl: url });
    const [row] = await stack.database.sql`select payment_action_url from tenants where tenant_id = ${tenantId}`;
    expect(row!.payment_action_url).toBe(url);
    const owner = bearer(signToken(stack.config.auth.jwtSecret, { sub: 'o', tenantId, roles: ['tenant_owner'] }));
    expect((await stack.app.inject({ method: 'GET', url: '/billings/subscription', headers: owner })).json().paymentActionUrl).toBe(url);

    await deliver(stripeEvent(uid('evt_'), 'invoice.paid', invoiceObject('in_sca', { customer }), t + 2_000));
    await stateWhere(stack, tenantId, (s) => s.paymentStatus === 'active', 'active after invoice.paid');
    await eventually(async () => ((await status(tenantId)).paymentActionUrl === null ? true : undefined), 'paymentActionUrl cleared');
    expect(await status(tenantId)).toMatchObject({ paymentStatus: 'active', paymentActionUrl: null });
    expect((await stack.app.inject({ method: 'GET', url: '/billings/subscription', headers: owner })).json().paymentActionUrl).toBeNull();
  });
});
