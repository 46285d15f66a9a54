import { isConsumableKind, type FeatureCatalog, type MeteredKind } from '../entitlements/features.js';

// Usage counters of the metered features (the operator's catalog says which kind each one is). A gauge
// counts live resources (incremented on create, decremented on delete, never reset); a monthly feature
// resets at each usage period boundary; a read limit is only reported.
export type MetricKind = MeteredKind;

/** Usage thresholds, in percent of the limit; each fires once per tenant, metric, period and threshold. */
export const THRESHOLD_PERCENTS = [80, 100] as const;
export type ThresholdPercent = (typeof THRESHOLD_PERCENTS)[number];

/** The counter key: gauges live in one key forever, monthly metrics in one key per usage period. */
export function usageKey(tenantId: string, metric: string, kind: MetricKind, periodStart: number): string {
  return kind === 'gauge' ? `usage:${tenantId}:${metric}:live` : `usage:${tenantId}:${metric}:${periodStart}`;
}

/** The calendar date (UTC) naming a usage period in the record, e.g. 2026-11-21. */
export function periodDate(periodStart: number): string {
  return new Date(periodStart).toISOString().slice(0, 10);
}

/** A catalog feature with a usage counter: a gauge or a monthly feature. */
export interface CountedFeature { key: string; kind: 'gauge' | 'monthly' }

/** The catalog's counted features (read limits have no counter, boolean features no limit), in catalog order. */
export function countedFeatures(catalog: FeatureCatalog, only?: 'gauge' | 'monthly'): CountedFeature[] {
  return catalog.flatMap((f): CountedFeature[] => (isConsumableKind(f.kind) && (only === undefined || f.kind === only) ? [{ key: f.key, kind: f.kind }] : []));
}
