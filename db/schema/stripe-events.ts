import { index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const STRIPE_EVENT_STATUSES = ['received', 'forwarded', 'orphan', 'ignored'] as const;
export type StripeEventStatus = (typeof STRIPE_EVENT_STATUSES)[number];

// The webhook inbox: every verified Stripe event, once, by its id.
export const stripeEvents = pgTable('stripe_events', {
  id: text('id').primaryKey(),
  type: text('type').notNull(),
  tenantId: text('tenant_id'),
  status: text('status').$type<StripeEventStatus>().notNull(),
  stripeCreatedAt: timestamp('stripe_created_at', { withTimezone: true }).notNull(),
  payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
  error: text('error'),
  // Why an event was not forwarded (status `ignored`), e.g. `lifecycle_ended`.
  reason: text('reason'),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  forwardedAt: timestamp('forwarded_at', { withTimezone: true }),
}, (t) => [index('stripe_events_tenant_idx').on(t.tenantId), index('stripe_events_status_idx').on(t.status)]);
