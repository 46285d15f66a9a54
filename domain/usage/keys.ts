import { usageKey, type MetricKind } from './metrics.js';

// Redis key names for enforcement (before the configured key prefix, which ioredis adds).
// The consume script receives every key it touches as KEYS; it never builds key names itself.

export const limitsKey = (tenantId: string): string => `limits:${tenantId}`;
/**
 * Field of `limits:{tenant}` set whenever the hash is written with the tenant's counters in place (restored
 * from the record if Redis had lost them). Its absence means the counters cannot be trusted yet: the daily
 * snapshot restores them before recording, and every writer of the hash restores them first.
 */
export const COUNTERS_RESTORED_FIELD = '_counters';
export const accessKey = (tenantId: string): string => `access:${tenantId}`;

/** Set-if-absent marker that makes a threshold fire once per tenant, metric, period and percentage. */
export const thresholdKey = (tenantId: string, metric: string, periodStart: number | string, pct: number): string =>
  `thresholds:${tenantId}:${metric}:${periodStart}:${pct}`;

/**
 * The stored answer of an idempotent consume or release. Each operation has its own namespace ahead of
 * the tenant id, so no caller's key (say a consume key `release:X`) can reach another operation's entry.
 */
export const idempotencyKey = (tenantId: string, key: string, op: 'consume' | 'release'): string =>
  `idem:${op}:${tenantId}:${key}`;

/** What an idempotency key is bound to: a key reused with another fingerprint is refused, not replayed. */
export const requestFingerprint = (metric: string, amount: number): string => `${metric}:${amount}`;

/** Redis stream the consume script appends threshold crossings to; a publisher drains it to Kafka. */
export const THRESHOLD_OUTBOX_KEY = 'outbox:usage.threshold_crossed';

/** The counter key of a metric in the period given as the `_period` string stored in Redis. */
export function counterKey(tenantId: string, metric: string, kind: MetricKind, period: string): string {
  return usageKey(tenantId, metric, kind, Number(period));
}
