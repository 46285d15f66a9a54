import { PLAN_ID_PATTERN, TENANT_ID_PATTERN } from './rules.js';
import type { BillingInterval, Plan } from './types.js';
import type { Entitlements } from '../entitlements/entitlements.js';
import type { FeatureCatalog } from '../entitlements/features.js';
import { entitlementsFromStripeMetadata } from '../entitlements/stripe-metadata.js';

// Mapping of Stripe Products and Prices to catalog plans. The shapes below are the fields Tenure
// reads; the official client's Stripe.Product and Stripe.Price satisfy them.

export interface StripeProductLike {
  id: string;
  name: string;
  description?: string | null;
  active: boolean;
  metadata: Record<string, string>;
  default_price?: string | { id: string } | null;
  marketing_features?: { name?: string }[];
}

export interface StripePriceLike {
  id: string;
  active: boolean;
  currency: string;
  unit_amount: number | null;
  created: number;
  product: string | { id: string };
  type: string;
  billing_scheme?: string;
  recurring: { interval: string; interval_count: number; usage_type?: string } | null;
}

/**
 * A plan as Stripe describes it. id is null when the product has no `tenure_plan_id` (the plan
 * already synced from the product keeps its id; a new one takes the product id); rank and
 * features are null when Stripe does not say (the stored ones are kept).
 */
export interface StripePlanFields {
  id: string | null;
  name: string;
  description: string;
  rank: number | null;
  currency: string;
  priceMonthlyCents: number;
  priceAnnualCents: number | null;
  entitlements: Entitlements;
  features: string[] | null;
  tenantId: string | null;
  manualInvoicing: boolean;
  stripeProductId: string;
  stripePriceId: string;
  stripeAnnualPriceId: string | null;
}

export type StripeMapping = { ok: true; plan: StripePlanFields } | { ok: false; reason: string };

type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

const idOf = (ref: string | { id: string } | null | undefined): string | null => (ref == null ? null : typeof ref === 'string' ? ref : ref.id);

/** The product's flat-rate, licensed price billed every single `interval`; the default price wins, then the newest. */
function pickPrice(product: StripeProductLike, prices: readonly StripePriceLike[], interval: 'month' | 'year'): StripePriceLike | null {
  const candidates = prices.filter((p) => p.active && p.type === 'recurring' && idOf(p.product) === product.id && p.unit_amount !== null
    && (p.billing_scheme ?? 'per_unit') === 'per_unit' && p.recurring?.interval === interval && p.recurring.interval_count === 1
    && (p.recurring.usage_type ?? 'licensed') === 'licensed');
  const defaultId = idOf(product.default_price);
  return candidates.find((p) => p.id === defaultId) ?? [...candidates].sort((a, b) => b.created - a.created)[0] ?? null;
}

function parseOptions(product: StripeProductLike): Parsed<Pick<StripePlanFields, 'id' | 'rank' | 'tenantId' | 'manualInvoicing'>> {
  const md = product.metadata;
  const id = md.tenure_plan_id?.trim() || null;
  if (!new RegExp(PLAN_ID_PATTERN).test(id ?? product.id.toLowerCase())) return { ok: false, reason: `plan id '${id ?? product.id}' must match ${PLAN_ID_PATTERN} (set metadata tenure_plan_id)` };
  const rankText = md.rank?.trim();
  if (rankText !== undefined && !/^\d{1,6}$/.test(rankText)) return { ok: false, reason: `rank must be a non-negative integer, got '${rankText}'` };
  const tenantId = md.tenant_id?.trim() || null;
  if (tenantId !== null && !new RegExp(TENANT_ID_PATTERN).test(tenantId)) return { ok: false, reason: `tenant_id '${tenantId}' is not a valid tenant id` };
  const manual = (md.manual_invoicing ?? 'false').trim().toLowerCase();
  if (manual !== 'true' && manual !== 'false') return { ok: false, reason: `manual_invoicing must be 'true' or 'false', got '${manual}'` };
  if (manual === 'true' && tenantId === null) return { ok: false, reason: 'manual_invoicing needs tenant_id: only enterprise plans are invoiced manually' };
  return { ok: true, value: { id, rank: rankText === undefined ? null : Number(rankText), tenantId, manualInvoicing: manual === 'true' } };
}

/**
 * Maps an active Product and its Prices to plan fields, or says why the product is not a plan:
 * entitlements come from `feature_<key>` (and legacy `limit_<key>`) metadata naming catalog features, the
 * monthly price is required, the yearly one optional.
 */
export function planFromStripeProduct(product: StripeProductLike, prices: readonly StripePriceLike[], catalog: FeatureCatalog): StripeMapping {
  const entitlements = entitlementsFromStripeMetadata(product.metadata, catalog);
  if (!entitlements.ok) return entitlements;
  const options = parseOptions(product);
  if (!options.ok) return options;
  const monthly = pickPrice(product, prices, 'month');
  if (!monthly) return { ok: false, reason: 'no active flat-rate monthly recurring price' };
  const yearly = pickPrice(product, prices, 'year');
  const annual = yearly && yearly.currency === monthly.currency ? yearly : null;
  const features = (product.marketing_features ?? []).map((f) => f.name?.trim() ?? '').filter(Boolean);
  return {
    ok: true,
    plan: {
      ...options.value, name: product.name, description: product.description ?? '', currency: monthly.currency,
      priceMonthlyCents: monthly.unit_amount!, priceAnnualCents: annual?.unit_amount ?? null, entitlements: entitlements.value,
      features: features.length > 0 ? features : null, stripeProductId: product.id, stripePriceId: monthly.id, stripeAnnualPriceId: annual?.id ?? null,
    },
  };
}

type PlanPrices = Pick<Plan, 'stripePriceId' | 'stripeAnnualPriceId'>;

/** The plan's Stripe price for a billing interval (issue 13): monthly or annual; null when the plan has none for it. */
export function planPriceFor(plan: PlanPrices, interval: BillingInterval): string | null {
  return interval === 'year' ? plan.stripeAnnualPriceId : plan.stripePriceId;
}

/** The interval a Stripe price bills at for this plan: 'year' for its annual price, 'month' for its monthly one, null for another price. */
export function planIntervalOf(plan: PlanPrices, priceId: string | null): BillingInterval | null {
  if (priceId === null) return null;
  if (priceId === plan.stripeAnnualPriceId) return 'year';
  return priceId === plan.stripePriceId ? 'month' : null;
}
