// Payloads of the usage.* events: threshold crossings (domain/usage/thresholds.ts) and the summary
// of an ended usage period (activities/usage/reset-usage.ts). A metric is any metered feature of the
// operator's catalog, so the schemas check the key's form, not a list (loosened within version 1).
import type { Period } from '../lifecycle/values.js';
import { THRESHOLD_PERCENTS } from '../usage/metrics.js';
import { byFeatureKey, featureKey, nullableLimit } from './feature-key-schema.js';
import { count, dateTime, epochMs, objectSchema } from './json-schema.js';

const THRESHOLDS = THRESHOLD_PERCENTS;

export type ThresholdCrossedData = {
  /** A feature key (a gauge or monthly feature). */
  metric: string;
  threshold: number;
  used: number;
  limit: number;
  periodStart: string;
};

export type MetricPeriodUsage = {
  used: number;
  limit: number | null;
};

export type MonthlySummaryData = {
  period: Period;
  /** Keyed by monthly feature key: each monthly feature of the tenant's plan, as counted. */
  metrics: Record<string, MetricPeriodUsage>;
};

export const thresholdCrossedSchema = objectSchema<ThresholdCrossedData>({
  metric: featureKey('The metered feature (its catalog key)'),
  threshold: { type: 'integer', enum: THRESHOLDS, description: 'Percent of the limit reached' },
  used: count('Usage after the consume that crossed it'),
  limit: { type: 'integer', minimum: 1, description: 'The effective limit at the time (never unlimited or zero: those have no thresholds)' },
  periodStart: dateTime('Start of the usage period it was crossed in: each threshold fires once per period'),
});

const metricUsageSchema = objectSchema<MetricPeriodUsage>({
  used: count('Usage counted in the period'),
  limit: nullableLimit('The effective limit when the period ended; null is unlimited'),
}, 'Usage of this monthly feature in the period');

export const monthlySummarySchema = objectSchema<MonthlySummaryData>({
  period: objectSchema<Period>({
    start: epochMs('Start of the usage period that ended'),
    end: epochMs('Its end (exclusive), also the envelope occurredAt'),
  }, 'The usage period that ended'),
  metrics: byFeatureKey(metricUsageSchema, 'Per monthly feature, keyed by its catalog key'),
});
