import { meteredLimits, type Plan } from '../../domain/plans/types.js';
import type { plans } from '../schema/index.js';

// The mapping between a plans row and the domain's Plan, in one place for every plan query.
export type PlanRow = typeof plans.$inferSelect;

/** A plans row as the domain's Plan (without the row's metadata, legacy limits and timestamps). */
export function toPlan(row: PlanRow): Plan {
  const { metadata: _m, createdAt: _c, updatedAt: _u, limits: _l, ...plan } = row;
  return plan;
}

/** A Plan as a row's values: `limits` keeps the metered limits for a rollback to the version before entitlements. */
export function toPlanValues(plan: Plan): Plan & { limits: Record<string, number | null> } {
  return { ...plan, limits: meteredLimits(plan.entitlements) };
}
