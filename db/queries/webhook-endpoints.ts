import { and, asc, eq, gt, gte, lt, lte, max, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { billingEvents, webhookEndpoints } from '../schema/index.js';

export type WebhookEndpointRow = typeof webhookEndpoints.$inferSelect;
export type NewWebhookEndpointRow = Omit<typeof webhookEndpoints.$inferInsert, 'cursorSeq'>;
export type WebhookEndpointPatch = Partial<Pick<WebhookEndpointRow, 'url' | 'events' | 'description' | 'enabled' | 'secret' | 'previousSecret' | 'previousSecretUntil' | 'disabledReason' | 'disabledAt'>>;

/** Inserts an endpoint whose cursor is the newest billing event: it gets what is recorded from now on. */
export async function insertWebhookEndpoint(db: Db, row: NewWebhookEndpointRow): Promise<WebhookEndpointRow> {
  const [head] = await db.select({ seq: max(billingEvents.seq) }).from(billingEvents);
  const [inserted] = await db.insert(webhookEndpoints).values({ ...row, cursorSeq: Number(head?.seq ?? 0) }).returning();
  return inserted!;
}

export async function findWebhookEndpoint(db: Db, id: string): Promise<WebhookEndpointRow | null> {
  const [row] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id));
  return row ?? null;
}

/** Every endpoint, oldest first (an operator's list; there are few). */
export async function listWebhookEndpoints(db: Db, opts: { enabledOnly?: boolean } = {}): Promise<WebhookEndpointRow[]> {
  const q = db.select().from(webhookEndpoints);
  return (opts.enabledOnly ? q.where(eq(webhookEndpoints.enabled, true)) : q).orderBy(asc(webhookEndpoints.createdAt), asc(webhookEndpoints.id));
}

export async function updateWebhookEndpoint(db: Db, id: string, patch: WebhookEndpointPatch): Promise<WebhookEndpointRow | null> {
  const [row] = await db.update(webhookEndpoints).set({ ...patch, updatedAt: new Date() }).where(eq(webhookEndpoints.id, id)).returning();
  return row ?? null;
}

export async function deleteWebhookEndpoint(db: Db, id: string): Promise<boolean> {
  const rows = await db.delete(webhookEndpoints).where(eq(webhookEndpoints.id, id)).returning({ id: webhookEndpoints.id });
  return rows.length > 0;
}

/** Moves the cursor forward to `seq` (never back). */
export async function advanceWebhookCursor(db: Db, id: string, seq: number): Promise<void> {
  await db.update(webhookEndpoints).set({ cursorSeq: sql`greatest(${webhookEndpoints.cursorSeq}, ${seq})` }).where(eq(webhookEndpoints.id, id));
}

/** Endpoints disabled because their retry window ran out (the worker's alert gauge). */
export async function countEndpointsDisabledByFailures(db: Db): Promise<number> {
  const rows = await db.select({ id: webhookEndpoints.id }).from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.enabled, false), eq(webhookEndpoints.disabledReason, 'retry_window_exhausted')));
  return rows.length;
}

export interface StoredEvent { seq: number; id: string; type: string; version: number; tenantId: string; occurredAt: Date; data: Record<string, unknown> }

/** Billing events after `afterSeq` (up to `untilSeq`; recorded before `settledBefore` if given), in seq order. */
export async function billingEventsAfter(db: Db, opts: { afterSeq: number; untilSeq?: number; settledBefore?: Date; limit: number }): Promise<StoredEvent[]> {
  const conditions = [gt(billingEvents.seq, opts.afterSeq)];
  if (opts.settledBefore !== undefined) conditions.push(lt(billingEvents.recordedAt, opts.settledBefore));
  if (opts.untilSeq !== undefined) conditions.push(lte(billingEvents.seq, opts.untilSeq));
  return db.select({ seq: billingEvents.seq, id: billingEvents.id, type: billingEvents.type, version: billingEvents.version, tenantId: billingEvents.tenantId, occurredAt: billingEvents.occurredAt, data: billingEvents.data })
    .from(billingEvents).where(and(...conditions)).orderBy(asc(billingEvents.seq)).limit(opts.limit);
}

/** The event of seq `seq`, or null. */
export async function billingEventBySeq(db: Db, seq: number): Promise<StoredEvent | null> {
  const [row] = await billingEventsAfter(db, { afterSeq: seq - 1, untilSeq: seq, limit: 1 });
  return row ?? null;
}

/** The seq range of events recorded since `since`, up to the newest: what a replay re-sends. */
export async function seqRangeSince(db: Db, since: Date): Promise<{ fromSeq: number; toSeq: number } | null> {
  const [row] = await db.select({ from: sql<string | null>`min(${billingEvents.seq})`, to: sql<string | null>`max(${billingEvents.seq})` })
    .from(billingEvents).where(gte(billingEvents.recordedAt, since));
  return row?.from == null || row.to == null ? null : { fromSeq: Number(row.from), toSeq: Number(row.to) };
}

