import { callStripe } from '../stripe/call-stripe.js';
import { tenantCustomer } from './ensure-customer.js';
import type { PaymentDeps } from './payment-methods.js';

/** A Stripe billing portal session, to manage cards and invoices on Stripe's own pages. */
export async function createPortalSession(deps: PaymentDeps, tenantId: string, returnUrl: string): Promise<{ url: string }> {
  const customer = await tenantCustomer(deps, tenantId);
  const session = await callStripe(deps.log, 'open the billing portal', () => deps.stripe.billingPortal.sessions.create({ customer, return_url: returnUrl }));
  return { url: session.url };
}
