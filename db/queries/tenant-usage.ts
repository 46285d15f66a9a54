import { sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { tenantUsage } from '../schema/index.js';

export type UsageRecord = typeof tenantUsage.$inferInsert;

/** Upserts usage records by (tenant, metric, kind, date); a later write of the same key replaces the value. */
export async function upsertUsageRecords(db: Db, records: UsageRecord[]): Promise<void> {
  if (records.length === 0) return;
  await db.insert(tenantUsage).values(records).onConflictDoUpdate({
    target: [tenantUsage.tenantId, tenantUsage.metric, tenantUsage.kind, tenantUsage.periodDate],
    set: { value: sql`excluded.value`, limitValue: sql`excluded.limit_value`, recordedAt: sql`now()` },
  });
}
