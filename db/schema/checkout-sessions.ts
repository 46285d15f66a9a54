import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

// The Checkout session a tenant has open, at most one: a second checkout for the same request
// reuses it, another request expires it first, so two sessions can never both become subscriptions.
export const checkoutSessions = pgTable('checkout_sessions', {
  tenantId: text('tenant_id').primaryKey(),
  sessionId: text('session_id').notNull(),
  url: text('url').notNull(),
  /** What the session was opened for (plan, discount, redirect targets): a different request opens a new one. */
  fingerprint: text('fingerprint').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
