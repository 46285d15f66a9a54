import type { Consumer, Kafka, KafkaMessage } from 'kafkajs';
import type { Logger } from '../config/logger.js';
import type { NotifierMetrics } from '../config/metrics.js';
import { parseNotifiedEvent } from '../domain/notifications/notified-events.js';
import { notifyEvent, type NotifyDeps, type NotifyOutcome } from '../services/notifications/notify-event.js';

// The notifier's Kafka side: a consumer group on `billing.events` that hands each notified event to
// the notify use case, one message at a time, in order per partition (so per tenant). Offsets are
// committed by kafkajs as messages complete; a message seen again after a crash or a rebalance is
// harmless, since notification_sends remembers every event id. An attempt that sent nothing (SMTP
// unreachable) throws, so kafkajs retries the message with backoff and, past its retries, restarts
// the consumer, which reads it again: the emails wait for the SMTP server rather than being dropped.

export interface NotifierDeps {
  kafka: Kafka;
  topic: string;
  groupId: string;
  notify: NotifyDeps;
  log: Logger;
  metrics?: NotifierMetrics;
  /** A new group starts at the topic's end by default: a first deployment does not mail the past. */
  fromBeginning?: boolean;
}

export interface NotifierStats { sent: number; skipped: number; failed: number; retried: number; ignored: number }

export class NotificationRetry extends Error {
  override readonly name = 'NotificationRetry';
}

/** Creates the notifier (not yet connected); start() joins the group, stop() leaves it. */
export function createNotifier(deps: NotifierDeps) {
  const stats: NotifierStats = { sent: 0, skipped: 0, failed: 0, retried: 0, ignored: 0 };
  const consumer: Consumer = deps.kafka.consumer({
    // One message may take a whole SMTP attempt (connect, greeting, send: up to 50 s), with no heartbeat meanwhile.
    groupId: deps.groupId, sessionTimeout: 60_000, heartbeatInterval: 3_000, allowAutoTopicCreation: false,
    retry: { retries: 8, initialRetryTime: 1_000, maxRetryTime: 30_000 },
  });
  const hasJoined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));

  function count(type: string, o: NotifyOutcome): void {
    if (o.outcome === 'sent') { stats.sent++; deps.metrics?.sent.inc({ type }); }
    else if (o.outcome === 'skipped') { stats.skipped++; deps.metrics?.skipped.inc({ type, reason: o.reason }); }
    else if (o.outcome === 'failed') { stats.failed++; deps.metrics?.failed.inc({ type, reason: o.reason }); }
    else { stats.retried++; deps.metrics?.failed.inc({ type, reason: 'retrying' }); }
  }

  async function handle(message: KafkaMessage): Promise<void> {
    const parsed = parseNotifiedEvent(message.value === null ? null : message.value.toString());
    if (parsed.kind === 'ignore') { stats.ignored++; return; }
    if (parsed.kind === 'invalid') {
      stats.skipped++;
      deps.metrics?.skipped.inc({ type: 'unknown', reason: 'invalid_event' });
      deps.log.warn({ offset: message.offset, reason: parsed.reason }, 'billing event unusable; no notification');
      return;
    }
    const outcome = await notifyEvent(deps.notify, parsed.event);
    count(parsed.event.type, outcome);
    if (outcome.outcome === 'retry') throw new NotificationRetry(`notification of ${parsed.event.id} not sent, retrying: ${outcome.error.message}`);
  }

  return {
    stats,
    async start(): Promise<void> {
      await consumer.connect();
      await consumer.subscribe({ topic: deps.topic, fromBeginning: deps.fromBeginning ?? false });
      await consumer.run({ eachMessage: ({ message }) => handle(message) });
      deps.log.info({ topic: deps.topic, groupId: deps.groupId }, 'notifier started');
      void hasJoined.then(() => deps.log.info({ groupId: deps.groupId }, 'notifier joined its group'));
    },
    async stop(): Promise<void> {
      await consumer.disconnect();
    },
    /** Resolves once the consumer has joined its group (for tests). */
    joined: () => hasJoined,
  };
}

export type Notifier = ReturnType<typeof createNotifier>;
