import type { Producer } from 'kafkajs';
import type { Logger } from '../../config/logger.js';
import type { Db } from '../../db/client.js';
import { randomUUID } from 'node:crypto';
import {
  inflightBatches, markBillingEventsPublished, pendingBillingEvents, recordInflightBatch, settleInflightBatch, tryOutboxLock, type InflightBatch, type Tx,
} from '../../db/queries/billing-events.js';
import type { BillingEvent } from '../../domain/events.js';
import type { KafkaTail } from './kafka-tail.js';

// The outbox relay: publishes the billing_events rows the lifecycles recorded to Kafka, in insertion
// order, then marks them published. One relay at a time holds the batch (a transaction-scoped
// advisory lock), so per-tenant order holds with several workers. While Kafka is down it backs off
// and retries; nothing waits on it but the events themselves. With a `tail` (the worker always
// passes one) each event reaches Kafka exactly once: a batch is recorded as in flight, with the
// partitions' end offsets, before it is sent; after a crash or a failed send the next relay reads
// Kafka from those offsets and marks what arrived, so it sends only what did not. Without a tail,
// delivery is at least once.

export interface OutboxRelayDeps {
  db: Db;
  producer: Pick<Producer, 'send'>;
  /**
   * Connects the producer; called before the first batch and again after a failed one, so the
   * worker starts while Kafka is down and the relay connects once it answers. Omit it for a producer
   * that is connected already.
   */
  connect?: () => Promise<void>;
  /** Kafka's view of the topic, for exactly-once delivery across crashes (see above). */
  tail?: KafkaTail;
  billingTopic: string;
  log: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** Counts published events by type (the worker's billing_lifecycle_transitions_total). */
  transitions?: { inc(labels: { type: string }): void };
  /** Idle poll interval (default 200 ms) and the longest backoff after a failure (default 30 s). */
  pollMs?: number;
  maxBackoffMs?: number;
  batchSize?: number;
  /** Told, after commit, of each published batch (the worker wakes the webhook endpoints' workflows). */
  onPublished?: (events: BillingEvent[]) => void;
}

const toMessage = (e: BillingEvent) => ({ key: e.tenantId, value: JSON.stringify(e), headers: { 'event-id': e.id, 'event-type': e.type } });

/** Builds the relay; start() runs it until stop(); relayOnce() publishes one batch (for tests and tools). */
export function createOutboxRelay(deps: OutboxRelayDeps) {
  const pollMs = deps.pollMs ?? 200;
  const maxBackoffMs = deps.maxBackoffMs ?? 30_000;
  const batchSize = deps.batchSize ?? 500;
  let stopped = true;
  let loop: Promise<void> | null = null;
  let wake: (() => void) | null = null;
  let connected = deps.connect === undefined;

  /** Publishes the oldest pending batch; 0 when there is none (or another relay holds it). */
  async function relayOnce(): Promise<number> {
    const published = await publishBatch();
    if (published.length > 0) deps.onPublished?.(published);
    return published.length;
  }

  async function publishBatch(): Promise<BillingEvent[]> {
    return deps.db.transaction(async (tx) => {
      if (!(await tryOutboxLock(tx))) return [];
      // Under the lock, first settle what a crashed relay (or a failed send) left in flight.
      if (deps.tail) await settleInflight(tx, deps.tail);
      const events = await pendingBillingEvents(tx, batchSize);
      if (events.length === 0) return [];
      if (!connected) { await deps.connect!(); connected = true; }
      const batchId = deps.tail ? await recordInflight(deps.tail, events) : null;
      await deps.producer.send({ topic: deps.billingTopic, messages: events.map(toMessage) });
      await markBillingEventsPublished(tx, events.map((e) => e.id));
      if (batchId !== null) await settleInflightBatch(tx, batchId);
      for (const e of events) deps.transitions?.inc({ type: e.type });
      return events;
    });
  }

  async function recordInflight(tail: KafkaTail, events: BillingEvent[]): Promise<string> {
    const batch: InflightBatch = { id: randomUUID(), eventIds: events.map((e) => e.id), watermarks: await tail.watermarks() };
    await recordInflightBatch(deps.db, batch);
    return batch.id;
  }

  /** Marks the events of batches left in flight that Kafka has, and forgets those batches. */
  async function settleInflight(tx: Tx, tail: KafkaTail): Promise<void> {
    for (const batch of await inflightBatches(tx)) {
      const arrived = await tail.eventIdsBetween(batch.watermarks, await tail.watermarks());
      const published = batch.eventIds.filter((id) => arrived.has(id));
      await markBillingEventsPublished(tx, published);
      await settleInflightBatch(tx, batch.id);
      deps.log.warn({ batch: batch.id, events: batch.eventIds.length, alreadyInKafka: published.length }, 'outbox relay: settled a batch left in flight');
    }
  }

  const pause = (ms: number) => new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    wake = () => { clearTimeout(timer); resolve(); };
  });

  async function run(): Promise<void> {
    let failures = 0;
    while (!stopped) {
      try {
        const sent = await relayOnce();
        if (failures > 0) deps.log.info({ afterFailures: failures }, 'outbox relay: publishing again');
        failures = 0;
        if (sent < batchSize) await pause(pollMs);
      } catch (err) {
        failures += 1;
        if (deps.connect !== undefined) connected = false;
        const backoff = Math.min(maxBackoffMs, pollMs * 2 ** Math.min(failures, 16));
        deps.log.warn({ err, failures, retryInMs: backoff }, 'outbox relay: publishing failed; the events stay in the outbox');
        await pause(backoff);
      }
    }
  }

  return {
    relayOnce,
    start(): void {
      if (!stopped) return;
      stopped = false;
      loop = run();
    },
    async stop(): Promise<void> {
      stopped = true;
      wake?.();
      await loop;
      loop = null;
    },
  };
}

export type OutboxRelay = ReturnType<typeof createOutboxRelay>;
