import type { Redis } from 'ioredis';
import { entitlementsFromLimits } from '../../domain/entitlements/legacy.js';
import { billingEvent } from '../../domain/events.js';
import type { ResetUsageInput } from '../../workflows/activity-contract.js';
import { grantedLimit, meteredLimits } from '../../domain/plans/types.js';
import { countedFeatures, periodDate, usageKey } from '../../domain/usage/metrics.js';
import type { CatalogReader } from '../features/catalog-reader.js';
import { upsertUsageRecords } from '../../db/queries/tenant-usage.js';
import { recordedPeriodUsage } from '../../db/queries/usage-records.js';
import { publishEvents, type PublishEventsDeps } from '../events/publish-events.js';


const ARCHIVED_COUNTER_TTL_S = 60 * 24 * 3600;

/**
 * Archives the ending period's monthly counters to Postgres and publishes usage.monthly_summary; retry-safe.
 * Runs after the switch to the next period, so no consume lands in these counters any more. Each value is
 * the higher of Redis and the period's daily snapshots: a counter Redis lost reads as what the record holds.
 */
export function resetUsage(deps: PublishEventsDeps & { redis: Redis; features: CatalogReader }) {
  const publish = publishEvents(deps);
  return async (input: ResetUsageInput): Promise<{ archived: number }> => {
    const monthly = countedFeatures(await deps.features.list(), 'monthly').map((f) => f.key);
    const granted = meteredLimits(input.entitlements ?? entitlementsFromLimits(input.limits ?? {}));
    const limitOf = (m: string): number | null => grantedLimit(granted, m);
    const keys = monthly.map((m) => usageKey(input.tenantId, m, 'monthly', input.period.start));
    const [values, recorded] = await Promise.all([keys.length > 0 ? deps.redis.mget(...keys) : [], recordedPeriodUsage(deps.db, input.tenantId, new Date(input.period.start))]);
    const used = Object.fromEntries(monthly.map((m, i) => [m, Math.max(Number(values[i] ?? 0), recorded.get(m) ?? 0)]));
    if (monthly.length > 0) {
      await upsertUsageRecords(deps.db, monthly.map((m) => ({
        tenantId: input.tenantId, metric: m, kind: 'period' as const, periodStart: new Date(input.period.start),
        periodDate: periodDate(input.period.start), value: used[m]!, limitValue: limitOf(m),
      })));
    }
    const metrics = Object.fromEntries(monthly.map((m) => [m, { used: used[m]!, limit: limitOf(m) }]));
    await publish([billingEvent(input.tenantId, 'usage.monthly_summary', periodDate(input.period.start), input.period.end, { period: input.period, metrics })]);
    // The new period starts from zero by key; old counters stay readable for a while, then expire.
    await Promise.all(keys.map((k) => deps.redis.expire(k, ARCHIVED_COUNTER_TTL_S)));
    return { archived: monthly.length };
  };
}
