import type { Db } from '../../db/client.js';
import { latestDailySnapshots } from '../../db/queries/usage-records.js';
import type { MetricName } from '../../domain/plans/types.js';
import { counterKey } from '../../domain/usage/keys.js';
import { METRIC_KINDS } from '../../domain/usage/metrics.js';

/** A counter as the record holds it: the Redis key (before the prefix) and its value. */
export interface RecordedCounter { metric: MetricName; key: string; value: number }

/**
 * The tenant's counters for `period` as the record (Postgres) holds them: each gauge from its latest
 * daily snapshot, each monthly metric from its latest daily snapshot if that one is of `period`
 * (an older period's usage does not count in this one). Metrics never snapshotted are left out.
 */
export async function recordedCounters(db: Db, tenantId: string, period: string): Promise<RecordedCounter[]> {
  const out: RecordedCounter[] = [];
  for (const s of await latestDailySnapshots(db, tenantId)) {
    const metric = s.metric as MetricName;
    const kind = METRIC_KINDS[metric];
    if (kind === 'gauge' || (kind === 'monthly' && String(s.periodStart.getTime()) === period)) {
      out.push({ metric, key: counterKey(tenantId, metric, period), value: s.value });
    }
  }
  return out;
}
