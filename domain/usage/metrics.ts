import type { MetricName } from '../plans/types.js';

// The metric catalog. A gauge counts live resources (incremented on create, decremented on delete,
// never reset); a monthly metric resets at each usage period boundary; a read limit is only reported.
export type MetricKind = 'gauge' | 'monthly' | 'read';

/** Usage thresholds, in percent of the limit; each fires once per tenant, metric, period and threshold. */
export const THRESHOLD_PERCENTS = [80, 100] as const;
export type ThresholdPercent = (typeof THRESHOLD_PERCENTS)[number];

export const METRIC_KINDS: Record<MetricName, MetricKind> = {
  campaigns: 'gauge',
  seats: 'gauge',
  email_sends: 'monthly',
  referred_users: 'monthly',
  leaderboard_entries: 'read',
};

export const GAUGE_METRICS = (Object.keys(METRIC_KINDS) as MetricName[]).filter((m) => METRIC_KINDS[m] === 'gauge');
export const MONTHLY_METRICS = (Object.keys(METRIC_KINDS) as MetricName[]).filter((m) => METRIC_KINDS[m] === 'monthly');

/** The counter key: gauges live in one key forever, monthly metrics in one key per usage period. */
export function usageKey(tenantId: string, metric: MetricName, periodStart: number): string {
  return METRIC_KINDS[metric] === 'gauge' ? `usage:${tenantId}:${metric}:live` : `usage:${tenantId}:${metric}:${periodStart}`;
}

/** The calendar date (UTC) naming a usage period in the record, e.g. 2026-11-21. */
export function periodDate(periodStart: number): string {
  return new Date(periodStart).toISOString().slice(0, 10);
}
