import type { Redis } from 'ioredis';
import type { FeatureCatalog } from '../../domain/entitlements/features.js';
import { parseEnforcementFields, type EnforcementView } from '../../domain/usage/enforcement.js';
import { accessKey, counterKey, limitsKey } from '../../domain/usage/keys.js';
import { countedFeatures } from '../../domain/usage/metrics.js';

// Reads of the enforcement state in Redis, for the status and usage reports (not the consume path).

/** The tenant's enforcement record, or null when Redis lacks it (or holds one without the status fields). */
export async function readEnforcement(redis: Redis, tenantId: string): Promise<EnforcementView | null> {
  const [hash, access] = await Promise.all([redis.hgetall(limitsKey(tenantId)), redis.get(accessKey(tenantId))]);
  return parseEnforcementFields(hash, access);
}

/** Current counters of the catalog's counted features in the given period (absent counters are 0; read limits have none). */
export async function readCounters(redis: Redis, tenantId: string, periodStart: number, catalog: FeatureCatalog): Promise<Record<string, number>> {
  const counted = countedFeatures(catalog);
  if (counted.length === 0) return {};
  const values = await redis.mget(...counted.map((f) => counterKey(tenantId, f.key, f.kind, String(periodStart))));
  return Object.fromEntries(counted.map((f, i) => [f.key, Number(values[i] ?? 0)]));
}

/** Every gauge of the catalog with its current count (0 when absent): what a downgrade is checked against. */
export async function readGaugeUsage(redis: Redis, tenantId: string, periodStart: number, catalog: FeatureCatalog): Promise<Record<string, number>> {
  const counters = await readCounters(redis, tenantId, periodStart, catalog);
  return Object.fromEntries(countedFeatures(catalog, 'gauge').map((f) => [f.key, counters[f.key] ?? 0]));
}
