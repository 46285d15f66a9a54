import type { Db } from '../../db/client.js';
import { latestDailySnapshots } from '../../db/queries/usage-records.js';
import { findFeature, type FeatureCatalog } from '../../domain/entitlements/features.js';
import { counterKey } from '../../domain/usage/keys.js';

/** A counter as the record holds it: the Redis key (before the prefix) and its value. */
export interface RecordedCounter { metric: string; key: string; value: number }

/**
 * The tenant's counters for `period` as the record (Postgres) holds them: each gauge from its latest
 * daily snapshot, each monthly metric from its latest daily snapshot if that one is of `period`
 * (an older period's usage does not count in this one). Features never snapshotted, or no longer in
 * the catalog, are left out.
 */
export async function recordedCounters(db: Db, tenantId: string, period: string, catalog: FeatureCatalog): Promise<RecordedCounter[]> {
  const out: RecordedCounter[] = [];
  for (const s of await latestDailySnapshots(db, tenantId)) {
    const kind = findFeature(catalog, s.metric)?.kind;
    if (kind === 'gauge' || (kind === 'monthly' && String(s.periodStart.getTime()) === period)) {
      out.push({ metric: s.metric, key: counterKey(tenantId, s.metric, kind, period), value: s.value });
    }
  }
  return out;
}
