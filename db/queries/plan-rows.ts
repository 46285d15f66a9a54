import type { Plan } from '../../domain/plans/types.js';
import type { plans } from '../schema/index.js';

// The mapping between a plans row and the domain's Plan, in one place for every plan query.
export type PlanRow = typeof plans.$inferSelect;

/** A plans row as the domain's Plan (without the row's metadata and timestamps). */
export function toPlan(row: PlanRow): Plan {
  const { metadata: _m, createdAt: _c, updatedAt: _u, ...plan } = row;
  return plan;
}
