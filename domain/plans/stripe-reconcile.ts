import { planInvariantViolation } from './rules.js';
import { planFromStripeProduct, type StripePlanFields, type StripePriceLike, type StripeProductLike } from './stripe-mapping.js';
import type { FeatureCatalog } from '../entitlements/features.js';
import { DEFAULT_DAYS_UNTIL_DUE, type Plan } from './types.js';

// Decides what a Stripe sync changes in the catalog. Pure: the sync service fetches, calls this, and writes.

export interface FetchedProduct { product: StripeProductLike; prices: StripePriceLike[] }
export interface PlanWrite { plan: Plan; change: 'created' | 'updated' }
export interface SkippedProduct { productId: string; reason: string }

export interface CatalogReconciliation {
  writes: PlanWrite[];
  unchanged: string[];
  skipped: SkippedProduct[];
  /** Active plans synced from a product the active listing no longer holds: deleted, archived, or a listing race. */
  unlisted: Plan[];
}

/** What Stripe now says about a product that was not listed as active. */
export type UnlistedProductState = 'deleted' | 'archived' | 'active';

/** A new plan without a `rank` ranks by its monthly price in whole currency units. */
export const rankFromPrice = (priceMonthlyCents: number): number => Math.floor(priceMonthlyCents / 100);

/** Applies Stripe's fields over the stored plan (or creates one): Stripe wins, except where it is silent. */
export function mergeSyncedPlan(existing: Plan | null, fields: StripePlanFields, id: string): Plan {
  return {
    id, name: fields.name, description: fields.description, currency: fields.currency,
    rank: fields.rank ?? existing?.rank ?? rankFromPrice(fields.priceMonthlyCents),
    priceMonthlyCents: fields.priceMonthlyCents, priceAnnualCents: fields.priceAnnualCents, entitlements: fields.entitlements,
    features: fields.features ?? existing?.features ?? [], tenantId: fields.tenantId, manualInvoicing: fields.manualInvoicing,
    daysUntilDue: existing?.daysUntilDue ?? DEFAULT_DAYS_UNTIL_DUE,
    stripeProductId: fields.stripeProductId, stripePriceId: fields.stripePriceId, stripeAnnualPriceId: fields.stripeAnnualPriceId, isActive: true,
    // A sync keeps the plan's version (docs/plans.md: only an admin edit makes a new one).
    ...(existing?.version === undefined ? {} : { version: existing.version }),
  };
}

// JSON with object keys sorted: Postgres jsonb does not keep key order, so plain JSON.stringify would see changes that are not there.
const stableJson = (value: unknown): string => JSON.stringify(value, (_k, v: unknown) =>
  v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v);

/** True when the two plans differ in anything the catalog stores (key order of entitlements does not count). */
export function planDiffers(a: Plan, b: Plan): boolean {
  return stableJson(a) !== stableJson(b);
}

type Target = { ok: true; id: string; existing: Plan | null } | { ok: false; reason: string };

function resolveTarget(fields: StripePlanFields, byProduct: Map<string, Plan>, byId: Map<string, Plan>): Target {
  const synced = byProduct.get(fields.stripeProductId);
  if (synced) {
    if (fields.id !== null && fields.id !== synced.id) return { ok: false, reason: `product is synced to plan '${synced.id}'; tenure_plan_id '${fields.id}' would rename it` };
    return { ok: true, id: synced.id, existing: synced };
  }
  const id = fields.id ?? fields.stripeProductId.toLowerCase();
  const existing = byId.get(id) ?? null;
  if (existing?.stripeProductId) return { ok: false, reason: `plan '${id}' is already synced from product ${existing.stripeProductId}` };
  return { ok: true, id, existing };
}

/** Maps every fetched product to a create, update, no-op or skip, and lists the synced plans whose product is gone from the listing. */
export function reconcileStripeCatalog(existingPlans: readonly Plan[], fetched: readonly FetchedProduct[], catalog: FeatureCatalog): CatalogReconciliation {
  const byProduct = new Map(existingPlans.filter((p) => p.stripeProductId).map((p) => [p.stripeProductId!, p]));
  const byId = new Map(existingPlans.map((p) => [p.id, p]));
  const out: CatalogReconciliation = { writes: [], unchanged: [], skipped: [], unlisted: [] };
  const claimed = new Set<string>();
  for (const { product, prices } of fetched) {
    const skip = (reason: string) => out.skipped.push({ productId: product.id, reason });
    const mapped = planFromStripeProduct(product, prices, catalog);
    if (!mapped.ok) { skip(mapped.reason); continue; }
    const target = resolveTarget(mapped.plan, byProduct, byId);
    if (!target.ok) { skip(target.reason); continue; }
    if (claimed.has(target.id)) { skip(`another product already maps to plan '${target.id}'`); continue; }
    claimed.add(target.id);
    const plan = mergeSyncedPlan(target.existing, mapped.plan, target.id);
    const violation = planInvariantViolation(plan);
    if (violation) skip(violation.message);
    else if (!target.existing) out.writes.push({ plan, change: 'created' });
    else if (planDiffers(target.existing, plan)) out.writes.push({ plan, change: 'updated' });
    else out.unchanged.push(plan.id);
  }
  const listed = new Set(fetched.map((f) => f.product.id));
  out.unlisted = existingPlans.filter((p) => p.isActive && p.stripeProductId !== null && !listed.has(p.stripeProductId));
  return out;
}

/** Whether a plan whose product left the listing is deactivated; required plans and still-active products are kept, with a reason. */
export function decideUnlisted(plan: Plan, state: UnlistedProductState): { deactivate: true } | { deactivate: false; reason: string } {
  if (state === 'active') return { deactivate: false, reason: `product is active but was not listed; plan '${plan.id}' left as is` };
  const violation = planInvariantViolation({ ...plan, isActive: false });
  if (violation) return { deactivate: false, reason: `product was ${state}, but ${violation.message}` };
  return { deactivate: true };
}
