import { and, asc, count, eq, gt, isNotNull, type SQL } from 'drizzle-orm';
import type { Db } from '../client.js';
import { tenants } from '../schema/index.js';
import type { TenantRow } from './tenants.js';

// Read-only views over the tenants projection for operators (the tenure CLI) and worker metrics.

export interface TenantListFilter {
  status?: string;
  paymentStatus?: string;
  planId?: string;
  limit: number;
  offset: number;
}

function whereOf(filter: Omit<TenantListFilter, 'limit' | 'offset'>): SQL | undefined {
  return and(
    filter.status ? eq(tenants.status, filter.status) : undefined,
    filter.paymentStatus ? eq(tenants.paymentStatus, filter.paymentStatus) : undefined,
    filter.planId ? eq(tenants.planId, filter.planId) : undefined,
  );
}

/** One page of tenants matching the filter, ordered by id, plus how many match in total (admin API and CLI). */
export async function listTenants(db: Db, filter: TenantListFilter): Promise<{ total: number; tenants: TenantRow[] }> {
  const where = whereOf(filter);
  const [rows, totals] = await Promise.all([
    db.select().from(tenants).where(where).orderBy(asc(tenants.tenantId)).limit(filter.limit).offset(filter.offset),
    db.select({ n: count() }).from(tenants).where(where),
  ]);
  return { total: totals[0]?.n ?? 0, tenants: rows };
}

/** Keyset page of tenant ids (with the fields a lifecycle starts from), after `afterId`; for backfills over large tables. */
export async function listTenantsAfter(db: Db, afterId: string | null, limit: number): Promise<{ tenantId: string; name: string | null; email: string | null }[]> {
  return db.select({ tenantId: tenants.tenantId, name: tenants.name, email: tenants.email }).from(tenants)
    .where(afterId === null ? undefined : gt(tenants.tenantId, afterId))
    .orderBy(asc(tenants.tenantId)).limit(limit);
}

/** How many tenants are in a running trial now, per the projection. */
export async function countActiveTrials(db: Db, now: Date = new Date()): Promise<number> {
  const rows = await db.select({ n: count() }).from(tenants).where(and(isNotNull(tenants.trialEndsAt), gt(tenants.trialEndsAt, now)));
  return rows[0]?.n ?? 0;
}

/** Total number of tenant rows (for progress bars). */
export async function countTenants(db: Db): Promise<number> {
  const rows = await db.select({ n: count() }).from(tenants);
  return rows[0]?.n ?? 0;
}
