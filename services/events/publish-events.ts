import type { Logger } from '../../config/logger.js';
import type { Db } from '../../db/client.js';
import { recordBillingEvents } from '../../db/queries/billing-events.js';
import type { BillingEvent } from '../../domain/events.js';

export interface PublishEventsDeps { db: Db; log: Pick<Logger, 'info'> }

/**
 * The publish step of a lifecycle: records the events in billing_events (the audit log and the
 * outbox) and returns. It never waits on Kafka: the outbox relay publishes the stored rows. A retry
 * is harmless: ids are deterministic, and a row already stored keeps its first version.
 */
export function publishEvents(deps: PublishEventsDeps) {
  return async (events: BillingEvent[]): Promise<{ published: number }> => {
    if (events.length === 0) return { published: 0 };
    const recorded = await recordBillingEvents(deps.db, events);
    deps.log.info({ tenantId: events[0]!.tenantId, types: events.map((e) => e.type), recorded }, 'billing events recorded in the outbox');
    return { published: events.length };
  };
}
