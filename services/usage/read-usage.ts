import type { Redis } from 'ioredis';
import { METRICS, type MetricName } from '../../domain/plans/types.js';
import { parseEnforcementFields, type EnforcementView } from '../../domain/usage/enforcement.js';
import { accessKey, counterKey, limitsKey } from '../../domain/usage/keys.js';
import { METRIC_KINDS } from '../../domain/usage/metrics.js';

// Reads of the enforcement state in Redis, for the status and usage reports (not the consume path).

/** The tenant's enforcement record, or null when Redis lacks it (or holds one without the status fields). */
export async function readEnforcement(redis: Redis, tenantId: string): Promise<EnforcementView | null> {
  const [hash, access] = await Promise.all([redis.hgetall(limitsKey(tenantId)), redis.get(accessKey(tenantId))]);
  return parseEnforcementFields(hash, access);
}

/** Current counters of the tenant's counted metrics in the given period (absent counters are 0; read limits have none). */
export async function readCounters(redis: Redis, tenantId: string, periodStart: number): Promise<Partial<Record<MetricName, number>>> {
  const counted = METRICS.filter((m) => METRIC_KINDS[m] !== 'read');
  const values = await redis.mget(...counted.map((m) => counterKey(tenantId, m, String(periodStart))));
  return Object.fromEntries(counted.map((m, i) => [m, Number(values[i] ?? 0)]));
}
