import { billingEvent, type BillingEvent } from '../events.js';
import { THRESHOLD_PERCENTS, type ThresholdPercent } from './metrics.js';

// Usage thresholds, in percent of the limit. Each fires once per tenant, metric, usage period and
// threshold: the consume script decides with SET NX on `thresholds:{tenant}:{metric}:{period}:{pct}`.
export { THRESHOLD_PERCENTS, type ThresholdPercent };

export interface ThresholdCrossing {
  tenantId: string;
  metric: string;
  /** Usage period start, epoch ms (as in the Redis keys). */
  periodStart: number;
  percent: number;
  used: number;
  limit: number;
  at: number;
}

/** The thresholds passed when usage moves from `before` to `after` against `limit` (none when unlimited or zero). */
export function crossedThresholds(before: number, after: number, limit: number | null): ThresholdPercent[] {
  if (limit === null || limit <= 0) return [];
  return THRESHOLD_PERCENTS.filter((pct) => before * 100 < pct * limit && after * 100 >= pct * limit);
}

/** The event for a crossing; its id `${tenant}:usage.threshold_crossed:${metric}:${period}:${pct}` makes it deduplicable. */
export function thresholdEvent(c: ThresholdCrossing): BillingEvent<'usage.threshold_crossed'> {
  return billingEvent(c.tenantId, 'usage.threshold_crossed', `${c.metric}:${c.periodStart}:${c.percent}`, c.at, {
    metric: c.metric, threshold: c.percent, used: c.used, limit: c.limit, periodStart: new Date(c.periodStart).toISOString(),
  });
}
