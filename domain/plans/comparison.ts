import { METRIC_KINDS, type MetricKind } from '../usage/metrics.js';
import { METRICS, type MetricName, type Plan } from './types.js';

// The side-by-side table of GET /plans: each row holds one value per plan, in the order of planIds.

export interface MetricRow { metric: MetricName; kind: MetricKind; limits: (number | null)[] }
export interface FeatureRow { feature: string; included: boolean[] }
export interface PlanComparison { planIds: string[]; metrics: MetricRow[]; features: FeatureRow[] }

/** Lays plans side by side: every metric's limit (null = unlimited) and every feature any plan lists. */
export function comparePlans(plans: readonly Plan[]): PlanComparison {
  const features: string[] = [];
  for (const plan of plans) for (const f of plan.features) if (!features.includes(f)) features.push(f);
  return {
    planIds: plans.map((p) => p.id),
    metrics: METRICS.map((metric) => ({ metric, kind: METRIC_KINDS[metric], limits: plans.map((p) => p.limits[metric]) })),
    features: features.map((feature) => ({ feature, included: plans.map((p) => p.features.includes(feature)) })),
  };
}
