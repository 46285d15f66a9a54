import type { Redis } from 'ioredis';
import type { Logger } from '../../config/logger.js';
import type { Db } from '../../db/client.js';
import { findTenant, type TenantRow } from '../../db/queries/tenants.js';
import { latestDailySnapshots } from '../../db/queries/usage-records.js';
import type { MetricName } from '../../domain/plans/types.js';
import type { Access } from '../../domain/lifecycle/types.js';
import { toEnforcementFields } from '../../domain/usage/enforcement.js';
import { counterKey } from '../../domain/usage/keys.js';
import { METRIC_KINDS } from '../../domain/usage/metrics.js';
import { writeEnforcement, type EnforcementSnapshot } from '../enforcement/write-enforcement.js';

/** Maps the Postgres projection row to the Redis enforcement snapshot (same fields the workflow writes). */
export function enforcementFromRow(row: TenantRow): EnforcementSnapshot {
  const access = row.access as Access;
  const fields = toEnforcementFields({
    version: row.version, planId: row.planId, planName: row.planName, periodStart: row.usagePeriodStart?.getTime() ?? 0,
    status: row.status, paymentStatus: row.paymentStatus, access, limits: row.limits, trialEndsAt: row.trialEndsAt?.getTime() ?? null,
  });
  return { tenantId: row.tenantId, version: row.version, access, fields };
}

/**
 * Rebuilds a tenant's Redis enforcement from the record when Redis has lost it: counters first, from
 * the latest daily snapshot (gauges always; monthly metrics only if the snapshot is of the current
 * period), each only if absent (SET NX), then limits and access from the projection with the
 * workflow's version guard. Usage after the last snapshot is not in the record and is lost.
 * Returns false when the tenant has no projection row.
 */
export function rebuildCounters(deps: { db: Db; redis: Redis; log: Logger }) {
  return async (tenantId: string): Promise<boolean> => {
    const row = await findTenant(deps.db, tenantId);
    if (!row) return false;
    const snap = enforcementFromRow(row);
    const period = snap.fields._period!;
    const restored: Record<string, number> = {};
    for (const s of await latestDailySnapshots(deps.db, tenantId)) {
      const metric = s.metric as MetricName;
      const kind = METRIC_KINDS[metric];
      if (kind === 'gauge' || (kind === 'monthly' && String(s.periodStart.getTime()) === period)) {
        const set = await deps.redis.set(counterKey(tenantId, metric, period), s.value, 'NX');
        if (set === 'OK') restored[metric] = s.value;
      }
    }
    const written = await writeEnforcement(deps.redis, snap);
    deps.log.warn({ tenantId, version: row.version, written, restored }, 'usage enforcement rebuilt from Postgres');
    return true;
  };
}

export type { TenantRow };
