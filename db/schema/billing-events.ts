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

// A batch the outbox relay is handing to Kafka: written (committed) before the send, deleted with the
// rows' published_at after it. A row left behind means the relay died, or the send failed, with the
// outcome unknown; the next relay reads Kafka from `watermarks` (each partition's end offset before
// the send) to learn which of `eventIds` arrived, so none is sent twice and none is lost.
export const billingOutboxInflight = pgTable('billing_outbox_inflight', {
  id: text('id').primaryKey(),
  eventIds: jsonb('event_ids').$type<string[]>().notNull(),
  watermarks: jsonb('watermarks').$type<Record<string, string>>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
