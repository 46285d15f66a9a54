import { findCustomerId, saveCustomerId } from '../../db/queries/stripe-customers.js';
import type { AppDeps } from '../../api/deps.js';

/** The tenant's Stripe customer, created once (idempotency key per tenant) the first time it is needed. */
export async function ensureCustomer(deps: AppDeps, tenantId: string, email: string | null, name: string | null): Promise<string> {
  const existing = await findCustomerId(deps.db, tenantId);
  if (existing) return existing;
  const customer = await deps.stripe.customers.create(
    { metadata: { tenantId }, ...(email ? { email } : {}), ...(name ? { name } : {}) },
    { idempotencyKey: `tenure:customer:${tenantId}` },
  );
  return saveCustomerId(deps.db, tenantId, customer.id);
}
