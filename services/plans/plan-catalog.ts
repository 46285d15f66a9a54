import type { Redis } from 'ioredis';
import { findActivePlans } from '../../db/queries/plan-catalog.js';
import type { Db } from '../../db/client.js';
import { byCatalogOrder, isPlanVisibleTo } from '../../domain/plans/rules.js';
import type { Plan } from '../../domain/plans/types.js';

// The active plan catalog, cached in Redis for an hour. The hash `plans:catalog` holds one field per
// active plan (`plan:<id>`, JSON) plus `_loaded`, so a single HMGET answers "is plan X active?" and a
// loaded-but-absent field means "no such active plan". Every admin change and sync invalidates it.

export interface PlanCatalogDeps { db: Db; redis: Redis }

export const PLAN_CATALOG_KEY = 'plans:catalog';
/** Bumped on every invalidation, so a loader that read the database before a change cannot cache the old catalog. */
export const PLAN_CATALOG_GENERATION_KEY = 'plans:catalog:generation';
export const PLAN_CATALOG_TTL_SECONDS = 3600;

const LOADED_FIELD = '_loaded';
const planField = (id: string): string => `plan:${id}`;

// Fills the cache only when no invalidation happened since the loader read the generation (ARGV[1]).
const FILL_SCRIPT = `
if (redis.call('GET', KEYS[2]) or '0') ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], unpack(ARGV, 3))
redis.call('EXPIRE', KEYS[1], ARGV[2])
return 1`;

async function loadAndCache(deps: PlanCatalogDeps): Promise<Plan[]> {
  const generation = (await deps.redis.get(PLAN_CATALOG_GENERATION_KEY)) ?? '0';
  const plans = await findActivePlans(deps.db);
  const fields = [LOADED_FIELD, '1', ...plans.flatMap((p) => [planField(p.id), JSON.stringify(p)])];
  await deps.redis.eval(FILL_SCRIPT, 2, PLAN_CATALOG_KEY, PLAN_CATALOG_GENERATION_KEY, generation, String(PLAN_CATALOG_TTL_SECONDS), ...fields);
  return plans;
}

/** Every active plan (public and bound), from the cache or, on a miss, from the database. */
export async function activeCatalogPlans(deps: PlanCatalogDeps): Promise<Plan[]> {
  const hash = await deps.redis.hgetall(PLAN_CATALOG_KEY);
  if (hash[LOADED_FIELD] === undefined) return loadAndCache(deps);
  return Object.entries(hash).filter(([k]) => k.startsWith('plan:')).map(([, v]) => JSON.parse(v) as Plan);
}

/** The active plans a tenant may see and choose (public ones plus its own enterprise plans), in catalog order; tenantId null: public only. */
export async function listVisiblePlans(deps: PlanCatalogDeps, tenantId: string | null): Promise<Plan[]> {
  return (await activeCatalogPlans(deps)).filter((p) => isPlanVisibleTo(p, tenantId)).sort(byCatalogOrder);
}

/**
 * The active plan with this id if the tenant may use it (public, or bound to this tenant); null for
 * unknown, inactive or another tenant's plan. Callers turn null into PLAN_NOT_FOUND.
 */
export async function findPlanForTenant(deps: PlanCatalogDeps, planId: string, tenantId: string | null): Promise<Plan | null> {
  const [loaded, json] = await deps.redis.hmget(PLAN_CATALOG_KEY, LOADED_FIELD, planField(planId));
  const plan = loaded === null ? (await loadAndCache(deps)).find((p) => p.id === planId) : json ? (JSON.parse(json) as Plan) : undefined;
  return plan && isPlanVisibleTo(plan, tenantId) ? plan : null;
}

/** Drops the cached catalog; call after every committed change to the plans table. */
export async function invalidatePlanCatalog(redis: Redis): Promise<void> {
  const results = await redis.multi().incr(PLAN_CATALOG_GENERATION_KEY).del(PLAN_CATALOG_KEY).exec();
  const failed = results?.find(([err]) => err);
  if (failed) throw failed[0];
}
