import type { BillingEvent } from '../../domain/events.js';
import { recordBillingEvents } from '../../db/queries/billing-events.js';
import type { Producer } from 'kafkajs';
import type { Logger } from '../../config/logger.js';
import type { Db } from '../../db/client.js';

export interface PublishEventsDeps {
  db: Db;
  producer: Producer;
  billingTopic: string;
  log: Pick<Logger, 'info'>;
  /** Counts published billing events by type (the worker's billing_lifecycle_transitions_total); optional in tests. */
  transitions?: { inc(labels: { type: string }): void };
}

/** Records events in billing_events, then publishes them to Kafka keyed by tenant. Retries are safe: ids are deterministic. */
export function publishEvents(deps: PublishEventsDeps) {
  return async (events: BillingEvent[]): Promise<{ published: number }> => {
    if (events.length === 0) return { published: 0 };
    await recordBillingEvents(deps.db, events);
    await deps.producer.send({
      topic: deps.billingTopic,
      messages: events.map((e) => ({ key: e.tenantId, value: JSON.stringify(e), headers: { 'event-id': e.id, 'event-type': e.type } })),
    });
    // Counted after the send, so a retried activity counts at most the attempt that succeeded.
    for (const e of events) deps.transitions?.inc({ type: e.type });
    deps.log.info({ tenantId: events[0]!.tenantId, types: events.map((e) => e.type) }, 'billing events published');
    return { published: events.length };
  };
}
