import { bigint, bigserial, boolean, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

// Outbound webhook endpoints (docs/webhooks.md). The signing secrets are stored encrypted
// (services/webhook-endpoints/secret-box.ts, keyed by WEBHOOK_SECRETS_KEY) and never leave in an
// answer but the one that creates or rotates them. `cursor_seq` is the billing_events seq up to
// which the endpoint has had every event it subscribes to: its delivery workflow reads after it.
export const webhookEndpoints = pgTable('webhook_endpoints', {
  id: text('id').primaryKey(),
  url: text('url').notNull(),
  events: jsonb('events').$type<string[]>().notNull(),
  description: text('description'),
  enabled: boolean('enabled').notNull().default(true),
  secret: text('secret').notNull(),
  /** The secret before the last rotation; it keeps signing (a second signature) until previous_secret_until. */
  previousSecret: text('previous_secret'),
  previousSecretUntil: timestamp('previous_secret_until', { withTimezone: true }),
  cursorSeq: bigint('cursor_seq', { mode: 'number' }).notNull(),
  /** Why deliveries stopped (`retry_window_exhausted`, `admin`), with enabled false. */
  disabledReason: text('disabled_reason'),
  disabledAt: timestamp('disabled_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

// Every delivery attempt of an event to an endpoint, successful or not.
export const webhookDeliveries = pgTable('webhook_deliveries', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  endpointId: text('endpoint_id').notNull().references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
  eventId: text('event_id').notNull(),
  eventType: text('event_type').notNull(),
  attempt: integer('attempt').notNull(),
  /** The receiver's HTTP status; null when it did not answer (timeout, refused, DNS, forbidden address). */
  statusCode: integer('status_code'),
  latencyMs: integer('latency_ms').notNull(),
  /** The first 512 bytes of the answer. */
  responseBody: text('response_body'),
  error: text('error'),
  delivered: boolean('delivered').notNull(),
  replay: boolean('replay').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('webhook_deliveries_endpoint_idx').on(t.endpointId, t.id),
  index('webhook_deliveries_event_idx').on(t.endpointId, t.eventId),
]);
