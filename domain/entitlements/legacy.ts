// From the compiled-in limits to entitlements. Plans, Stripe products and running workflows made
// before the catalog carry `limits` (one number or null per metric, every one metered); these pure
// conversions read any such record without naming its metrics, so they outlive the fixed list.
import type { Entitlements } from './entitlements.js';
import { byKey, type EntitlementOverride } from './overrides.js';

/** A legacy limits record: metric key to limit (null = unlimited). */
export type LegacyLimits = Readonly<Record<string, number | null | undefined>>;

/** Every legacy limit as a metered entitlement `{ limit }`; an absent (undefined) entry is left out. */
export function entitlementsFromLimits(limits: LegacyLimits): Entitlements {
  const out: Entitlements = {};
  for (const [key, limit] of Object.entries(limits)) if (limit !== undefined) out[key] = { limit };
  return out;
}

/** The plan snapshot the lifecycle workflow carries once entitlements replace limits. */
export interface EntitledPlanSnapshot {
  id: string;
  name: string;
  rank: number;
  stripePriceId: string | null;
  entitlements: Entitlements;
  /** The plan version the snapshot was taken from; absent in snapshots from before plan versions (read as 1). */
  version?: number;
}

/** A snapshot as a stored workflow state may hold it: from before the change (limits), after it, or both. */
export type StoredPlanSnapshot = Omit<EntitledPlanSnapshot, 'entitlements'> & { limits?: LegacyLimits; entitlements?: Entitlements };

/**
 * The state upgrade for a plan snapshot: a legacy one gets its limits as entitlements, one that
 * already has entitlements keeps them (they win over any limits left beside them). Idempotent; the
 * result never carries `limits`, and names version 1 when the snapshot predates plan versions.
 */
export function upgradePlanSnapshot(snapshot: StoredPlanSnapshot): EntitledPlanSnapshot {
  const entitlements = snapshot.entitlements ?? entitlementsFromLimits(snapshot.limits ?? {});
  return { id: snapshot.id, name: snapshot.name, rank: snapshot.rank, stripePriceId: snapshot.stripePriceId, entitlements: { ...entitlements }, version: snapshot.version ?? 1 };
}

/** The reason of an override set by `overrideLimits` (POST .../limits/override) given without one. */
export const LIMIT_OVERRIDE_REASON = 'limit override';

/** Why an override converted from the state's legacy `limitOverrides` exists (the state never kept the admin's reason). */
export const LEGACY_OVERRIDE_REASON = 'limit override set before entitlements';

/**
 * The state's legacy `limitOverrides` (metric to limit, no reason, no end) as overrides that never
 * expire; merged with the overrides the state already has, which win. Idempotent.
 */
export function upgradeLimitOverrides(limitOverrides: LegacyLimits, overrides: readonly EntitlementOverride[] = []): EntitlementOverride[] {
  const converted = Object.entries(entitlementsFromLimits(limitOverrides))
    .filter(([key]) => !overrides.some((o) => o.key === key))
    .map(([key, value]): EntitlementOverride => ({ key, ...value, reason: LEGACY_OVERRIDE_REASON, until: null }));
  return [...overrides, ...converted].sort(byKey);
}
