import { and, asc, count, eq, inArray, ne } from 'drizzle-orm';
import type { Db } from '../client.js';
import { planMigrations, planMigrationTenants, tenants } from '../schema/index.js';

// Data access for plan migrations and their per-tenant outcomes. No business rules here.

export type PlanMigrationRow = typeof planMigrations.$inferSelect;
export type MigrationTenantRow = typeof planMigrationTenants.$inferSelect;
const INSERT_CHUNK = 1000;

export type MigrationOutcome = 'pending' | 'applied' | 'scheduled' | 'skipped' | 'failed' | 'previewed';

export async function insertPlanMigration(db: Db, row: typeof planMigrations.$inferInsert): Promise<void> {
  await db.insert(planMigrations).values(row);
}

export async function findPlanMigration(db: Db, id: string): Promise<PlanMigrationRow | null> {
  const rows = await db.select().from(planMigrations).where(eq(planMigrations.id, id)).limit(1);
  return rows[0] ?? null;
}

export async function setPlanMigrationStatus(db: Db, id: string, status: string): Promise<void> {
  await db.update(planMigrations).set({ status, updatedAt: new Date() }).where(eq(planMigrations.id, id));
}

/**
 * Records the migration's tenants once, in tenant id order: the open tenants on the plan at one of
 * `fromVersions` (every version but the target when null), among `tenantIds` when given. Repeating it
 * adds nothing; returns how many the migration holds.
 */
export async function selectMigrationTenants(db: Db, m: PlanMigrationRow): Promise<number> {
  const versions = m.fromVersions === null ? ne(tenants.planVersion, m.toVersion) : inArray(tenants.planVersion, m.fromVersions.filter((v) => v !== m.toVersion));
  const where = and(eq(tenants.planId, m.planId), ne(tenants.status, 'closed'), versions, m.tenantIds === null ? undefined : inArray(tenants.tenantId, m.tenantIds));
  await db.transaction(async (tx) => {
    const existing = await tx.select({ n: count() }).from(planMigrationTenants).where(eq(planMigrationTenants.migrationId, m.id));
    if ((existing[0]?.n ?? 0) > 0) return;
    const chosen = await tx.select({ tenantId: tenants.tenantId, fromVersion: tenants.planVersion }).from(tenants).where(where).orderBy(asc(tenants.tenantId));
    for (let i = 0; i < chosen.length; i += INSERT_CHUNK) {
      const rows = chosen.slice(i, i + INSERT_CHUNK).map((c, j) => ({ migrationId: m.id, tenantId: c.tenantId, seq: i + j + 1, fromVersion: c.fromVersion, outcome: 'pending' }));
      await tx.insert(planMigrationTenants).values(rows);
    }
  });
  const total = await db.select({ n: count() }).from(planMigrationTenants).where(eq(planMigrationTenants.migrationId, m.id));
  return total[0]?.n ?? 0;
}

/** The next tenants still pending, in order. */
export async function nextPendingTenants(db: Db, migrationId: string, limit: number): Promise<MigrationTenantRow[]> {
  return db.select().from(planMigrationTenants)
    .where(and(eq(planMigrationTenants.migrationId, migrationId), eq(planMigrationTenants.outcome, 'pending')))
    .orderBy(asc(planMigrationTenants.seq)).limit(limit);
}

export interface TenantOutcome { outcome: Exclude<MigrationOutcome, 'pending'>; code?: string | null; message?: string | null; report?: Record<string, unknown> | null }

/** Records a pending tenant's outcome; one already recorded stays (returns false). */
export async function recordTenantOutcome(db: Db, migrationId: string, tenantId: string, o: TenantOutcome): Promise<boolean> {
  const rows = await db.update(planMigrationTenants)
    .set({ outcome: o.outcome, code: o.code ?? null, message: o.message ?? null, report: o.report ?? null, updatedAt: new Date() })
    .where(and(eq(planMigrationTenants.migrationId, migrationId), eq(planMigrationTenants.tenantId, tenantId), eq(planMigrationTenants.outcome, 'pending')))
    .returning({ tenantId: planMigrationTenants.tenantId });
  return rows.length > 0;
}

/** How many of the migration's tenants have each outcome. */
export async function countOutcomes(db: Db, migrationId: string): Promise<Record<string, number>> {
  const rows = await db.select({ outcome: planMigrationTenants.outcome, n: count() }).from(planMigrationTenants)
    .where(eq(planMigrationTenants.migrationId, migrationId)).groupBy(planMigrationTenants.outcome);
  return Object.fromEntries(rows.map((r) => [r.outcome, r.n]));
}

/** One page of the migration's tenants, in order. */
export async function listMigrationTenants(db: Db, migrationId: string, limit: number, offset: number): Promise<MigrationTenantRow[]> {
  return db.select().from(planMigrationTenants).where(eq(planMigrationTenants.migrationId, migrationId))
    .orderBy(asc(planMigrationTenants.seq)).limit(limit).offset(offset);
}
