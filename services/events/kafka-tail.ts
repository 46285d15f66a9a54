import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';

// What the outbox relay needs to know of Kafka to send every event exactly once across crashes:
// where each partition of the topic ends, and which event ids arrived in a range of offsets.

export interface KafkaTail {
  /** Each partition's end offset (the offset its next message gets), by partition number. */
  watermarks(): Promise<Record<string, string>>;
  /** The `event-id` headers of the messages from `from` up to (not including) `to`, per partition. */
  eventIdsBetween(from: Record<string, string>, to: Record<string, string>): Promise<Set<string>>;
  close(): Promise<void>;
}

const READ_TIMEOUT_MS = 60_000;

/** A KafkaTail of one topic; its admin client connects on first use, and again after a failure. */
export function createKafkaTail(kafka: Kafka, topic: string): KafkaTail {
  const admin = kafka.admin();
  let connecting: Promise<void> | null = null;
  const connect = () => (connecting ??= admin.connect().catch((err: unknown) => { connecting = null; throw err; }));
  return {
    async watermarks() {
      await connect();
      const offsets = await admin.fetchTopicOffsets(topic);
      return Object.fromEntries(offsets.map((o) => [String(o.partition), o.high]));
    },
    eventIdsBetween: (from, to) => readEventIds(kafka, topic, from, to),
    close: () => admin.disconnect(),
  };
}

interface Range { partition: number; start: bigint; end: bigint }

// Reads the ranges with a throwaway consumer group (kafkajs has no group-less fetch), seeking each
// partition to its start and stopping once every range is read. Only the relay's recovery uses it.
async function readEventIds(kafka: Kafka, topic: string, from: Record<string, string>, to: Record<string, string>): Promise<Set<string>> {
  const ranges: Range[] = Object.entries(to)
    .map(([p, end]) => ({ partition: Number(p), start: BigInt(from[p] ?? '0'), end: BigInt(end) }))
    .filter((r) => r.end > r.start);
  const ids = new Set<string>();
  if (ranges.length === 0) return ids;
  const left = new Map(ranges.map((r) => [r.partition, r]));
  const consumer = kafka.consumer({ groupId: `tenure-outbox-check-${randomUUID()}`, allowAutoTopicCreation: false });
  let finish!: () => void;
  const done = new Promise<void>((resolve) => { finish = resolve; });
  try {
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: false });
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        const range = left.get(partition);
        const offset = BigInt(message.offset);
        if (!range || offset < range.start) return;
        const id = message.headers?.['event-id'];
        if (offset < range.end && id !== undefined) ids.add(String(id));
        if (offset >= range.end - 1n) { left.delete(partition); if (left.size === 0) finish(); }
      },
    });
    for (const r of ranges) consumer.seek({ topic, partition: r.partition, offset: String(r.start) });
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`reading ${topic} back timed out after ${READ_TIMEOUT_MS} ms`)), READ_TIMEOUT_MS); });
    await Promise.race([done, timedOut]).finally(() => clearTimeout(timer));
  } finally {
    await consumer.disconnect();
  }
  return ids;
}
