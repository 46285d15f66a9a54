import type { NormalizedStripeEvent } from '../../../domain/lifecycle/index.js';
import type { PlanSnapshot } from '../../../domain/plans/types.js';
import { metadataPlanId, normalizeStripeEvent, subscriptionPriceId, tenantHintsOf, type RawStripeEvent } from '../../../domain/stripe/normalize.js';
import { findPlanSnapshotByPrice, findPlanSnapshots } from '../../../db/queries/plans.js';
import { findTenantByCustomer, saveCustomerId } from '../../../db/queries/stripe-customers.js';
import { findTenant, type TenantRow } from '../../../db/queries/tenants.js';
import type { AppDeps } from '../../deps.js';

type Obj = Record<string, unknown>;

/** Finds the tenant an event belongs to (metadata, client_reference_id, then the customer mapping); null if unknown. */
export async function resolveTenant(deps: AppDeps, event: RawStripeEvent): Promise<TenantRow | null> {
  const { tenantId, customerId } = tenantHintsOf(event);
  const byHint = tenantId ? await findTenant(deps.db, tenantId) : null;
  if (byHint) {
    // Learn the customer mapping from the first event that names both, so later invoices resolve too.
    if (customerId) await saveCustomerId(deps.db, byHint.tenantId, customerId);
    return byHint;
  }
  if (tenantId) return null;
  const mapped = customerId ? await findTenantByCustomer(deps.db, customerId) : null;
  return mapped ? findTenant(deps.db, mapped) : null;
}

async function planFor(deps: AppDeps, subscription: Obj | null, fallbackSource: Obj): Promise<PlanSnapshot | null> {
  const priceId = subscription ? subscriptionPriceId(subscription) : null;
  const byPrice = priceId ? await findPlanSnapshotByPrice(deps.db, priceId) : null;
  if (byPrice) return byPrice;
  const planId = (subscription ? metadataPlanId(subscription) : null) ?? metadataPlanId(fallbackSource);
  return planId ? ((await findPlanSnapshots(deps.db, [planId]))[planId] ?? null) : null;
}

/** Normalizes a handled event, resolving its plan; a completed checkout fetches the subscription it created. */
export async function normalizeWithPlan(deps: AppDeps, event: RawStripeEvent): Promise<NormalizedStripeEvent | null> {
  const object = event.data.object;
  if (event.type === 'checkout.session.completed') {
    const subscriptionId = typeof object.subscription === 'string' ? object.subscription : null;
    const subscription = subscriptionId ? ((await deps.stripe.subscriptions.retrieve(subscriptionId)) as unknown as Obj) : null;
    return normalizeStripeEvent(event, { plan: await planFor(deps, subscription, object), subscription });
  }
  const isSubscription = event.type.startsWith('customer.subscription.');
  return normalizeStripeEvent(event, { plan: isSubscription ? await planFor(deps, object, object) : null });
}
