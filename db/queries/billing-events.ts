import type { BillingEvent } from '../../domain/events.js';
import type { Db } from '../client.js';
import { billingEvents } from '../schema/index.js';

/** Appends events to the audit log; an id already recorded is left as it is. */
export async function recordBillingEvents(db: Db, events: BillingEvent[]): Promise<number> {
  if (events.length === 0) return 0;
  const rows = events.map((e) => ({ id: e.id, tenantId: e.tenantId, type: e.type, version: e.version, occurredAt: new Date(e.occurredAt), data: e.data }));
  const inserted = await db.insert(billingEvents).values(rows).onConflictDoNothing().returning({ id: billingEvents.id });
  return inserted.length;
}
