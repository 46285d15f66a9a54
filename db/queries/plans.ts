import { and, eq, inArray, or } from 'drizzle-orm';
import type { Plan, PlanSnapshot } from '../../domain/plans/types.js';
import { toPlanSnapshot } from '../../domain/plans/types.js';
import type { Db } from '../client.js';
import { plans } from '../schema/index.js';
import { toPlan } from './plan-rows.js';


/** Reads one active plan by id, or null. */
export async function findActivePlan(db: Db, id: string): Promise<Plan | null> {
  const rows = await db.select().from(plans).where(and(eq(plans.id, id), eq(plans.isActive, true))).limit(1);
  return rows[0] ? toPlan(rows[0]) : null;
}

/** Reads the snapshots of several active plans, keyed by id; missing ids are absent. */
export async function findPlanSnapshots(db: Db, ids: string[]): Promise<Record<string, PlanSnapshot>> {
  const rows = await db.select().from(plans).where(and(inArray(plans.id, ids), eq(plans.isActive, true)));
  return Object.fromEntries(rows.map((r) => [r.id, toPlanSnapshot(toPlan(r))]));
}

/** Finds the active plan a Stripe price belongs to (monthly or annual). */
export async function findPlanByPrice(db: Db, priceId: string): Promise<Plan | null> {
  const rows = await db.select().from(plans).where(and(eq(plans.isActive, true), or(eq(plans.stripePriceId, priceId), eq(plans.stripeAnnualPriceId, priceId)))).limit(1);
  return rows[0] ? toPlan(rows[0]) : null;
}
