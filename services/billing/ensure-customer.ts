import { findCustomerId, saveCustomerId } from '../../db/queries/stripe-customers.js';
import type { ServiceDeps } from '../deps.js';
import { requireLifecycleState } from '../lifecycle/lifecycle-client.js';
import { callStripe } from '../stripe/call-stripe.js';

export type CustomerDeps = Pick<ServiceDeps, 'db' | 'stripe' | 'log'>;

/** The tenant's Stripe customer, created once (idempotency key per tenant) the first time it is needed. */
export async function ensureCustomer(deps: CustomerDeps, tenantId: string, email: string | null, name: string | null): Promise<string> {
  const existing = await findCustomerId(deps.db, tenantId);
  if (existing) return existing;
  const customer = await callStripe(deps.log, 'create the customer', () => deps.stripe.customers.create(
    { metadata: { tenantId }, ...(email ? { email } : {}), ...(name ? { name } : {}) },
    { idempotencyKey: `tenure:customer:${tenantId}` },
  ));
  return saveCustomerId(deps.db, tenantId, customer.id);
}

/** The tenant's customer id, creating the customer from the lifecycle's name and email if it has none yet. */
export async function tenantCustomer(deps: CustomerDeps & Pick<ServiceDeps, 'temporal' | 'config'>, tenantId: string): Promise<string> {
  const existing = await findCustomerId(deps.db, tenantId);
  if (existing) return existing;
  const state = await requireLifecycleState(deps, tenantId);
  return ensureCustomer(deps, tenantId, state.email, state.name);
}
