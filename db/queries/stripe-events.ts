import { eq } from 'drizzle-orm';
import type { Db } from '../client.js';
import { stripeEvents, type StripeEventStatus } from '../schema/index.js';

export type StripeEventRow = typeof stripeEvents.$inferSelect;

/** Records a verified event once; returns null when it was new, or the row already stored under its id. */
export async function recordStripeEvent(db: Db, row: { id: string; type: string; stripeCreatedAt: Date; payload: Record<string, unknown> }): Promise<StripeEventRow | null> {
  const inserted = await db.insert(stripeEvents).values({ ...row, status: 'received' }).onConflictDoNothing().returning({ id: stripeEvents.id });
  if (inserted.length > 0) return null;
  const existing = await db.select().from(stripeEvents).where(eq(stripeEvents.id, row.id)).limit(1);
  return existing[0] ?? null;
}

/** Moves an inbox row to its outcome. */
export async function markStripeEvent(db: Db, id: string, status: StripeEventStatus, fields: { tenantId?: string | null; error?: string | null; reason?: string | null } = {}): Promise<void> {
  await db.update(stripeEvents).set({ status, ...fields, ...(status === 'forwarded' ? { forwardedAt: new Date() } : {}) }).where(eq(stripeEvents.id, id));
}

/** One stored event, or null. */
export async function findStripeEvent(db: Db, id: string): Promise<StripeEventRow | null> {
  const rows = await db.select().from(stripeEvents).where(eq(stripeEvents.id, id)).limit(1);
  return rows[0] ?? null;
}
