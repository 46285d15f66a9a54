import { Kafka, logLevel, type Consumer } from 'kafkajs';
import type { BillingEvent } from '../../domain/events.js';
import { uid } from './ids.js';

export interface EventCollector {
  events: BillingEvent[];
  /** A type-guard predicate, such as `(e) => e.type === 'tenant.locked'`, narrows the event (and so its `data`). */
  waitFor<E extends BillingEvent>(pred: (e: BillingEvent) => e is E, timeoutMs?: number): Promise<E>;
  waitFor(pred: (e: BillingEvent) => boolean, timeoutMs?: number): Promise<BillingEvent>;
  close(): Promise<void>;
}

/** Consumes billing events for the given tenants from a fresh consumer group, reading the topic from the start and keeping only those tenants. */
export async function collectBillingEvents(brokers: string[], topic: string, tenantIds: () => string[]): Promise<EventCollector> {
  const kafka = new Kafka({ clientId: uid('test-'), brokers, logLevel: logLevel.NOTHING });
  const consumer: Consumer = kafka.consumer({ groupId: uid('test-group-'), sessionTimeout: 10_000, heartbeatInterval: 1_000 });
  const events: BillingEvent[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let joined = false;
  consumer.on(consumer.events.GROUP_JOIN, () => { joined = true; });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const event = JSON.parse(message.value!.toString()) as BillingEvent;
      if (tenantIds().includes(event.tenantId)) events.push(event);
    },
  });
  const started = Date.now();
  while (!joined && Date.now() - started < 30_000) await new Promise((r) => setTimeout(r, 100));
  return {
    events,
    async waitFor<E extends BillingEvent>(pred: (e: BillingEvent) => e is E, timeoutMs = 30_000): Promise<E> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const hit = events.find(pred);
        if (hit) return hit;
        if (Date.now() > deadline) throw new Error(`no matching billing event within ${timeoutMs}ms; saw: ${events.map((e) => e.type).join(', ') || 'none'}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    close: () => consumer.disconnect(),
  };
}
