import type Stripe from 'stripe';
import { TenureError } from '../../domain/errors.js';
import type { BillingContact, TaxId } from '../../domain/lifecycle/index.js';
import type { UpdateCustomerInput } from '../../workflows/activity-contract.js';
import { callStripe } from '../stripe/call-stripe.js';
import { ensureCustomer, type CustomerDeps } from './ensure-customer.js';

// The billing contact onto the tenant's Stripe customer, on behalf of the lifecycle workflow (the
// updateContact update, through an activity). Every POST carries the workflow's idempotency key with
// a suffix per request, so a retried activity changes nothing twice. The tax id goes first: Stripe
// validates it, and when it refuses (TAX_ID_INVALID) the customer is left as it was.

type UpdateCustomerDeps = Pick<CustomerDeps, 'db' | 'stripe' | 'log'>;

/** The customer's fields for the contact; an address left out is cleared (Stripe takes '' for that). */
export function customerParams(contact: BillingContact): Stripe.CustomerUpdateParams {
  const a = contact.address;
  const address: Stripe.Emptyable<Stripe.AddressParam> = a
    ? { line1: a.line1, line2: a.line2 ?? '', city: a.city, postal_code: a.postalCode, state: a.state ?? '', country: a.country }
    : '';
  return { name: contact.name, email: contact.email, address };
}

const taxIdRefused = (stripeCode: string | null) =>
  new TenureError('TAX_ID_INVALID', 'the payment provider refused the tax id: check its type and value', { field: 'taxId', stripeCode: stripeCode ?? 'invalid' });

/** Makes the customer's tax ids the one wanted (or none): adds it if missing, then removes the others. */
async function syncTaxId(deps: UpdateCustomerDeps, customerId: string, wanted: TaxId | null, idempotencyKey: string): Promise<void> {
  const { stripe, log } = deps;
  const existing = (await callStripe(log, 'list the tax ids', () => stripe.customers.listTaxIds(customerId, { limit: 100 }))).data;
  let kept = wanted ? existing.find((t) => t.type === wanted.type && t.value === wanted.value) : undefined;
  if (wanted && !kept) {
    kept = await callStripe(log, 'add the tax id', () => stripe.customers.createTaxId(customerId,
      { type: wanted.type as Stripe.CustomerCreateTaxIdParams.Type, value: wanted.value }, { idempotencyKey: `${idempotencyKey}:tax-id` }), { invalid: taxIdRefused });
  }
  for (const old of existing.filter((t) => t.id !== kept?.id)) {
    // DELETE takes no idempotency key at Stripe; one a retry already removed is gone, which is the goal.
    await callStripe(log, 'remove an old tax id', () => stripe.customers.deleteTaxId(customerId, old.id), { missing: () => new TenureError('NOT_FOUND', 'tax id already removed') })
      .catch((err: unknown) => { if (!(err instanceof TenureError && err.code === 'NOT_FOUND')) throw err; });
  }
}

/** Updates (creating it first if the tenant has none) the tenant's Stripe customer with the contact. */
export async function stripeUpdateCustomer(deps: UpdateCustomerDeps, input: UpdateCustomerInput): Promise<{ customerId: string }> {
  const { contact, idempotencyKey } = input;
  const customerId = input.customerId ?? await ensureCustomer(deps, input.tenantId, contact.email, contact.name);
  await syncTaxId(deps, customerId, contact.taxId, idempotencyKey);
  await callStripe(deps.log, 'update the customer', () => deps.stripe.customers.update(customerId, customerParams(contact), { idempotencyKey: `${idempotencyKey}:customer` }));
  return { customerId };
}
