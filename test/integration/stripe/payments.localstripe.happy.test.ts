import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uid } from '../../support/ids.js';
import { registerTenant, stateWhere, workflowState } from '../../support/lifecycle.js';
import { localstripeClient, monthlyPrice, paidSubscription, startLocalstripeStack } from '../../support/localstripe.js';
import { signed, stripeEvent, subscriptionObject } from '../../support/stripe-payloads.js';
import type { TestStack } from '../../support/stack.js';
import { bearer, signToken } from '../../support/tokens.js';

// The tenant's cards and invoices against localstripe, which holds what it is given: each tenant's
// customer is the one Tenure created there, its cards are the ones attached to that customer, and
// its invoices are the ones its subscription produced. So another tenant's answer is exact too.
const stripe = localstripeClient();
let stack: TestStack;
beforeAll(async () => { stack = await startLocalstripeStack(); });
afterAll(async () => { await stack?.close(); });

const as = (tenantId: string, role: 'tenant_owner' | 'tenant_user' = 'tenant_owner') => bearer(signToken(stack.config.auth.jwtSecret, { sub: `${role}-1`, tenantId, roles: [role] }));
const get = (tenantId: string, url: string) => stack.app.inject({ method: 'GET', url, headers: as(tenantId) });

/** A registered tenant and the Stripe customer Tenure made for it (on its first card or invoice request). */
async function tenantWithCustomer(prefix: string): Promise<{ tenantId: string; customer: string }> {
  const tenantId = uid(prefix);
  await registerTenant(stack, tenantId);
  expect((await get(tenantId, '/billings/invoices')).json()).toEqual({ invoices: [], hasMore: false });
  const [row] = await stack.database.sql`select customer_id from stripe_customers where tenant_id = ${tenantId}`;
  const customer = String(row!.customer_id);
  expect(await stripe.customers.retrieve(customer)).toMatchObject({ metadata: { tenantId } });
  return { tenantId, customer };
}

describe('payment methods per customer', () => {
  it('starts a SetupIntent for the tenant\'s customer, lists only its cards, sets the default and detaches; another tenant reaches none of them', async () => {
    const owner = await tenantWithCustomer('pm-');
    const other = await tenantWithCustomer('pm-other-');
    const intent = await stack.app.inject({ method: 'POST', url: '/billings/payment-methods', headers: as(owner.tenantId) });
    expect(intent.statusCode).toBe(200);
    expect((await stripe.setupIntents.retrieve(intent.json().setupIntentId)).customer).toBe(owner.customer);

    const card = await stripe.paymentMethods.attach('pm_card_visa', { customer: owner.customer });
    expect((await get(owner.tenantId, '/billings/payment-methods')).json()).toEqual({ paymentMethods: [{ id: card.id, brand: 'visa', last4: '4242', expMonth: 12, expYear: 2030, isDefault: false }] });
    expect((await get(other.tenantId, '/billings/payment-methods')).json()).toEqual({ paymentMethods: [] });

    const stolenDefault = await stack.app.inject({ method: 'POST', url: `/billings/payment-methods/${card.id}/default`, headers: as(other.tenantId) });
    expect(stolenDefault.statusCode).toBe(404);
    const stolenDetach = await stack.app.inject({ method: 'DELETE', url: `/billings/payment-methods/${card.id}`, headers: as(other.tenantId) });
    expect(stolenDetach.statusCode).toBe(404);
    expect((await stripe.paymentMethods.retrieve(card.id)).customer).toBe(owner.customer);

    expect((await stack.app.inject({ method: 'POST', url: `/billings/payment-methods/${card.id}/default`, headers: as(owner.tenantId) })).statusCode).toBe(204);
    expect((await get(owner.tenantId, '/billings/payment-methods')).json().paymentMethods).toEqual([expect.objectContaining({ id: card.id, isDefault: true })]);
    expect((await stack.app.inject({ method: 'DELETE', url: `/billings/payment-methods/${card.id}`, headers: as(owner.tenantId) })).statusCode).toBe(204);
    expect((await get(owner.tenantId, '/billings/payment-methods')).json()).toEqual({ paymentMethods: [] });
    expect((await stripe.paymentMethods.retrieve(card.id)).customer).toBeNull();
    expect((await stack.app.inject({ method: 'DELETE', url: '/billings/payment-methods/not-a-pm', headers: as(owner.tenantId) })).statusCode).toBe(400);
    expect((await stack.app.inject({ method: 'GET', url: '/billings/payment-methods', headers: as(owner.tenantId, 'tenant_user') })).statusCode).toBe(403);
  });
});

