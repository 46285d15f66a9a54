import { and, asc, count, eq, inArray, isNull, min, sql } from 'drizzle-orm';
import type { BillingEvent } from '../../domain/events.js';
import type { Db } from '../client.js';
import { billingEvents, billingOutboxInflight } from '../schema/index.js';

export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** Appends events to the audit log and outbox; an id already recorded is left as it is (the first version stays). */
export async function recordBillingEvents(db: Db, events: BillingEvent[]): Promise<number> {
  if (events.length === 0) return 0;
  const rows = events.map((e) => ({ id: e.id, tenantId: e.tenantId, type: e.type, version: e.version, occurredAt: new Date(e.occurredAt), data: e.data }));
  const inserted = await db.insert(billingEvents).values(rows).onConflictDoNothing().returning({ id: billingEvents.id });
  return inserted.length;
}

/** Takes the relay's lock for this transaction; false when another relay holds it. */
export async function tryOutboxLock(tx: Tx): Promise<boolean> {
  const rows = await tx.execute<{ locked: boolean }>(sql`select pg_try_advisory_xact_lock(hashtext('tenure:billing-events-outbox')) as locked`);
  return rows[0]?.locked === true;
}

/** The oldest unpublished events, in insertion order, as the envelopes they were recorded as. */
export async function pendingBillingEvents(tx: Tx, limit: number): Promise<BillingEvent[]> {
  const rows = await tx.select().from(billingEvents).where(isNull(billingEvents.publishedAt)).orderBy(asc(billingEvents.seq)).limit(limit);
  return rows.map((r) => ({ id: r.id, type: r.type as BillingEvent['type'], version: r.version, tenantId: r.tenantId, occurredAt: r.occurredAt.toISOString(), data: r.data }) as BillingEvent);
}

/** Marks events as handed to Kafka. */
export async function markBillingEventsPublished(tx: Tx, ids: string[]): Promise<void> {
  if (ids.length > 0) await tx.update(billingEvents).set({ publishedAt: new Date() }).where(and(inArray(billingEvents.id, ids), isNull(billingEvents.publishedAt)));
}

/** How many events wait in the outbox, and since when the oldest has waited. */
export async function outboxBacklog(db: Db): Promise<{ pending: number; oldestRecordedAt: Date | null }> {
  const [row] = await db.select({ pending: count(), oldest: min(billingEvents.recordedAt) }).from(billingEvents).where(isNull(billingEvents.publishedAt));
  return { pending: Number(row?.pending ?? 0), oldestRecordedAt: row?.oldest ?? null };
}

export interface InflightBatch { id: string; eventIds: string[]; watermarks: Record<string, string> }

/** Records a batch before it is sent (autocommit: it must survive the relay's crash). */
export async function recordInflightBatch(db: Db, batch: InflightBatch): Promise<void> {
  await db.insert(billingOutboxInflight).values(batch);
}

/** Batches whose send's outcome is unknown, oldest first. */
export async function inflightBatches(tx: Tx): Promise<InflightBatch[]> {
  return tx.select({ id: billingOutboxInflight.id, eventIds: billingOutboxInflight.eventIds, watermarks: billingOutboxInflight.watermarks })
    .from(billingOutboxInflight).orderBy(asc(billingOutboxInflight.createdAt));
}

/** Forgets a batch whose outcome is settled (in the transaction that marks its rows). */
export async function settleInflightBatch(tx: Tx, id: string): Promise<void> {
  await tx.delete(billingOutboxInflight).where(eq(billingOutboxInflight.id, id));
}
