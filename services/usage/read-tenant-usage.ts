import type { Redis } from 'ioredis';
import { METRICS } from '../../domain/plans/types.js';
import type { UsageByMetric } from '../../domain/plans/recommendation.js';
import { counterKey, limitsKey } from '../../domain/usage/keys.js';

/**
 * A tenant's current usage from the Redis counters (gauges live, monthly metrics in the period named
 * by `_period` of limits:{tenant}); null when Redis holds no enforcement record for the tenant.
 */
export async function readTenantUsage(redis: Redis, tenantId: string): Promise<UsageByMetric | null> {
  const period = await redis.hget(limitsKey(tenantId), '_period');
  if (period === null || !Number.isFinite(Number(period))) return null;
  const values = await redis.mget(...METRICS.map((m) => counterKey(tenantId, m, period)));
  return Object.fromEntries(METRICS.map((m, i) => [m, Math.max(0, Number(values[i] ?? 0) || 0)]));
}
