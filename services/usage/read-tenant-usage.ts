import type { Redis } from 'ioredis';
import type { FeatureCatalog } from '../../domain/entitlements/features.js';
import type { UsageByMetric } from '../../domain/plans/recommendation.js';
import { counterKey, limitsKey } from '../../domain/usage/keys.js';
import { countedFeatures } from '../../domain/usage/metrics.js';

/**
 * A tenant's current usage of the catalog's counted features from the Redis counters (gauges live,
 * monthly features in the period named by `_period` of limits:{tenant}); null when Redis holds no
 * enforcement record for the tenant.
 */
export async function readTenantUsage(redis: Redis, tenantId: string, catalog: FeatureCatalog): Promise<UsageByMetric | null> {
  const period = await redis.hget(limitsKey(tenantId), '_period');
  if (period === null || !Number.isFinite(Number(period))) return null;
  const counted = countedFeatures(catalog);
  if (counted.length === 0) return {};
  const values = await redis.mget(...counted.map((f) => counterKey(tenantId, f.key, f.kind, period)));
  return Object.fromEntries(counted.map((f, i) => [f.key, Math.max(0, Number(values[i] ?? 0) || 0)]));
}
