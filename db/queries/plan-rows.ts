import { METRICS, type Limits, type Plan } from '../../domain/plans/types.js';
import type { plans } from '../schema/index.js';

// The mapping between a plans row and the domain's Plan, in one place for every plan query.
export type PlanRow = typeof plans.$inferSelect;

// Until Plan carries entitlements, a row without the legacy limits (none is written so yet) grants nothing.
const NO_LIMITS = Object.fromEntries(METRICS.map((m) => [m, 0])) as Limits;

/** A plans row as the domain's Plan (without the row's metadata, entitlements and timestamps). */
export function toPlan(row: PlanRow): Plan {
  const { metadata: _m, createdAt: _c, updatedAt: _u, entitlements: _e, limits, ...plan } = row;
  return { ...plan, limits: limits ?? NO_LIMITS };
}
