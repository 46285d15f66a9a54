// Plan versions: which changes make a new version, and the version a snapshot names.
import type { Entitlements } from '../entitlements/entitlements.js';
import type { Plan } from './types.js';

/** The fields a version fixes: a change to any of them makes version N+1; name, description and the rest do not. */
export const VERSIONED_FIELDS = ['currency', 'priceMonthlyCents', 'priceAnnualCents', 'stripePriceId', 'stripeAnnualPriceId', 'entitlements'] as const;

/** One version of a plan: what it charges and grants. */
export type PlanVersionTerms = Pick<Plan, (typeof VERSIONED_FIELDS)[number]> & { version: number };

/** The entitlements with keys in order, so two grants that differ only in key order compare equal. */
function canonicalEntitlements(entitlements: Entitlements): string {
  return JSON.stringify(Object.keys(entitlements).sort().map((key) => [key, entitlements[key]]));
}

/** True when `after` charges or grants other than `before`: the change makes a new version. */
export function changesVersion(before: Plan, after: Plan): boolean {
  return VERSIONED_FIELDS.some((field) => field === 'entitlements'
    ? canonicalEntitlements(before.entitlements) !== canonicalEntitlements(after.entitlements)
    : before[field] !== after[field]);
}

/** The version a plan or snapshot names; one from before versions is version 1. */
export function versionOf(plan: { version?: number }): number {
  return plan.version ?? 1;
}

/** The terms of a plan's current version. */
export function versionTerms(plan: Plan): PlanVersionTerms {
  const { currency, priceMonthlyCents, priceAnnualCents, stripePriceId, stripeAnnualPriceId, entitlements } = plan;
  return { version: versionOf(plan), currency, priceMonthlyCents, priceAnnualCents, stripePriceId, stripeAnnualPriceId, entitlements };
}
