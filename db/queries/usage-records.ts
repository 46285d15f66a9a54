import { and, asc, desc, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { tenants, tenantUsage } from '../schema/index.js';

// Reads behind usage enforcement: snapshots for rebuilding counters, period history for reports,
// the tenant list for the daily snapshot, and the public catalog for upgrade suggestions.

export interface UsageSnapshotRow { metric: string; periodStart: Date; periodDate: string; value: number; limitValue: number | null }

/** The newest daily snapshot of each metric of a tenant. */
export async function latestDailySnapshots(db: Db, tenantId: string): Promise<UsageSnapshotRow[]> {
  const rows = await db.selectDistinctOn([tenantUsage.metric], {
    metric: tenantUsage.metric, periodStart: tenantUsage.periodStart, periodDate: tenantUsage.periodDate, value: tenantUsage.value, limitValue: tenantUsage.limitValue,
  }).from(tenantUsage)
    .where(and(eq(tenantUsage.tenantId, tenantId), eq(tenantUsage.kind, 'daily')))
    .orderBy(tenantUsage.metric, desc(tenantUsage.periodDate), desc(tenantUsage.recordedAt));
  return rows;
}

/**
 * The highest daily snapshot of each metric in the period starting at `periodStart`: for a monthly
 * metric (which only grows within its period), the most the record knows was used in it.
 */
export async function recordedPeriodUsage(db: Db, tenantId: string, periodStart: Date): Promise<Map<string, number>> {
  const rows = await db.select({ metric: tenantUsage.metric, value: sql<string>`max(${tenantUsage.value})` }).from(tenantUsage)
    .where(and(eq(tenantUsage.tenantId, tenantId), eq(tenantUsage.kind, 'daily'), eq(tenantUsage.periodStart, periodStart)))
    .groupBy(tenantUsage.metric);
  return new Map(rows.map((r) => [r.metric, Number(r.value)]));
}

/** The archived periods of a tenant (kind 'period'), newest first, at most `perMetric` per metric. */
export async function periodHistory(db: Db, tenantId: string, perMetric: number): Promise<UsageSnapshotRow[]> {
  const ranked = db.select({
    metric: tenantUsage.metric, periodStart: tenantUsage.periodStart, periodDate: tenantUsage.periodDate, value: tenantUsage.value, limitValue: tenantUsage.limitValue,
    rank: sql<number>`row_number() over (partition by ${tenantUsage.metric} order by ${tenantUsage.periodStart} desc)`.as('rank'),
  }).from(tenantUsage).where(and(eq(tenantUsage.tenantId, tenantId), eq(tenantUsage.kind, 'period'))).as('ranked');
  const rows = await db.select().from(ranked).where(sql`${ranked.rank} <= ${perMetric}`).orderBy(ranked.metric, desc(ranked.periodStart));
  return rows.map(({ rank: _r, ...row }) => row);
}

/** One page of tenant ids after `afterId`, in id order, for jobs that walk every tenant. */
export async function tenantIdPage(db: Db, afterId: string, limit: number): Promise<string[]> {
  const rows = await db.select({ tenantId: tenants.tenantId }).from(tenants).where(gt(tenants.tenantId, afterId)).orderBy(asc(tenants.tenantId)).limit(limit);
  return rows.map((r) => r.tenantId);
}
