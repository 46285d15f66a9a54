import { isMeteredKind, type FeatureCatalog, type FeatureKind, type MeteredKind } from '../entitlements/features.js';
import type { Plan } from './types.js';

// The side-by-side table of GET /plans: each row holds one value per plan, in the order of planIds.

/** A metered catalog feature's limits (null = unlimited; 0 where a plan does not grant it). Kept for older pages. */
export interface MetricRow { metric: string; kind: MeteredKind; limits: (number | null)[] }
/** Every catalog feature: a boolean's flag, a metered feature's limit (null = unlimited). */
export interface EntitlementRow { key: string; name: string; kind: FeatureKind; unit: string | null; values: (boolean | number | null)[] }
export interface FeatureRow { feature: string; included: boolean[] }
export interface PlanComparison { planIds: string[]; metrics: MetricRow[]; entitlements: EntitlementRow[]; features: FeatureRow[] }

function valueFor(plan: Plan, key: string, metered: boolean): boolean | number | null {
  const granted = plan.entitlements[key];
  if (metered) return granted !== undefined && 'limit' in granted ? granted.limit : 0;
  return granted !== undefined && 'enabled' in granted ? granted.enabled : false;
}

/** Lays plans side by side: every catalog feature (in catalog order) and every display string any plan lists. */
export function comparePlans(plans: readonly Plan[], catalog: FeatureCatalog): PlanComparison {
  const features: string[] = [];
  for (const plan of plans) for (const f of plan.features) if (!features.includes(f)) features.push(f);
  const entitlements = catalog.map((f): EntitlementRow => ({
    key: f.key, name: f.name, kind: f.kind, unit: f.unit ?? null, values: plans.map((p) => valueFor(p, f.key, isMeteredKind(f.kind))),
  }));
  const metrics = catalog.flatMap((f): MetricRow[] => (isMeteredKind(f.kind) ? [{ metric: f.key, kind: f.kind, limits: plans.map((p) => valueFor(p, f.key, true) as number | null) }] : []));
  return {
    planIds: plans.map((p) => p.id),
    metrics,
    entitlements,
    features: features.map((feature) => ({ feature, included: plans.map((p) => p.features.includes(feature)) })),
  };
}
