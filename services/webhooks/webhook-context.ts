import { findPlanByPrice, findPlanSnapshots } from '../../db/queries/plans.js';
import { findTenantByCustomer, saveCustomerId } from '../../db/queries/stripe-customers.js';
import type { TenantRow } from '../../db/queries/tenants.js';
import { planIntervalOf } from '../../domain/plans/stripe-mapping.js';
import { toPlanSnapshot } from '../../domain/plans/types.js';
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
  return { tenant, context: { ...(refs ? await findPlan(deps, refs) : { plan: null }), subscription } };
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

/**
 * The plan of a subscription: by its price (monthly or annual, which also tells the interval), else by
 * the plan id in its metadata; the plan is null when neither is known.
 */
export async function findPlan(deps: Pick<WebhookContextDeps, 'db'>, refs: PlanRefs): Promise<Pick<NormalizeContext, 'plan' | 'interval'>> {
  const byPrice = refs.priceId ? await findPlanByPrice(deps.db, refs.priceId) : null;
  if (byPrice) return { plan: toPlanSnapshot(byPrice), interval: planIntervalOf(byPrice, refs.priceId) };
  return { plan: refs.planId ? ((await findPlanSnapshots(deps.db, [refs.planId]))[refs.planId] ?? null) : null };
}
