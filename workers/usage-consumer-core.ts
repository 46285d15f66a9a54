import type { Consumer, Kafka, KafkaMessage, Message, Offsets, Producer } from 'kafkajs';
import type { ConsumeOutcome, UsageService } from '../services/usage/usage-service.js';
import type { Logger } from '../config/logger.js';
import type { UsageConsumerMetrics } from '../config/metrics.js';
import { parseUsageEvent, type UsageEvent } from '../domain/usage/usage-event.js';

// The usage consumer: applies `usage.events` to the Redis counters through the same consume script
// as the API, idempotently by event id, each to the period its occurredAt falls in: the tenant's
// current period, or none (an event dated before it is refused as `period_closed`). Invalid and
// refused-as-closed events go to the dead-letter topic with their reason; offsets are committed only
// after a whole batch is applied (and its dead letters are sent), also for the batch in hand at stop().
//
// Why replays never double-count: an applied event's id is kept until the end of the period it was
// counted in plus USAGE_EVENT_DEDUPE_MARGIN. A replay before then is a duplicate. A replay after
// then finds the period closed (the lifecycle switched periods at its end; the margin covers a late
// rollover) and is refused, since it is dated before the current period. So an id need not be kept
// for the whole topic retention, however long that is.

export interface UsageConsumerDeps {
  kafka: Kafka;
  producer: Producer;
  usage: Pick<UsageService, 'consumeMany'>;
  topic: string;
  dlqTopic: string;
  groupId: string;
  log: Logger;
  fromBeginning?: boolean;
  metrics?: UsageConsumerMetrics;
  /** The group's session timeout (default 30 s): how soon a crashed consumer's partitions move on. */
  sessionTimeoutMs?: number;
}

export interface UsageConsumerStats { applied: number; duplicates: number; refused: number; deadLettered: number; batches: number }

/** The dead-letter reason (and metric label) of an event dated before the tenant's current usage period. */
export const PERIOD_CLOSED = 'period_closed';

type Applied = { outcome: 'applied' | 'duplicate' | 'refused' } | { outcome: 'dead'; reason: string };

