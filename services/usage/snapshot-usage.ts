import { upsertUsageRecords, type UsageRecord } from '../../db/queries/tenant-usage.js';
import { tenantIdPage } from '../../db/queries/usage-records.js';
import { parseLimit } from '../../domain/usage/enforcement.js';
import { COUNTERS_RESTORED_FIELD, counterKey, limitsKey } from '../../domain/usage/keys.js';
import { countedFeatures, periodDate, type CountedFeature } from '../../domain/usage/metrics.js';
import type { CatalogReader } from '../features/catalog-reader.js';
import type { Redis } from 'ioredis';
import type { Logger } from '../../config/logger.js';
import type { Db } from '../../db/client.js';
import type { SnapshotUsageResult } from '../../workflows/activity-contract.js';
import { rebuildCounters } from './rebuild-counters.js';

export interface SnapshotUsageDeps { db: Db; redis: Redis; log: Logger; features: CatalogReader }

const PAGE = 500;

/**
 * Copies every tenant's live Redis counters to tenant_usage (kind 'daily', one row per tenant,
 * metric and day; a rerun the same day replaces it). Only counters Redis vouches for are recorded:
 * a tenant whose limits hash is missing is skipped, and one whose hash lacks the counters-restored
 * mark (recreated by an older writer after a Redis loss) is rebuilt from the record first, so the
 * snapshot never writes the zeros of an emptied Redis over the record the rebuild restores from.
 * Every counted feature of the catalog is recorded; read limits have no counter and are not.
 */
export function snapshotUsage(deps: SnapshotUsageDeps) {
  const rebuild = rebuildCounters(deps);
  return async (input: { at?: number } = {}): Promise<SnapshotUsageResult> => {
    const at = input.at ?? Date.now();
    const date = periodDate(at);
    const result: SnapshotUsageResult = { tenants: 0, records: 0, skipped: 0, date };
    const counted = countedFeatures(await deps.features.list());
    for (let after = ''; ;) {
      const ids = await tenantIdPage(deps.db, after, PAGE);
      if (ids.length === 0) break;
      const records = await readRecords(deps, rebuild, ids, date, counted);
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

type Hashes = (string | null)[][];
const readHashes = (redis: Redis, ids: string[], counted: CountedFeature[]): Promise<Hashes> =>
  Promise.all(ids.map((id) => redis.hmget(limitsKey(id), '_period', COUNTERS_RESTORED_FIELD, ...counted.map((f) => f.key)))) as Promise<Hashes>;

// Hashes present but not marked are rebuilt (counters restored from the record, SET NX) and read again.
async function trustedHashes(redis: Redis, rebuild: (tenantId: string) => Promise<boolean>, ids: string[], counted: CountedFeature[]): Promise<Hashes> {
  const hashes = await readHashes(redis, ids, counted);
  const unmarked = ids.filter((_, i) => hashes[i]![0] !== null && hashes[i]![1] === null);
  if (unmarked.length === 0) return hashes;
  for (const id of unmarked) await rebuild(id);
  const again = await readHashes(redis, unmarked, counted);
  return ids.map((id, i) => (unmarked.includes(id) ? again[unmarked.indexOf(id)]! : hashes[i]!));
}

// A feature the hash has no field for is not granted: its limit is 0.
async function readRecords(deps: SnapshotUsageDeps, rebuild: (tenantId: string) => Promise<boolean>, ids: string[], date: string, counted: CountedFeature[]): Promise<{ rows: UsageRecord[]; skipped: number }> {
  const hashes = await trustedHashes(deps.redis, rebuild, ids, counted);
  const present = ids.map((id, i) => ({ id, h: hashes[i]! })).filter(({ h }) => h[0] !== null && h[1] !== null);
  const keys = present.flatMap(({ id, h }) => counted.map((f) => counterKey(id, f.key, f.kind, h[0]!)));
  const values = keys.length > 0 ? await deps.redis.mget(...keys) : [];
  const rows = present.flatMap(({ id, h }, t) => counted.map((f, j): UsageRecord => ({
    tenantId: id, metric: f.key, kind: 'daily', periodStart: new Date(Number(h[0])), periodDate: date,
    value: Number(values[t * counted.length + j] ?? 0), limitValue: h[j + 2] === null ? 0 : parseLimit(h[j + 2]),
  })));
  return { rows, skipped: ids.length - present.length };
}
