import type { Db } from '../../db/client.js';
import { activePlans } from '../../db/queries/usage-records.js';
import type { Plan } from '../../domain/plans/types.js';

/** Caches the active plan catalog for `ttlMs`, so a limit refusal can suggest an upgrade without a query each time. */
export function createPlanCache(db: Db, ttlMs = 60_000) {
  let cached: { plans: Plan[]; at: number } | null = null;
  let loading: Promise<Plan[]> | null = null;
  return async function plans(): Promise<Plan[]> {
    if (cached && Date.now() - cached.at < ttlMs) return cached.plans;
    loading ??= activePlans(db).then((p) => { cached = { plans: p, at: Date.now() }; return p; }).finally(() => { loading = null; });
    return loading;
  };
}
