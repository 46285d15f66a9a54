import { and, count, desc, eq } from 'drizzle-orm';
import type { Db } from '../client.js';
import { webhookDeliveries } from '../schema/index.js';

export type WebhookDeliveryRow = typeof webhookDeliveries.$inferSelect;
export type NewWebhookDeliveryRow = typeof webhookDeliveries.$inferInsert;

export async function recordWebhookDelivery(db: Db, row: NewWebhookDeliveryRow): Promise<void> {
  await db.insert(webhookDeliveries).values(row);
}

/** An endpoint's attempts, newest first, paged. */
export async function listWebhookDeliveries(db: Db, endpointId: string, page: { limit: number; offset: number }): Promise<{ rows: WebhookDeliveryRow[]; total: number }> {
  const rows = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpointId))
    .orderBy(desc(webhookDeliveries.id)).limit(page.limit).offset(page.offset);
  const [total] = await db.select({ n: count() }).from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpointId));
  return { rows, total: Number(total?.n ?? 0) };
}

/** How many attempts an event has had at an endpoint, and when the first was made. */
export async function attemptsOf(db: Db, endpointId: string, eventId: string, replay: boolean): Promise<{ attempts: number; firstAt: Date | null; lastError: string | null }> {
  const rows = await db.select({ createdAt: webhookDeliveries.createdAt, error: webhookDeliveries.error, statusCode: webhookDeliveries.statusCode })
    .from(webhookDeliveries).where(and(eq(webhookDeliveries.endpointId, endpointId), eq(webhookDeliveries.eventId, eventId), eq(webhookDeliveries.replay, replay)))
    .orderBy(desc(webhookDeliveries.id));
  const last = rows[0];
  return { attempts: rows.length, firstAt: rows[rows.length - 1]?.createdAt ?? null, lastError: last ? (last.error ?? (last.statusCode === null ? null : `HTTP ${last.statusCode}`)) : null };
}
