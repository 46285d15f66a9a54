import { index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

// The audit log of every published billing event; the id is the event's deterministic id.
export const billingEvents = pgTable('billing_events', {
  id: text('id').primaryKey(),
  tenantId: text('tenant_id').notNull(),
  type: text('type').notNull(),
  version: integer('version').notNull().default(1),
  occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
  data: jsonb('data').$type<Record<string, unknown>>().notNull(),
  recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('billing_events_tenant_time_idx').on(t.tenantId, t.occurredAt), index('billing_events_type_idx').on(t.type)]);
