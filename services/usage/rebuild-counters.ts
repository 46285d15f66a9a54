import type { Redis } from 'ioredis';
import type { Logger } from '../../config/logger.js';
import type { Db } from '../../db/client.js';
import { findTenant, type TenantRow } from '../../db/queries/tenants.js';
import type { Access } from '../../domain/lifecycle/types.js';
import { toEnforcementFields } from '../../domain/usage/enforcement.js';
import type { CatalogReader } from '../features/catalog-reader.js';
import { entitlementsOfRow, nextTransitionOfRow } from '../tenants/persist-projection.js';
import { restoreFromRecord, writeEnforcement, type EnforcementSnapshot } from '../enforcement/write-enforcement.js';

/**
 * Maps the Postgres projection row to the Redis enforcement snapshot (same fields the workflow writes):
 * the entitlements come from the state the row holds (upgraded if it predates them), at `now`.
 */
export function enforcementFromRow(row: TenantRow, now = Date.now()): EnforcementSnapshot {
  const access = row.access as Access;
  const fields = toEnforcementFields({
    version: row.version, planId: row.planId, planName: row.planName, periodStart: row.usagePeriodStart?.getTime() ?? 0,
    ...(row.usagePeriodEnd ? { periodEnd: row.usagePeriodEnd.getTime() } : {}),
    status: row.status, paymentStatus: row.paymentStatus, access, entitlements: entitlementsOfRow(row, now), trialEndsAt: row.trialEndsAt?.getTime() ?? null,
    nextTransition: nextTransitionOfRow(row, now),
    paymentActionUrl: row.paymentActionUrl,
  });
  return { tenantId: row.tenantId, version: row.version, access, fields };
}

/**
 * Rebuilds a tenant's Redis enforcement from the record when Redis has lost it: limits and access from
 * the projection with the workflow's version guard, and, in the same atomic step, the counters from the
 * latest daily snapshot (see writeEnforcement). Usage after the last snapshot is not in the record and
 * is lost. Returns false when the tenant has no projection row.
 */
export function rebuildCounters(deps: { db: Db; redis: Redis; log: Logger; features: CatalogReader }) {
  const restore = restoreFromRecord(deps.db, deps.features);
  return async (tenantId: string): Promise<boolean> => {
    const row = await findTenant(deps.db, tenantId);
    if (!row) return false;
    const { written, restored } = await writeEnforcement(deps.redis, enforcementFromRow(row), restore);
    const values = Object.fromEntries((restored ?? []).map((c) => [c.metric, c.value]));
    deps.log.warn({ tenantId, version: row.version, written, restored: values }, 'usage enforcement rebuilt from Postgres');
    return true;
  };
}

export type { TenantRow };
