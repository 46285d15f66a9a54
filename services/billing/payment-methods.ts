import type Stripe from 'stripe';
import { TenureError } from '../../domain/errors.js';
import type { ServiceDeps } from '../deps.js';
import { callStripe } from '../stripe/call-stripe.js';
import { tenantCustomer } from './ensure-customer.js';

// The tenant's cards. Every card is reached through the tenant's own customer, so a tenant can never
// read or change another tenant's.

export type PaymentDeps = Pick<ServiceDeps, 'db' | 'temporal' | 'config' | 'stripe' | 'log'>;

/** Starts adding a card: a SetupIntent whose client secret the page hands to Stripe.js. */
export async function createSetupIntent(deps: PaymentDeps, tenantId: string) {
  const customer = await tenantCustomer(deps, tenantId);
  const intent = await callStripe(deps.log, 'start adding a card', () => deps.stripe.setupIntents.create({ customer, usage: 'off_session', metadata: { tenantId } }));
  return { setupIntentId: intent.id, clientSecret: intent.client_secret };
}

/** The tenant's cards, with the default marked. */
export async function listPaymentMethods(deps: PaymentDeps, tenantId: string) {
  const customer = await tenantCustomer(deps, tenantId);
  const [methods, cust] = await Promise.all([
    callStripe(deps.log, 'list the cards', () => deps.stripe.paymentMethods.list({ customer, type: 'card', limit: 100 })),
    callStripe(deps.log, 'read the customer', () => deps.stripe.customers.retrieve(customer)),
  ]);
  const defaultId = 'deleted' in cust && cust.deleted ? null : (cust as Stripe.Customer).invoice_settings?.default_payment_method;
  const defaultPm = typeof defaultId === 'string' ? defaultId : defaultId?.id ?? null;
  return methods.data.map((pm) => ({ id: pm.id, brand: pm.card?.brand ?? null, last4: pm.card?.last4 ?? null, expMonth: pm.card?.exp_month ?? null, expYear: pm.card?.exp_year ?? null, isDefault: pm.id === defaultPm }));
}

/** Checks that the payment method is attached to the tenant's customer; 404 otherwise (never 403, to hide existence). */
async function requireOwnPaymentMethod(deps: PaymentDeps, customer: string, paymentMethodId: string): Promise<void> {
  await callStripe(deps.log, 'read the card', () => deps.stripe.customers.retrievePaymentMethod(customer, paymentMethodId), {
    missing: () => new TenureError('NOT_FOUND', `payment method ${paymentMethodId} not found`),
  });
}

/** Detaches one of the tenant's cards. */
export async function detachPaymentMethod(deps: PaymentDeps, tenantId: string, paymentMethodId: string): Promise<void> {
  const customer = await tenantCustomer(deps, tenantId);
  await requireOwnPaymentMethod(deps, customer, paymentMethodId);
  await callStripe(deps.log, 'detach the card', () => deps.stripe.paymentMethods.detach(paymentMethodId));
}

/** Makes one of the tenant's cards the default for invoices. */
export async function setDefaultPaymentMethod(deps: PaymentDeps, tenantId: string, paymentMethodId: string): Promise<void> {
  const customer = await tenantCustomer(deps, tenantId);
  await requireOwnPaymentMethod(deps, customer, paymentMethodId);
  await callStripe(deps.log, 'set the default card', () => deps.stripe.customers.update(customer, { invoice_settings: { default_payment_method: paymentMethodId } }));
}
