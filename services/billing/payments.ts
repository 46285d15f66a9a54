import type Stripe from 'stripe';
import { TenureError } from '../../domain/errors.js';
import { findCustomerId } from '../../db/queries/stripe-customers.js';
import type { AppDeps } from '../../api/deps.js';
import { requireLifecycleState } from '../lifecycle/lifecycle-client.js';
import { ensureCustomer } from './ensure-customer.js';

// Payment methods, invoices and the billing portal. Every Stripe object is reached through the
// tenant's own customer, so a tenant can never read or change another tenant's cards or invoices.

async function customerOf(deps: AppDeps, tenantId: string): Promise<string> {
  const existing = await findCustomerId(deps.db, tenantId);
  if (existing) return existing;
  const state = await requireLifecycleState(deps.temporal, tenantId);
  return ensureCustomer(deps, tenantId, state.email, state.name);
}

const isMissing = (err: unknown) => (err as { code?: string }).code === 'resource_missing' || (err as { statusCode?: number }).statusCode === 404;

/** Starts adding a card: a SetupIntent whose client secret the page hands to Stripe.js. */
export async function createSetupIntent(deps: AppDeps, tenantId: string) {
  const customer = await customerOf(deps, tenantId);
  const intent = await deps.stripe.setupIntents.create({ customer, usage: 'off_session', metadata: { tenantId } });
  return { setupIntentId: intent.id, clientSecret: intent.client_secret };
}

/** The tenant's cards, with the default marked. */
export async function listPaymentMethods(deps: AppDeps, tenantId: string) {
  const customer = await customerOf(deps, tenantId);
  const [methods, cust] = await Promise.all([deps.stripe.paymentMethods.list({ customer, type: 'card', limit: 100 }), deps.stripe.customers.retrieve(customer)]);
  const defaultId = 'deleted' in cust && cust.deleted ? null : (cust as Stripe.Customer).invoice_settings?.default_payment_method;
  const defaultPm = typeof defaultId === 'string' ? defaultId : defaultId?.id ?? null;
  return methods.data.map((pm) => ({ id: pm.id, brand: pm.card?.brand ?? null, last4: pm.card?.last4 ?? null, expMonth: pm.card?.exp_month ?? null, expYear: pm.card?.exp_year ?? null, isDefault: pm.id === defaultPm }));
}

/** Checks that the payment method is attached to the tenant's customer; 404 otherwise (never 403, to hide existence). */
async function requireOwnPaymentMethod(deps: AppDeps, customer: string, paymentMethodId: string): Promise<void> {
  try {
    await deps.stripe.customers.retrievePaymentMethod(customer, paymentMethodId);
  } catch (err) {
    if (isMissing(err)) throw new TenureError('NOT_FOUND', `payment method ${paymentMethodId} not found`);
    throw err;
  }
}

/** Detaches one of the tenant's cards. */
export async function detachPaymentMethod(deps: AppDeps, tenantId: string, paymentMethodId: string): Promise<void> {
  const customer = await customerOf(deps, tenantId);
  await requireOwnPaymentMethod(deps, customer, paymentMethodId);
  await deps.stripe.paymentMethods.detach(paymentMethodId);
}

/** Makes one of the tenant's cards the default for invoices. */
export async function setDefaultPaymentMethod(deps: AppDeps, tenantId: string, paymentMethodId: string): Promise<void> {
  const customer = await customerOf(deps, tenantId);
  await requireOwnPaymentMethod(deps, customer, paymentMethodId);
  await deps.stripe.customers.update(customer, { invoice_settings: { default_payment_method: paymentMethodId } });
}

const toInvoiceView = (i: Stripe.Invoice) => ({
  id: i.id ?? null, number: i.number, status: i.status, currency: i.currency, amountDue: i.amount_due, amountPaid: i.amount_paid, total: i.total,
  createdAt: new Date(i.created * 1000).toISOString(), periodStart: new Date(i.period_start * 1000).toISOString(), periodEnd: new Date(i.period_end * 1000).toISOString(),
  hostedInvoiceUrl: i.hosted_invoice_url ?? null,
});

/** The tenant's invoices, newest first, one page at a time. */
export async function listInvoices(deps: AppDeps, tenantId: string, limit: number, startingAfter?: string) {
  const customer = await customerOf(deps, tenantId);
  const page = await deps.stripe.invoices.list({ customer, limit, ...(startingAfter ? { starting_after: startingAfter } : {}) });
  return { invoices: page.data.map(toInvoiceView), hasMore: page.has_more };
}

/** The next invoice Stripe will send, if the tenant has a subscription. */
export async function upcomingInvoice(deps: AppDeps, tenantId: string) {
  const customer = await customerOf(deps, tenantId);
  const state = await requireLifecycleState(deps.temporal, tenantId);
  if (!state.subscription || state.subscription.status === 'canceled') throw new TenureError('NO_SUBSCRIPTION', 'the tenant has no subscription, so no upcoming invoice');
  const preview = await deps.stripe.invoices.createPreview({ customer, subscription: state.subscription.id });
  return { currency: preview.currency, amountDue: preview.amount_due, total: preview.total, nextPaymentAttempt: preview.next_payment_attempt ? new Date(preview.next_payment_attempt * 1000).toISOString() : null, lines: preview.lines.data.map((l) => ({ description: l.description ?? '', amount: l.amount })) };
}

/** A link to the invoice's PDF, only for the tenant's own invoices. */
export async function invoicePdf(deps: AppDeps, tenantId: string, invoiceId: string): Promise<{ url: string }> {
  const customer = await customerOf(deps, tenantId);
  let invoice: Stripe.Invoice;
  try {
    invoice = await deps.stripe.invoices.retrieve(invoiceId);
  } catch (err) {
    if (isMissing(err)) throw new TenureError('NOT_FOUND', `invoice ${invoiceId} not found`);
    throw err;
  }
  const owner = typeof invoice.customer === 'string' ? invoice.customer : invoice.customer?.id;
  if (owner !== customer) throw new TenureError('NOT_FOUND', `invoice ${invoiceId} not found`);
  const url = invoice.invoice_pdf ?? invoice.hosted_invoice_url;
  if (!url) throw new TenureError('NOT_FOUND', `invoice ${invoiceId} has no PDF yet (it is still a draft)`);
  return { url };
}

/** A Stripe billing portal session, to manage cards and invoices on Stripe's own pages. */
export async function createPortalSession(deps: AppDeps, tenantId: string, returnUrl: string): Promise<{ url: string }> {
  const customer = await customerOf(deps, tenantId);
  const session = await deps.stripe.billingPortal.sessions.create({ customer, return_url: returnUrl });
  return { url: session.url };
}
