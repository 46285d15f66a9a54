import { periodHistory, type UsageSnapshotRow } from '../../db/queries/usage-records.js';
import { TenureError } from '../../domain/errors.js';
import type { ServiceDeps } from '../deps.js';
import { findOrReprojectTenant } from '../tenants/reproject-tenant.js';
import { readCounters } from './read-usage.js';
import { isMeteredKind, type FeatureCatalog } from '../../domain/entitlements/features.js';
import { grantedLimit } from '../../domain/plans/types.js';
import { usagePercent } from '../../domain/usage/limits.js';
import type { MetricKind } from '../../domain/usage/metrics.js';
import { projectToPeriodEnd, usageTrend, type Trend } from '../../domain/usage/report.js';

// The tenant's usage report (GET /billings/usage): current counters, limits and archived periods.

export const HISTORY_PERIODS = 6;

export interface MetricReport {
  metric: string;
  kind: MetricKind;
  used: number | null;
  limit: number | null;
  percent: number | null;
  history: { periodStart: string; used: number; limit: number | null }[];
  trend: Trend | null;
  projection: number | null;
}

export interface UsageReportInput {
  /** The catalog the report lists: its metered features, in order. */
  catalog: FeatureCatalog;
  /** Effective limits by metered key; a feature without one is not granted (0). */
  limits: Readonly<Record<string, number | null | undefined>>;
  counters: Readonly<Record<string, number>>;
  history: UsageSnapshotRow[];
  period: { start: number; end: number } | null;
  now: number;
}

/** One entry per metered feature of the catalog; read limits carry their limit only. */
export function buildUsageReport(input: UsageReportInput): MetricReport[] {
  return input.catalog.flatMap((f) => (isMeteredKind(f.kind) ? [{ metric: f.key, kind: f.kind }] : [])).map(({ metric, kind }) => {
    const used = kind === 'read' ? null : input.counters[metric] ?? 0;
    const limit = grantedLimit(input.limits, metric);
    const history = input.history.filter((h) => h.metric === metric).slice(0, HISTORY_PERIODS)
      .map((h) => ({ periodStart: h.periodStart.toISOString(), used: h.value, limit: h.limitValue }));
    const projection = used === null || input.period === null ? null : projectToPeriodEnd(kind, used, input.period, input.now);
    const trend = projection === null ? null : usageTrend(projection, history.map((h) => h.used));
    return { metric, kind, used, limit, percent: used === null ? null : usagePercent(used, limit), history, trend, projection };
  });
}


export interface UsageReportDeps extends Pick<ServiceDeps, 'db' | 'redis' | 'temporal' | 'log' | 'features'> {
  /** Makes sure Redis holds the tenant's counters (rebuilt from the record if Redis lost them). */
  ensurePresent(tenantId: string): Promise<boolean>;
}

/** The report of one tenant, from its projection, live counters and archived periods. */
export async function tenantUsageReport(deps: UsageReportDeps, tenantId: string, now = Date.now()) {
  const row = await findOrReprojectTenant(deps, tenantId);
  if (!row) throw new TenureError('TENANT_NOT_FOUND', `tenant ${tenantId} not found`);
  await deps.ensurePresent(tenantId);
  const periodStart = row.usagePeriodStart?.getTime() ?? 0;
  const catalog = await deps.features.list();
  const [counters, history] = await Promise.all([readCounters(deps.redis, tenantId, periodStart, catalog), periodHistory(deps.db, tenantId, HISTORY_PERIODS)]);
  const period = row.usagePeriodStart && row.usagePeriodEnd ? { start: row.usagePeriodStart.getTime(), end: row.usagePeriodEnd.getTime() } : null;
  return {
    tenantId, planId: row.planId,
    period: period && { start: new Date(period.start).toISOString(), end: new Date(period.end).toISOString() },
    metrics: buildUsageReport({ catalog, limits: row.limits, counters, history, period, now }),
  };
}
