import { findPlanSnapshotByPrice, findPlanSnapshots } from '../../db/queries/plans.js';
import { findTenantByCustomer, saveCustomerId } from '../../db/queries/stripe-customers.js';
import type { TenantRow } from '../../db/queries/tenants.js';
import type { PlanSnapshot } from '../../domain/plans/types.js';
import type { NormalizeContext, RawStripeEvent } from '../../domain/stripe/normalize.js';
import { planRefsOf, webhookLookups, type PlanRefs, type WebhookLookups } from '../../domain/stripe/webhook-lookups.js';
import type { ServiceDeps } from '../deps.js';
import { callStripe } from '../stripe/call-stripe.js';
import { findOrReprojectTenant } from '../tenants/reproject-tenant.js';

// The fetch step of the webhook path: everything webhookLookups asked for, in one pass.

export type WebhookContextDeps = Pick<ServiceDeps, 'db' | 'stripe' | 'temporal' | 'log'>;
type Obj = Record<string, unknown>;

/** The event's tenant (null: an orphan) and, for a known tenant, what normalizing it needs. */
export async function fetchWebhookContext(deps: WebhookContextDeps, event: RawStripeEvent): Promise<{ tenant: TenantRow | null; context: NormalizeContext }> {
  const lookups = webhookLookups(event);
  const tenant = await resolveTenant(deps, lookups);
  if (!tenant) return { tenant: null, context: { plan: null } };
  const subscription = lookups.subscriptionToFetch
    ? ((await callStripe(deps.log, 'read the checkout subscription', () => deps.stripe.subscriptions.retrieve(lookups.subscriptionToFetch!))) as unknown as Obj)
    : null;
  const refs = planRefsOf(event, subscription);
  return { tenant, context: { plan: refs ? await findPlan(deps, refs) : null, subscription } };
}

/** The tenant by metadata or client_reference_id, else by the customer mapping; null if unknown. A lost projection row is reprojected. */
async function resolveTenant(deps: WebhookContextDeps, { tenantId, customerId }: WebhookLookups): Promise<TenantRow | null> {
  const byHint = tenantId ? await findOrReprojectTenant(deps, tenantId) : null;
  if (byHint) {
    // Learn the customer mapping from the first event that names both, so later invoices resolve too.
    if (customerId) await saveCustomerId(deps.db, byHint.tenantId, customerId);
    return byHint;
  }
  if (tenantId) return null;
  const mapped = customerId ? await findTenantByCustomer(deps.db, customerId) : null;
  return mapped ? findOrReprojectTenant(deps, mapped) : null;
}

/** The plan of a subscription: by its price, else by the plan id in its metadata; null when neither is known. */
export async function findPlan(deps: Pick<WebhookContextDeps, 'db'>, refs: PlanRefs): Promise<PlanSnapshot | null> {
  const byPrice = refs.priceId ? await findPlanSnapshotByPrice(deps.db, refs.priceId) : null;
  if (byPrice) return byPrice;
  return refs.planId ? ((await findPlanSnapshots(deps.db, [refs.planId]))[refs.planId] ?? null) : null;
}