describe('invoices per customer', () => {
  it('lists the tenant\'s own invoices, serves the PDF link of a paid one to its owner only, refuses a draft, and previews the next invoice', async () => {
    const owner = await tenantWithCustomer('inv-');
    const other = await tenantWithCustomer('inv-other-');
    const price = await monthlyPrice(stripe, 'Invoice test plan', 2_900);
    const subscription = await paidSubscription(stripe, owner.customer, price);
    const paid = await stripe.invoices.retrieve(String(subscription.latest_invoice));
    expect(paid).toMatchObject({ status: 'paid', customer: owner.customer, invoice_pdf: expect.stringMatching(/^http/) });

    const page = await stack.app.inject({ method: 'GET', url: '/billings/invoices?limit=5', headers: as(owner.tenantId, 'tenant_user') });
    expect(page.statusCode).toBe(200);
    expect(page.json()).toEqual({ hasMore: false, invoices: [expect.objectContaining({ id: paid.id, status: 'paid', currency: 'usd', amountDue: 2_900, amountPaid: 2_900, total: 2_900 })] });
    expect((await get(other.tenantId, '/billings/invoices')).json()).toEqual({ invoices: [], hasMore: false });

    const pdf = await stack.app.inject({ method: 'GET', url: `/billings/invoices/${paid.id}/pdf`, headers: as(owner.tenantId, 'tenant_user') });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.json()).toEqual({ url: paid.invoice_pdf });
    const stolen = await stack.app.inject({ method: 'GET', url: `/billings/invoices/${paid.id}/pdf`, headers: as(other.tenantId, 'tenant_user') });
    expect(stolen.statusCode).toBe(404);
    expect(stolen.json().error).toMatchObject({ code: 'NOT_FOUND', message: `invoice ${paid.id} not found` });
    expect(stolen.body).not.toContain(String(paid.invoice_pdf));

    await stripe.invoiceItems.create({ customer: owner.customer, amount: 500, currency: 'usd', description: 'one-off' });
    const draft = await stripe.invoices.create({ customer: owner.customer });
    expect(draft.status).toBe('draft');
    const noPdf = await stack.app.inject({ method: 'GET', url: `/billings/invoices/${draft.id}/pdf`, headers: as(owner.tenantId) });
    expect(noPdf.statusCode).toBe(404);
    expect(noPdf.json().error.message).toBe(`invoice ${draft.id} has no PDF yet (it is still a draft)`);

    expect((await get(owner.tenantId, '/billings/invoices/upcoming')).json().error.code).toBe('NO_SUBSCRIPTION');
    const hook = signed(stripeEvent(uid('evt_'), 'customer.subscription.created', subscriptionObject({ id: subscription.id, tenantId: owner.tenantId, customer: owner.customer, priceId: 'price_starter_monthly' })), stack.config.stripe.webhookSecret);
    expect((await stack.app.inject({ method: 'POST', url: '/webhooks/stripe', payload: hook.payload, headers: hook.headers })).statusCode).toBe(200);
    await stateWhere(stack, owner.tenantId, (s) => s.subscription?.id === subscription.id, 'the subscription');
    const upcoming = await get(owner.tenantId, '/billings/invoices/upcoming');
    expect(upcoming.statusCode).toBe(200);
    expect(upcoming.json()).toMatchObject({ currency: 'usd', amountDue: 2_900, total: 2_900, lines: [{ amount: 2_900 }] });
  });
});

describe('coupons the account holds', () => {
  it('refuses an admin discount whose coupon Stripe does not hold, or no longer holds, and applies nothing', async () => {
    const { tenantId } = await tenantWithCustomer('coupon-');
    const admin = bearer(signToken(stack.config.auth.jwtSecret, { sub: 'admin-1', roles: ['platform_admin'] }));
    const discount = (couponId: string) => stack.app.inject({ method: 'POST', url: `/admin/tenants/${tenantId}/discount`, headers: admin, payload: { couponId, reason: 'retention' } });
    const gone = await stripe.coupons.create({ id: uid('GONE'), percent_off: 20, duration: 'once' });
    await stripe.coupons.del(gone.id);
    for (const couponId of [uid('NEVER'), gone.id]) {
      const res = await discount(couponId);
      expect(res.statusCode, couponId).toBe(422);
      expect(res.json().error).toMatchObject({ code: 'INVALID_COUPON', message: 'this discount cannot be applied' });
    }
    expect((await workflowState(stack, tenantId)).discount).toBeNull();
  });
});
