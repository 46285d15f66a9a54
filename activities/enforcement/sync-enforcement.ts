import { accessWarning, effectiveAccess, effectiveLimits, type TenantState } from '../../domain/lifecycle/index.js';
import { METRICS } from '../../domain/plans/types.js';
import type { ActivityDeps } from '../deps.js';

// Writes limits:{tenant} (hash) and access:{tenant} in one atomic step, unless Redis already holds a newer version.
// Unlimited is stored as -1. Hidden fields: _v (state version), _plan, _period (usage period id), _warn.
const SYNC_SCRIPT = `
local current = tonumber(redis.call('HGET', KEYS[1], '_v') or '-1')
if current > tonumber(ARGV[1]) then return 0 end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], unpack(ARGV, 3))
redis.call('SET', KEYS[2], ARGV[2])
return 1`;

export interface EnforcementSnapshot { tenantId: string; version: number; access: string; fields: Record<string, string> }

/** Builds the Redis enforcement snapshot from the workflow state (the mapping for Redis). */
export function toEnforcement(state: TenantState): EnforcementSnapshot {
  const limits = effectiveLimits(state);
  const fields: Record<string, string> = { _v: String(state.version), _plan: state.plan.id, _period: String(state.usagePeriod.start), _warn: accessWarning(state) ?? '' };
  for (const m of METRICS) fields[m] = String(limits[m] ?? -1);
  return { tenantId: state.tenantId, version: state.version, access: effectiveAccess(state), fields };
}

/** Pushes the effective limits and access to Redis, where the consume fast path reads them. */
export function syncEnforcement(deps: ActivityDeps) {
  return async (state: TenantState): Promise<{ written: boolean }> => {
    const snap = toEnforcement(state);
    const args = [String(snap.version), snap.access, ...Object.entries(snap.fields).flat()];
    const written = await deps.redis.eval(SYNC_SCRIPT, 2, `limits:${snap.tenantId}`, `access:${snap.tenantId}`, ...args);
    return { written: written === 1 };
  };
}
