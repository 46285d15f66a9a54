import type { Redis } from 'ioredis';
import { effectiveAccess, effectiveLimits } from '../../domain/lifecycle/access.js';
import type { TenantState } from '../../domain/lifecycle/types.js';
import { toEnforcementFields } from '../../domain/usage/enforcement.js';

// Writes limits:{tenant} (hash) and access:{tenant} in one atomic step, unless Redis already holds a newer version.
// Unlimited is stored as -1. Hidden fields: _v (state version), _plan, _pname (plan name), _period (usage period id),
// _warn, _block ('' | locked | suspended | read_only: why consume is refused), _status, _pay, _trial (trial end, ms or '').
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
  const access = effectiveAccess(state);
  const fields = toEnforcementFields({
    version: state.version, planId: state.plan.id, planName: state.plan.name, periodStart: state.usagePeriod.start,
    status: state.status, paymentStatus: state.paymentStatus, access, limits: effectiveLimits(state), trialEndsAt: state.trial?.endsAt ?? null,
  });
  return { tenantId: state.tenantId, version: state.version, access, fields };
}

/** Writes a snapshot with the version guard; shared by the workflow's activity and the rebuild from Postgres. */
export async function writeEnforcement(redis: Redis, snap: EnforcementSnapshot): Promise<boolean> {
  const args = [String(snap.version), snap.access, ...Object.entries(snap.fields).flat()];
  const written = await redis.eval(SYNC_SCRIPT, 2, `limits:${snap.tenantId}`, `access:${snap.tenantId}`, ...args);
  return written === 1;
}

/** Pushes the effective limits and access to Redis, where the consume fast path reads them. */
export function syncEnforcement(deps: { redis: Redis }) {
  return async (state: TenantState): Promise<{ written: boolean }> => ({ written: await writeEnforcement(deps.redis, toEnforcement(state)) });
}
