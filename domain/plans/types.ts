// Plans and what they grant. A plan's entitlements name features of the operator's catalog
// (domain/entitlements): `{ enabled }` for a boolean feature, `{ limit }` (null = unlimited) otherwise.
import type { Entitlements } from '../entitlements/entitlements.js';
import type { EntitledPlanSnapshot } from '../entitlements/legacy.js';

export type BillingInterval = 'month' | 'year';

/** The days a manually invoiced plan's invoice is due in, unless the plan sets its own. */
export const DEFAULT_DAYS_UNTIL_DUE = 30;

export interface Plan {
  id: string;
  name: string;
  description: string;
  /** Ordering for upgrade/downgrade: a higher rank is a bigger plan. */
  rank: number;
  currency: string;
  priceMonthlyCents: number;
  priceAnnualCents: number | null;
  entitlements: Entitlements;
  features: string[];
  /** null: public plan; otherwise an enterprise plan bound to this tenant. */
  tenantId: string | null;
  manualInvoicing: boolean;
  /** For manualInvoicing plans: the days a sent invoice is due in (Stripe's days_until_due; default 30). */
  daysUntilDue: number;
  stripeProductId: string | null;
  stripePriceId: string | null;
  stripeAnnualPriceId: string | null;
  isActive: boolean;
  /** The current version (+1 on each change to prices or entitlements); absent outside the catalog, read as 1. */
  version?: number;
}

/** The part of a plan the lifecycle workflow carries in its state. */
export type PlanSnapshot = EntitledPlanSnapshot;

/** Reduces a plan to the snapshot the workflow keeps. */
export function toPlanSnapshot(plan: Plan): PlanSnapshot {
  return { id: plan.id, name: plan.name, rank: plan.rank, stripePriceId: plan.stripePriceId, entitlements: plan.entitlements, version: plan.version ?? 1 };
}

/** The metered entitlements of a plan as limits by feature key (null = unlimited); boolean ones are left out. */
export function meteredLimits(entitlements: Entitlements): Record<string, number | null> {
  return splitEntitlements(entitlements).limits;
}

/** Entitlements split by kind family: metered limits (null = unlimited) and boolean flags, by feature key. */
export function splitEntitlements(entitlements: Entitlements): { limits: Record<string, number | null>; features: Record<string, boolean> } {
  const limits: Record<string, number | null> = {};
  const features: Record<string, boolean> = {};
  for (const [key, value] of Object.entries(entitlements)) {
    if ('limit' in value) limits[key] = value.limit;
    else features[key] = value.enabled;
  }
  return { limits, features };
}

/** A metered feature's limit among `limits`: one it does not name is not granted, a limit of 0. */
export function grantedLimit(limits: Readonly<Record<string, number | null | undefined>>, key: string): number | null {
  const limit = limits[key];
  return limit === undefined ? 0 : limit;
}