/** Creates the consumer (not yet connected); start() joins the group, stop() leaves it. */
export function createUsageConsumer(deps: UsageConsumerDeps) {
  const stats: UsageConsumerStats = { applied: 0, duplicates: 0, refused: 0, deadLettered: 0, batches: 0 };
  const consumer: Consumer = deps.kafka.consumer({
    groupId: deps.groupId, sessionTimeout: deps.sessionTimeoutMs ?? 30_000, heartbeatInterval: Math.min(3_000, Math.floor((deps.sessionTimeoutMs ?? 30_000) / 3)), maxBytesPerPartition: 4_194_304, maxBytes: 33_554_432, allowAutoTopicCreation: false,
  });
  const hasJoined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));

  function outcomeOf(event: UsageEvent, o: ConsumeOutcome): Applied {
    if (o.kind === 'tenant_not_found') return { outcome: 'dead', reason: `unknown tenant ${event.tenantId}` };
    if (o.kind === 'idempotency_key_reused') return { outcome: 'dead', reason: `event id ${event.id} was used before with other content` };
    if (o.kind === 'allowed') return { outcome: o.duplicate ? 'duplicate' : 'applied' };
    if (o.kind === 'period_closed') {
      deps.metrics?.usageEventsRefused.inc({ reason: PERIOD_CLOSED });
      return { outcome: 'dead', reason: PERIOD_CLOSED };
    }
    // Not a counted feature of the catalog (unknown, boolean or read): nothing to count, kept for inspection.
    if (o.kind === 'unknown_feature') {
      deps.metrics?.usageEventsRefused.inc({ reason: 'unknown_feature' });
      return { outcome: 'dead', reason: o.problem === 'unknown_feature' ? `unknown feature ${event.metric}` : `${event.metric} is not consumed (a boolean or read feature)` };
    }
    deps.metrics?.usageEventsRefused.inc({ reason: o.kind === 'blocked' ? 'blocked' : 'limit_exceeded' });
    deps.log.warn({ eventId: event.id, tenantId: event.tenantId, metric: event.metric, refusal: o.kind === 'blocked' ? o.reason : 'limit_exceeded' }, 'usage event refused');
    return { outcome: 'refused' };
  }

  // Valid events go to Redis in order, in batched script calls; invalid ones are dead letters.
  async function applyMessages(messages: KafkaMessage[]): Promise<Applied[]> {
    const results: Applied[] = new Array(messages.length);
    const valid: { index: number; event: UsageEvent }[] = [];
    messages.forEach((m, index) => {
      const parsed = parseUsageEvent(m.value === null ? null : m.value.toString());
      if (parsed.ok) valid.push({ index, event: parsed.event });
      else results[index] = { outcome: 'dead', reason: parsed.reason };
    });
    const outcomes = await deps.usage.consumeMany(valid.map(({ event: e }) => ({ tenantId: e.tenantId, metric: e.metric, amount: e.amount, idempotencyKey: e.id, occurredAt: Date.parse(e.occurredAt) })));
    valid.forEach(({ index, event }, n) => { results[index] = outcomeOf(event, outcomes[n]!); });
    return results;
  }

  function deadLetter(message: KafkaMessage, reason: string, partition: number): Message {
    return {
      key: message.key, value: message.value,
      headers: { 'dlq-reason': reason, 'dlq-source-topic': deps.topic, 'dlq-source-partition': String(partition), 'dlq-source-offset': message.offset },
    };
  }

  async function handleBatch(topic: string, partition: number, messages: KafkaMessage[], lastOffset: string, commit: (offsets: Offsets) => Promise<void>): Promise<void> {
    const results = await applyMessages(messages);
    const dead = results.flatMap((r, i) => (r.outcome === 'dead' ? [deadLetter(messages[i]!, r.reason, partition)] : []));
    if (dead.length > 0) {
      await deps.producer.send({ topic: deps.dlqTopic, messages: dead });
      deps.log.warn({ count: dead.length, reasons: [...new Set(dead.map((d) => String(d.headers!['dlq-reason'])))].slice(0, 5) }, 'usage events dead-lettered');
    }
    await commit({ topics: [{ topic, partitions: [{ partition, offset: (BigInt(lastOffset) + 1n).toString() }] }] });
    for (const r of results) {
      if (r.outcome === 'applied') stats.applied++;
      else if (r.outcome === 'duplicate') stats.duplicates++;
      else if (r.outcome === 'refused') stats.refused++;
      else stats.deadLettered++;
    }
    stats.batches++;
  }

  return {
    stats,
    async start(): Promise<void> {
      await consumer.connect();
      await consumer.subscribe({ topic: deps.topic, fromBeginning: deps.fromBeginning ?? true });
      await consumer.run({
        autoCommit: false,
        partitionsConsumedConcurrently: 4,
        // Committed through the batch's own commitOffsetsIfNecessary: consumer.commitOffsets is silently
        // dropped once stop() has begun, and stop() waits for this batch, so its offsets must still land.
        eachBatch: async ({ batch, commitOffsetsIfNecessary }) => {
          if (batch.isEmpty()) return;
          await handleBatch(batch.topic, batch.partition, batch.messages, batch.lastOffset(), commitOffsetsIfNecessary);
        },
      });
      deps.log.info({ topic: deps.topic, groupId: deps.groupId }, 'usage consumer started');
    },
    async stop(): Promise<void> {
      await consumer.disconnect();
    },
    /** Resolves once the consumer has joined its group (for tests and benchmarks). */
    async joined(timeoutMs = 30_000): Promise<void> {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error('usage consumer did not join its group in time')), timeoutMs); });
      try {
        await Promise.race([hasJoined, timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

export type UsageConsumer = ReturnType<typeof createUsageConsumer>;
