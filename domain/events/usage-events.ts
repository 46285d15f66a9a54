// Payloads of the usage.* events: threshold crossings (domain/usage/thresholds.ts) and the summary
// of an ended usage period (activities/usage/reset-usage.ts).
import type { Period } from '../lifecycle/values.js';
import { METRICS, type MetricName } from '../plans/types.js';
import { MONTHLY_METRICS, THRESHOLD_PERCENTS } from '../usage/metrics.js';
import { count, dateTime, epochMs, objectSchema, oneOfValues, type JsonSchema } from './json-schema.js';

const THRESHOLDS = THRESHOLD_PERCENTS;

export type ThresholdCrossedData = {
  metric: MetricName;
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
  /**
   * Keyed by monthly metric (MONTHLY_METRICS: each one, nothing else; the schema checks the names).
   * Not `Partial<Record<MetricName, …>>`: TypeScript does not check an index-signature object (what
   * Object.fromEntries returns) against optional keys, so the values would go unchecked.
   */
  metrics: Record<string, MetricPeriodUsage>;
};

export const thresholdCrossedSchema = objectSchema<ThresholdCrossedData>({
  metric: oneOfValues(METRICS, 'The metric'),
  threshold: { type: 'integer', enum: THRESHOLDS, description: 'Percent of the limit reached' },
  used: count('Usage after the consume that crossed it'),
  limit: { type: 'integer', minimum: 1, description: 'The effective limit at the time (never unlimited or zero: those have no thresholds)' },
  periodStart: dateTime('Start of the usage period it was crossed in: each threshold fires once per period'),
});

const metricUsageSchema = objectSchema<MetricPeriodUsage>({
  used: count('Usage counted in the period'),
  limit: { type: ['integer', 'null'], minimum: 0, description: 'The effective limit when the period ended; null is unlimited' },
}, 'Usage of this metric in the period');

const monthlyFields: Record<string, JsonSchema> = Object.fromEntries(MONTHLY_METRICS.map((m) => [m, metricUsageSchema]));

const metricsSchema: JsonSchema = {
  type: 'object',
  description: 'Per monthly metric',
  properties: monthlyFields,
  required: MONTHLY_METRICS,
  additionalProperties: false,
};

export const monthlySummarySchema = objectSchema<MonthlySummaryData>({
  period: objectSchema<Period>({
    start: epochMs('Start of the usage period that ended'),
    end: epochMs('Its end (exclusive), also the envelope occurredAt'),
  }, 'The usage period that ended'),
  metrics: metricsSchema,
});
