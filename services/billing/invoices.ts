import type Stripe from 'stripe';
import { TenureError } from '../../domain/errors.js';
import { requireLifecycleState } from '../lifecycle/lifecycle-client.js';
import { callStripe } from '../stripe/call-stripe.js';
import { tenantCustomer } from './ensure-customer.js';
import type { PaymentDeps } from './payment-methods.js';

// The tenant's invoices, always through its own customer.

const toInvoiceView = (i: Stripe.Invoice) => ({
  id: i.id ?? null, number: i.number, status: i.status, currency: i.currency, amountDue: i.amount_due, amountPaid: i.amount_paid, total: i.total,
  createdAt: new Date(i.created * 1000).toISOString(), periodStart: new Date(i.period_start * 1000).toISOString(), periodEnd: new Date(i.period_end * 1000).toISOString(),
  hostedInvoiceUrl: i.hosted_invoice_url ?? null,
});

/** The tenant's invoices, newest first, one page at a time. */
export async function listInvoices(deps: PaymentDeps, tenantId: string, limit: number, startingAfter?: string) {
  const customer = await tenantCustomer(deps, tenantId);
  const page = await callStripe(deps.log, 'list the invoices', () => deps.stripe.invoices.list({ customer, limit, ...(startingAfter ? { starting_after: startingAfter } : {}) }));
  return { invoices: page.data.map(toInvoiceView), hasMore: page.has_more };
}

/** The next invoice Stripe will send, if the tenant has a subscription. */
export async function upcomingInvoice(deps: PaymentDeps, tenantId: string) {
  const customer = await tenantCustomer(deps, tenantId);
  const state = await requireLifecycleState(deps, tenantId);
  if (!state.subscription || state.subscription.status === 'canceled') throw new TenureError('NO_SUBSCRIPTION', 'the tenant has no subscription, so no upcoming invoice');
  const preview = await callStripe(deps.log, 'preview the next invoice', () => deps.stripe.invoices.createPreview({ customer, subscription: state.subscription!.id }));
  return { currency: preview.currency, amountDue: preview.amount_due, total: preview.total, nextPaymentAttempt: preview.next_payment_attempt ? new Date(preview.next_payment_attempt * 1000).toISOString() : null, lines: preview.lines.data.map((l) => ({ description: l.description ?? '', amount: l.amount })) };
}

/** A link to the invoice's PDF, only for the tenant's own invoices. */
export async function invoicePdf(deps: PaymentDeps, tenantId: string, invoiceId: string): Promise<{ url: string }> {
  const customer = await tenantCustomer(deps, tenantId);
  const notFound = () => new TenureError('NOT_FOUND', `invoice ${invoiceId} not found`);
  const invoice = await callStripe(deps.log, 'read the invoice', () => deps.stripe.invoices.retrieve(invoiceId), { missing: notFound });
  const owner = typeof invoice.customer === 'string' ? invoice.customer : invoice.customer?.id;
  if (owner !== customer) throw notFound();
  const url = invoice.invoice_pdf ?? invoice.hosted_invoice_url;
  if (!url) throw new TenureError('NOT_FOUND', `invoice ${invoiceId} has no PDF yet (it is still a draft)`);
  return { url };
}
