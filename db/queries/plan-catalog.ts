import { and, asc, count, eq, inArray } from 'drizzle-orm';
import type { Plan } from '../../domain/plans/types.js';
import type { Db } from '../client.js';
import { plans } from '../schema/index.js';
import { toPlan, toPlanValues, type PlanRow } from './plan-rows.js';

// Data access for the plan catalog (admin API, Stripe sync, cache loader). No business rules here.

type Queryable = Db | Parameters<Parameters<Db['transaction']>[0]>[0];


/** A plan as the admin API shows it: the plan plus its audit timestamps. */
export interface PlanRecord extends Plan { createdAt: Date; updatedAt: Date }

const toRecord = (row: PlanRow): PlanRecord => ({ ...toPlan(row), createdAt: row.createdAt, updatedAt: row.updatedAt });

export interface ListPlansQuery { tenantId?: string; includeInactive: boolean; limit: number; offset: number }

/** One page of plans in catalog order, optionally only those bound to a tenant, with the total count. */
export async function listPlanRecords(db: Db, q: ListPlansQuery): Promise<{ plans: PlanRecord[]; total: number }> {
  const where = and(q.includeInactive ? undefined : eq(plans.isActive, true), q.tenantId === undefined ? undefined : eq(plans.tenantId, q.tenantId));
  const [rows, totals] = await Promise.all([
    db.select().from(plans).where(where).orderBy(asc(plans.rank), asc(plans.priceMonthlyCents), asc(plans.id)).limit(q.limit).offset(q.offset),
    db.select({ n: count() }).from(plans).where(where),
  ]);
  return { plans: rows.map(toRecord), total: totals[0]?.n ?? 0 };
}

/** Reads one plan by id whatever its status, or null. */
export async function findPlanRecord(db: Db, id: string): Promise<PlanRecord | null> {
  const rows = await db.select().from(plans).where(eq(plans.id, id)).limit(1);
  return rows[0] ? toRecord(rows[0]) : null;
}

/** Every active plan, public and bound: what the catalog cache holds. */
export async function findActivePlans(db: Db): Promise<Plan[]> {
  const rows = await db.select().from(plans).where(eq(plans.isActive, true));
  return rows.map(toPlan);
}

/** Every plan, active or not: what a Stripe sync reconciles against. */
export async function findAllPlans(db: Db): Promise<Plan[]> {
  return (await db.select().from(plans)).map(toPlan);
}

/** Inserts a plan; null when the id is taken (active or not). */
export async function insertPlan(db: Queryable, plan: Plan): Promise<PlanRecord | null> {
  const rows = await db.insert(plans).values(toPlanValues(plan)).onConflictDoNothing({ target: plans.id }).returning();
  return rows[0] ? toRecord(rows[0]) : null;
}

/** Replaces a stored plan's fields (not its id); null when no plan has the id. */
export async function updatePlanRecord(db: Queryable, plan: Plan): Promise<PlanRecord | null> {
  const { id, ...fields } = toPlanValues(plan);
  const rows = await db.update(plans).set({ ...fields, updatedAt: new Date() }).where(eq(plans.id, id)).returning();
  return rows[0] ? toRecord(rows[0]) : null;
}

/** Writes synced plans (insert or replace by id) and deactivates others, in one transaction. */
export async function applyPlanSync(db: Db, writes: Plan[], deactivateIds: string[]): Promise<void> {
  if (writes.length === 0 && deactivateIds.length === 0) return;
  await db.transaction(async (tx) => {
    for (const plan of writes) {
      const { id: _id, ...fields } = toPlanValues(plan);
      await tx.insert(plans).values(toPlanValues(plan)).onConflictDoUpdate({ target: plans.id, set: { ...fields, updatedAt: new Date() } });
    }
    if (deactivateIds.length > 0) await tx.update(plans).set({ isActive: false, updatedAt: new Date() }).where(inArray(plans.id, deactivateIds));
  });
}
