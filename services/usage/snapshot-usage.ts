import { upsertUsageRecords, type UsageRecord } from '../../db/queries/tenant-usage.js';
import { tenantIdPage } from '../../db/queries/usage-records.js';
import { METRICS } from '../../domain/plans/types.js';
import { parseLimit } from '../../domain/usage/enforcement.js';
import { COUNTERS_RESTORED_FIELD, counterKey, limitsKey } from '../../domain/usage/keys.js';
import { METRIC_KINDS, periodDate } from '../../domain/usage/metrics.js';
import type { Redis } from 'ioredis';
import type { Logger } from '../../config/logger.js';
import type { Db } from '../../db/client.js';
import type { SnapshotUsageResult } from '../../workflows/activity-contract.js';
import { rebuildCounters } from './rebuild-counters.js';

export interface SnapshotUsageDeps { db: Db; redis: Redis; log: Logger }

const PAGE = 500;

/**
 * Copies every tenant's live Redis counters to tenant_usage (kind 'daily', one row per tenant,
 * metric and day; a rerun the same day replaces it). Only counters Redis vouches for are recorded:
 * a tenant whose limits hash is missing is skipped, and one whose hash lacks the counters-restored
 * mark (recreated by an older writer after a Redis loss) is rebuilt from the record first, so the
 * snapshot never writes the zeros of an emptied Redis over the record the rebuild restores from.
 * Read limits have no counter and are not recorded.
 */
export function snapshotUsage(deps: SnapshotUsageDeps) {
  const rebuild = rebuildCounters(deps);
  return async (input: { at?: number } = {}): Promise<SnapshotUsageResult> => {
    const at = input.at ?? Date.now();
    const date = periodDate(at);
    const result: SnapshotUsageResult = { tenants: 0, records: 0, skipped: 0, date };
    for (let after = ''; ;) {
      const ids = await tenantIdPage(deps.db, after, PAGE);
      if (ids.length === 0) break;
      const records = await readRecords(deps, rebuild, ids, date);
      await upsertUsageRecords(deps.db, records.rows);
      result.tenants += ids.length - records.skipped;
      result.skipped += records.skipped;
      result.records += records.rows.length;
      after = ids[ids.length - 1]!;
    }
    deps.log.info({ ...result }, 'daily usage snapshot written');
    return result;
  };
}

const COUNTED = METRICS.filter((m) => METRIC_KINDS[m] !== 'read');

type Hashes = (string | null)[][];
const readHashes = (redis: Redis, ids: string[]): Promise<Hashes> =>
  Promise.all(ids.map((id) => redis.hmget(limitsKey(id), '_period', COUNTERS_RESTORED_FIELD, ...COUNTED))) as Promise<Hashes>;

// Hashes present but not marked are rebuilt (counters restored from the record, SET NX) and read again.
async function trustedHashes(redis: Redis, rebuild: (tenantId: string) => Promise<boolean>, ids: string[]): Promise<Hashes> {
  const hashes = await readHashes(redis, ids);
  const unmarked = ids.filter((_, i) => hashes[i]![0] !== null && hashes[i]![1] === null);
  if (unmarked.length === 0) return hashes;
  for (const id of unmarked) await rebuild(id);
  const again = await readHashes(redis, unmarked);
  return ids.map((id, i) => (unmarked.includes(id) ? again[unmarked.indexOf(id)]! : hashes[i]!));
}

async function readRecords(deps: SnapshotUsageDeps, rebuild: (tenantId: string) => Promise<boolean>, ids: string[], date: string): Promise<{ rows: UsageRecord[]; skipped: number }> {
  const hashes = await trustedHashes(deps.redis, rebuild, ids);
  const present = ids.map((id, i) => ({ id, h: hashes[i]! })).filter(({ h }) => h[0] !== null && h[1] !== null);
  const keys = present.flatMap(({ id, h }) => COUNTED.map((m) => counterKey(id, m, h[0]!)));
  const values = keys.length > 0 ? await deps.redis.mget(...keys) : [];
  const rows = present.flatMap(({ id, h }, t) => COUNTED.map((metric, j): UsageRecord => ({
    tenantId: id, metric, kind: 'daily', periodStart: new Date(Number(h[0])), periodDate: date,
    value: Number(values[t * COUNTED.length + j] ?? 0), limitValue: parseLimit(h[j + 2]),
  })));
  return { rows, skipped: ids.length - present.length };
}
