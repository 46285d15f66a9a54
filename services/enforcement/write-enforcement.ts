import type { Redis } from 'ioredis';
import type { Db } from '../../db/client.js';
import { effectiveAccess, effectiveEntitlements } from '../../domain/lifecycle/access.js';
import { nextTransition } from '../../domain/lifecycle/next-transition.js';
import { paymentActionUrl } from '../../domain/lifecycle/payment-action.js';
import type { TenantState } from '../../domain/lifecycle/types.js';
import { toEnforcementFields } from '../../domain/usage/enforcement.js';
import { COUNTERS_RESTORED_FIELD } from '../../domain/usage/keys.js';
import type { CatalogReader } from '../features/catalog-reader.js';
import { recordedCounters, type RecordedCounter } from '../usage/recorded-counters.js';

// Writes limits:{tenant} (hash) and access:{tenant} in one atomic step, unless Redis already holds a newer version.
// Unlimited is stored as -1; boolean features are `_f:<key>`, overridden values marked `_o:<key>`. Hidden fields: _v (state version), _plan, _pname (plan name), _period (usage period id),
// _pend (its end), _warn, _block ('' | locked | suspended | read_only: why consume is refused), _status, _pay,
// _trial (trial end, ms or ''), _pact (the hosted invoice page of a payment awaiting authentication, or ''), and _counters (see COUNTERS_RESTORED_FIELD).
//
// A hash without _counters (Redis lost the tenant, or an older writer recreated it) means the counters may be
// missing: the script then answers -1 and is called again with the recorded counters, which it restores
// (SET NX, so a counter Redis still holds is kept) in the same atomic step as the hash. A consume that runs
// before that step finds no hash and waits for the rebuild; one that runs after counts on the restored value.
// KEYS: 1 limits, 2 access, 3.. counters to restore. ARGV: 1 version, 2 access, 3 '1' if restoring,
// 4..(3 + #KEYS - 2) counter values, then the hash fields as name, value pairs.
const SYNC_SCRIPT = `
local current = tonumber(redis.call('HGET', KEYS[1], '_v') or '-1')
if current > tonumber(ARGV[1]) then return 0 end
if not redis.call('HGET', KEYS[1], '${COUNTERS_RESTORED_FIELD}') then
  if ARGV[3] ~= '1' then return -1 end
  for i = 3, #KEYS do redis.call('SET', KEYS[i], ARGV[i + 1], 'NX') end
end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], '${COUNTERS_RESTORED_FIELD}', '1', unpack(ARGV, #KEYS + 2))
redis.call('SET', KEYS[2], ARGV[2])
return 1`;

export interface EnforcementSnapshot { tenantId: string; version: number; access: string; fields: Record<string, string> }

/** Reads the counters to restore for a tenant whose hash is about to be (re)created. */
export type CounterRestore = (tenantId: string, period: string) => Promise<RecordedCounter[]>;

/** The restore from the record (Postgres): what every real writer uses. */
export const restoreFromRecord = (db: Db, features: CatalogReader): CounterRestore =>
  async (tenantId, period) => recordedCounters(db, tenantId, period, await features.list());

/** Builds the Redis enforcement snapshot from the workflow state at `now` (the mapping for Redis): overrides past their `until` are left out. */
export function toEnforcement(state: TenantState, now = Date.now()): EnforcementSnapshot {
  const access = effectiveAccess(state);
  const fields = toEnforcementFields({
    version: state.version, planId: state.plan.id, planName: state.plan.name, periodStart: state.usagePeriod.start, periodEnd: state.usagePeriod.end,
    status: state.status, paymentStatus: state.paymentStatus, access, entitlements: effectiveEntitlements(state, now), trialEndsAt: state.trial?.endsAt ?? null,
    nextTransition: nextTransition(state, now),
    paymentActionUrl: paymentActionUrl(state),
  });
  return { tenantId: state.tenantId, version: state.version, access, fields };
}

/**
 * Writes a snapshot with the version guard; shared by the workflow's activity and the rebuild from Postgres.
 * When the counters may be missing, restores them first (see SYNC_SCRIPT); `restored` lists what was offered.
 */
export async function writeEnforcement(redis: Redis, snap: EnforcementSnapshot, restore: CounterRestore): Promise<{ written: boolean; restored: RecordedCounter[] | null }> {
  const keys = [`limits:${snap.tenantId}`, `access:${snap.tenantId}`];
  const fields = Object.entries(snap.fields).flat();
  const first = await redis.eval(SYNC_SCRIPT, 2, ...keys, String(snap.version), snap.access, '0', ...fields);
  if (first !== -1) return { written: first === 1, restored: null };
  const counters = await restore(snap.tenantId, snap.fields._period!);
  const again = await redis.eval(SYNC_SCRIPT, 2 + counters.length, ...keys, ...counters.map((c) => c.key),
    String(snap.version), snap.access, '1', ...counters.map((c) => String(c.value)), ...fields);
  return { written: again === 1, restored: counters };
}

/** Pushes the effective entitlements and access to Redis, where the consume fast path reads them; restores lost counters first. */
export function syncEnforcement(deps: { redis: Redis; db: Db; features: CatalogReader }) {
  const restore = restoreFromRecord(deps.db, deps.features);
  return async (state: TenantState): Promise<{ written: boolean }> => ({ written: (await writeEnforcement(deps.redis, toEnforcement(state), restore)).written });
}
