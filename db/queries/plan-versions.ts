import { and, count, eq, ne } from 'drizzle-orm';
import type { Plan } from '../../domain/plans/types.js';
import type { Db } from '../client.js';
import { plans, planVersions, tenants } from '../schema/index.js';
import { toPlan } from './plan-rows.js';

// Data access for plan versions: the superseded ones (plan_versions) and how many tenants are on each.

type Queryable = Db | Parameters<Parameters<Db['transaction']>[0]>[0];

/** Reads a plan's row for update inside a transaction (the version bump holds it), or null. */
export async function lockPlanRow(tx: Queryable, id: string): Promise<Plan | null> {
  const rows = await tx.select().from(plans).where(eq(plans.id, id)).for('update').limit(1);
  return rows[0] ? toPlan(rows[0]) : null;
}

/** Keeps a version being superseded as it was; archiving it again is harmless. */
export async function archivePlanVersion(tx: Queryable, plan: Plan & { version: number }): Promise<void> {
  await tx.insert(planVersions).values({ planId: plan.id, version: plan.version, plan }).onConflictDoNothing();
}

/** The superseded versions of a plan, oldest first. */
export async function findArchivedVersions(db: Db, planId: string): Promise<Plan[]> {
  const rows = await db.select().from(planVersions).where(eq(planVersions.planId, planId)).orderBy(planVersions.version);
  return rows.map((r) => ({ ...r.plan, version: r.version }));
}

/** One superseded version of a plan, or null. */
export async function findArchivedVersion(db: Db, planId: string, version: number): Promise<Plan | null> {
  const rows = await db.select().from(planVersions).where(and(eq(planVersions.planId, planId), eq(planVersions.version, version))).limit(1);
  return rows[0] ? { ...rows[0].plan, version: rows[0].version } : null;
}

/** How many open (not closed) tenants are on each version of a plan, by version. */
export async function countTenantsByVersion(db: Db, planId: string): Promise<Record<number, number>> {
  const rows = await db.select({ version: tenants.planVersion, n: count() }).from(tenants)
    .where(and(eq(tenants.planId, planId), ne(tenants.status, 'closed'))).groupBy(tenants.planVersion);
  return Object.fromEntries(rows.map((r) => [r.version, r.n]));
}

