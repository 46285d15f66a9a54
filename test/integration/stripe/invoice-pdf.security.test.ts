import { describe, expect, it } from 'vitest';
import { uid } from '../../support/ids.js';
import { registerTenant } from '../../support/lifecycle.js';
import { useStackBehindStripeProxy } from '../../support/stripe-proxy-stack.js';
import { bearer, signToken } from '../../support/tokens.js';

// The invoice PDF link, for a finalized invoice (stripe-mock only ever returns a draft): the owner
// gets Stripe's PDF URL, another tenant gets 404 for the same invoice id.
const ctx = useStackBehindStripeProxy();
const member = (tenantId: string) => bearer(signToken(ctx.stack.config.auth.jwtSecret, { sub: 'user-1', tenantId, roles: ['tenant_user'] }));
const PDF_URL = 'https://pay.stripe.com/invoice/acct_1Tenure/in_1Paid/pdf';

async function tenantWithCustomer(): Promise<{ tenantId: string; customer: string }> {
  const tenantId = uid('pdf-');
  await registerTenant(ctx.stack, tenantId);
  const customer = uid('cus_');
  await ctx.stack.database.sql`insert into stripe_customers (tenant_id, customer_id) values (${tenantId}, ${customer})
    on conflict (tenant_id) do update set customer_id = excluded.customer_id`;
  return { tenantId, customer };
}

function finalizedInvoice(id: string, customer: string) {
  return { id, object: 'invoice', customer, status: 'paid', number: 'TEN-0001', currency: 'usd', amount_due: 9_900, amount_paid: 9_900, total: 9_900,
    created: 1_764_000_000, period_start: 1_764_000_000, period_end: 1_766_600_000, invoice_pdf: PDF_URL, hosted_invoice_url: 'https://invoice.stripe.com/i/acct_1Tenure/in_1Paid' };
}

describe('GET /billings/invoices/:id/pdf', () => {
  it('gives the owner the PDF link of a finalized invoice, and another tenant a 404', async () => {
    const owner = await tenantWithCustomer();
    const invoiceId = `in_${uid('Paid').replace(/[^A-Za-z0-9]/g, '')}`;
    ctx.proxy.answer({ method: 'GET', pathPrefix: `/v1/invoices/${invoiceId}`, body: finalizedInvoice(invoiceId, owner.customer) });
    const pdf = await ctx.stack.app.inject({ method: 'GET', url: `/billings/invoices/${invoiceId}/pdf`, headers: member(owner.tenantId) });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.json()).toEqual({ url: PDF_URL });
    const intruder = await tenantWithCustomer();
    const stolen = await ctx.stack.app.inject({ method: 'GET', url: `/billings/invoices/${invoiceId}/pdf`, headers: member(intruder.tenantId) });
    expect(stolen.statusCode).toBe(404);
    expect(stolen.json().error).toMatchObject({ code: 'NOT_FOUND' });
    expect(stolen.body).not.toContain(PDF_URL);
  });
});
