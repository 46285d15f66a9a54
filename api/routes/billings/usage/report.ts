import type { UsageSnapshotRow } from '../../../../db/queries/usage-records.js';
import { METRICS, type Limits, type MetricName } from '../../../../domain/plans/types.js';
import { usagePercent } from '../../../../domain/usage/limits.js';
import { METRIC_KINDS, type MetricKind } from '../../../../domain/usage/metrics.js';
import { projectToPeriodEnd, usageTrend, type Trend } from '../../../../domain/usage/report.js';

// Builds the GET /billings/usage body from current counters, limits and archived periods.

export const HISTORY_PERIODS = 6;

export interface MetricReport {
  metric: MetricName;
  kind: MetricKind;
  used: number | null;
  limit: number | null;
  percent: number | null;
  history: { periodStart: string; used: number; limit: number | null }[];
  trend: Trend | null;
  projection: number | null;
}

export interface UsageReportInput {
  limits: Limits;
  counters: Partial<Record<MetricName, number>>;
  history: UsageSnapshotRow[];
  period: { start: number; end: number } | null;
  now: number;
}

/** One entry per metric of the catalog; read limits carry their limit only. */
export function buildUsageReport(input: UsageReportInput): MetricReport[] {
  return METRICS.map((metric) => {
    const kind = METRIC_KINDS[metric];
    const used = kind === 'read' ? null : input.counters[metric] ?? 0;
    const limit = input.limits[metric];
    const history = input.history.filter((h) => h.metric === metric).slice(0, HISTORY_PERIODS)
      .map((h) => ({ periodStart: h.periodStart.toISOString(), used: h.value, limit: h.limitValue }));
    const projection = used === null || input.period === null ? null : projectToPeriodEnd(kind, used, input.period, input.now);
    const trend = projection === null ? null : usageTrend(projection, history.map((h) => h.used));
    return { metric, kind, used, limit, percent: used === null ? null : usagePercent(used, limit), history, trend, projection };
  });
}

const nullableInt = { type: ['integer', 'null'] } as const;

export const usageReportSchema = {
  type: 'object',
  required: ['tenantId', 'planId', 'period', 'metrics'],
  properties: {
    tenantId: { type: 'string' },
    planId: { type: 'string' },
    period: {
      anyOf: [{ type: 'null' }, { type: 'object', required: ['start', 'end'], properties: { start: { type: 'string', format: 'date-time' }, end: { type: 'string', format: 'date-time' } } }],
    },
    metrics: {
      type: 'array',
      items: {
        type: 'object',
        required: ['metric', 'kind', 'used', 'limit', 'percent', 'history', 'trend', 'projection'],
        properties: {
          metric: { type: 'string' },
          kind: { type: 'string', enum: ['gauge', 'monthly', 'read'] },
          used: nullableInt,
          limit: nullableInt,
          percent: { type: ['number', 'null'] },
          history: {
            type: 'array',
            items: { type: 'object', required: ['periodStart', 'used', 'limit'], properties: { periodStart: { type: 'string', format: 'date-time' }, used: { type: 'integer' }, limit: nullableInt } },
          },
          trend: { anyOf: [{ type: 'null' }, { type: 'string', enum: ['up', 'down', 'flat'] }] },
          projection: nullableInt,
        },
      },
    },
  },
} as const;
