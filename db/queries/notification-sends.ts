import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { notificationSends, type NotificationSendStatus } from '../schema/index.js';

export type NotificationSendRow = typeof notificationSends.$inferSelect;

/**
 * Claims an event id for one send attempt, atomically: a new id, or one whose last attempt was
 * released, is claimed (returns the attempt number); any other stored id returns null (a duplicate).
 */
export async function claimNotificationSend(db: Db, row: { eventId: string; tenantId: string; eventType: string }): Promise<number | null> {
  const claimed = await db.insert(notificationSends).values({ ...row, status: 'claimed' })
    .onConflictDoUpdate({
      target: notificationSends.eventId,
      set: { status: 'claimed', attempts: sql`${notificationSends.attempts} + 1`, claimedAt: sql`now()`, reason: null, finishedAt: null },
      setWhere: sql`${notificationSends.status} = 'released'`,
    })
    .returning({ attempts: notificationSends.attempts });
  return claimed[0]?.attempts ?? null;
}

type Outcome = Exclude<NotificationSendStatus, 'claimed'>;

/** Records the outcome of the claimed attempt (only a row still `claimed` changes). */
export async function finishNotificationSend(db: Db, eventId: string, status: Outcome, fields: { template?: string | null; recipient?: string | null; messageId?: string | null; reason?: string | null } = {}): Promise<void> {
  await db.update(notificationSends).set({ status, ...fields, finishedAt: sql`now()` })
    .where(and(eq(notificationSends.eventId, eventId), eq(notificationSends.status, 'claimed')));
}

/** One event's row, or null. */
export async function findNotificationSend(db: Db, eventId: string): Promise<NotificationSendRow | null> {
  const rows = await db.select().from(notificationSends).where(eq(notificationSends.eventId, eventId)).limit(1);
  return rows[0] ?? null;
}
