import { bigint, index, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

// The usage record. `kind` is `daily` (snapshot of the live counters) or `period` (the archive written
// at a usage period boundary). Redis counters can be rebuilt from it.
export const tenantUsage = pgTable('tenant_usage', {
  tenantId: text('tenant_id').notNull(),
  metric: text('metric').notNull(),
  kind: text('kind').$type<'daily' | 'period'>().notNull(),
  periodStart: timestamp('period_start', { withTimezone: true }).notNull(),
  periodDate: text('period_date').notNull(),
  value: bigint('value', { mode: 'number' }).notNull(),
  limitValue: bigint('limit_value', { mode: 'number' }),
  recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('tenant_usage_key').on(t.tenantId, t.metric, t.kind, t.periodDate),
  index('tenant_usage_tenant_idx').on(t.tenantId, t.periodStart),
]);
