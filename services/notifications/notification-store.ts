import type { Db } from '../../db/client.js';
import { findBillingContact, type BillingContact } from '../../db/queries/billing-contacts.js';
import { claimNotificationSend, finishNotificationSend } from '../../db/queries/notification-sends.js';
import type { NotificationSendStatus } from '../../db/schema/index.js';

// What the notify use case reads and writes, over the `notification_sends` ledger and the tenants
// projection. An interface, so the dedupe decisions can be unit-tested without Postgres.

export interface NotificationStore {
  /** Claims the event id for one attempt: its number, or null when the id is taken (a duplicate). */
  claim(row: { eventId: string; tenantId: string; eventType: string }): Promise<number | null>;
  /** Records how the claimed attempt ended; `released` frees the id for a later attempt. */
  finish(eventId: string, status: Exclude<NotificationSendStatus, 'claimed'>, fields?: { template?: string; recipient?: string; messageId?: string; reason?: string }): Promise<void>;
  billingContact(tenantId: string): Promise<BillingContact | null>;
}

export function createNotificationStore(db: Db): NotificationStore {
  return {
    claim: (row) => claimNotificationSend(db, row),
    finish: (eventId, status, fields) => finishNotificationSend(db, eventId, status, fields),
    billingContact: (tenantId) => findBillingContact(db, tenantId),
  };
}
