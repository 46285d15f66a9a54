import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * claimed: an attempt is in flight (or its notifier died mid-send: never retried, at most once);
 * released: an attempt that certainly sent nothing, free to be claimed again; the rest are final.
 */
export const NOTIFICATION_SEND_STATUSES = ['claimed', 'released', 'sent', 'skipped', 'failed'] as const;
export type NotificationSendStatus = (typeof NOTIFICATION_SEND_STATUSES)[number];

// The notifier's ledger (docs/notifications.md): one row per notified billing event, by its id. The
// notifier claims the id before it sends, so each event sends at most one email.
export const notificationSends = pgTable('notification_sends', {
  eventId: text('event_id').primaryKey(),
  tenantId: text('tenant_id').notNull(),
  eventType: text('event_type').notNull(),
  status: text('status').$type<NotificationSendStatus>().notNull(),
  /** Claims so far: more than 1 only after released attempts (the SMTP server was unreachable). */
  attempts: integer('attempts').notNull().default(1),
  /** The template sent (`payment_failed`, `usage_limit_reached`, ...), once known. */
  template: text('template'),
  recipient: text('recipient'),
  /** The SMTP server's message id of a sent email. */
  messageId: text('message_id'),
  /** Why it was skipped, failed or released. */
  reason: text('reason'),
  claimedAt: timestamp('claimed_at', { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
}, (t) => [index('notification_sends_tenant_idx').on(t.tenantId, t.claimedAt)]);
