import { sql } from 'drizzle-orm';
import { bigserial, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

// The audit log of every billing event, and the outbox Kafka is fed from: the workflow writes a row
// (its id is the event's deterministic id) and returns; the relay publishes rows in `seq` order and
// sets `published_at`.
export const billingEvents = pgTable('billing_events', {
  id: text('id').primaryKey(),
  tenantId: text('tenant_id').notNull(),
  type: text('type').notNull(),
  version: integer('version').notNull().default(1),
  occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
  data: jsonb('data').$type<Record<string, unknown>>().notNull(),
  recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  /** Insertion order: the relay publishes in this order, so each tenant's events keep theirs. */
  seq: bigserial('seq', { mode: 'number' }).notNull(),
  /** When the relay handed the row to Kafka; null while it waits in the outbox. */
  publishedAt: timestamp('published_at', { withTimezone: true }),
}, (t) => [
  index('billing_events_tenant_time_idx').on(t.tenantId, t.occurredAt),
  index('billing_events_type_idx').on(t.type),
  index('billing_events_outbox_idx').on(t.seq).where(sql`published_at is null`),
]);
