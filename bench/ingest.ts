// npm run bench:ingest [-- --events 200000 --tenants 100]
// Usage events per second from Kafka into the Redis counters through the usage consumer, versus a
// raw kafkajs consumer reading the same messages and doing nothing with them. Appends to BENCHMARKS.md.
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { Kafka, logLevel } from 'kafkajs';
import { createUsageService } from '../services/usage/usage-service.js';
import { loadConfig } from '../config/config.js';
import { createLogger } from '../config/logger.js';
import { createTestDatabase } from '../test/support/database.js';
import { createFeatureCatalog } from '../services/features/feature-catalog.js';
import { uid } from '../test/support/ids.js';
import { createUsageConsumer } from '../workers/usage-consumer-core.js';
import { appendResult, fmt, machine, redisCpu, stackPid, waitForQuiet, withCpuAccounting, deletePrefixedKeys, seedBenchTenants, BENCH_PERIOD_START, BENCH_METRIC } from './lib.js';

const { values: args } = parseArgs({ options: { events: { type: 'string', default: '200000' }, tenants: { type: 'string', default: '100' } } });
const EVENTS = Math.min(Number(args.events), 2_000_000);
const TENANTS = Math.min(Number(args.tenants), 10_000);
const PERIOD = BENCH_PERIOD_START;

const config = loadConfig();
const log = createLogger({ level: 'warn', name: 'bench-ingest' });
const prefix = `${uid('bench')}:`;
const topic = uid('bench.usage.');
const database = await createTestDatabase(config.db.url);
const features = createFeatureCatalog({ db: database.db, ttlMs: config.features.catalogTtlMs });
const redis = new Redis(config.redis.url, { keyPrefix: prefix, enableAutoPipelining: true });
const kafka = new Kafka({ clientId: 'tenure-bench', brokers: config.kafka.brokers, logLevel: logLevel.NOTHING });
const admin = kafka.admin();
const producer = kafka.producer();


async function produce(ids: string[]): Promise<void> {
  const at = new Date().toISOString();
  for (let i = 0; i < EVENTS; i += 10_000) {
    const messages = Array.from({ length: Math.min(10_000, EVENTS - i) }, (_, j) => {
      const tenantId = ids[(i + j) % ids.length]!;
      return { key: tenantId, value: JSON.stringify({ id: `ev-${i + j}`, tenantId, metric: BENCH_METRIC, amount: 1, occurredAt: at }) };
    });
    await producer.send({ topic, messages });
  }
}

/** Seconds from joining the group until `done()` holds. */
async function timeUntil(joined: Promise<void>, done: () => boolean): Promise<number> {
  await joined;
  const start = performance.now();
  while (!done()) await new Promise((r) => setTimeout(r, 5));
  return (performance.now() - start) / 1000;
}

async function rawConsume(): Promise<number> {
  let seen = 0;
  const consumer = kafka.consumer({ groupId: uid('bench-raw-'), maxBytesPerPartition: 4_194_304, maxBytes: 33_554_432 });
  const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({ partitionsConsumedConcurrently: 4, eachBatch: async ({ batch }) => { seen += batch.messages.length; } });
  const seconds = await timeUntil(joined, () => seen >= EVENTS);
  await consumer.disconnect();
  return seconds;
}

async function tenureConsume(): Promise<{ seconds: number; applied: number; batches: number }> {
  const usage = createUsageService({ redis, db: database.db, log, features, gracePercent: 0, idempotencyTtlMs: 3_600_000 });
  const consumer = createUsageConsumer({ kafka, producer, usage, topic, dlqTopic: `${topic}.dlq`, groupId: uid('bench-usage-'), log });
  await consumer.start();
  const seconds = await timeUntil(consumer.joined(60_000), () => consumer.stats.applied + consumer.stats.duplicates + consumer.stats.deadLettered >= EVENTS);
  await consumer.stop();
  return { seconds, applied: consumer.stats.applied, batches: consumer.stats.batches };
}

async function cleanup(): Promise<void> {
  await deletePrefixedKeys(redis, prefix);
  await admin.deleteTopics({ topics: [topic, `${topic}.dlq`] }).catch(() => undefined);
  await Promise.allSettled([producer.disconnect(), admin.disconnect()]);
  redis.disconnect();
  await database.drop();
}

try {
  await Promise.all([admin.connect(), producer.connect()]);
  await admin.createTopics({ topics: [{ topic, numPartitions: 2 }, { topic: `${topic}.dlq`, numPartitions: 1 }], waitForLeaders: true });
  const ids = await seedBenchTenants(database.db, redis, TENANTS, features);
  await produce(ids);
  const accounting = { pids: stackPid('kafka'), redisCpuSeconds: redisCpu(() => redis.info('cpu')) };
  await waitForQuiet();
  const rawRun = await withCpuAccounting(accounting, rawConsume);
  await waitForQuiet();
  const tenureRun = await withCpuAccounting(accounting, tenureConsume);
  const [raw, tenure] = [rawRun.result, tenureRun.result];
  const pct = (v: number | null) => (v === null ? '?' : `${fmt(v)}%`);
  const counted = (await redis.mget(...ids.map((t) => `usage:${t}:${BENCH_METRIC}:${PERIOD}`))).reduce((a, v) => a + Number(v ?? 0), 0);
  const rawRate = EVENTS / raw;
  const rate = EVENTS / tenure.seconds;
  const redisVersion = /redis_version:(\S+)/.exec(await redis.info('server'))?.[1] ?? '?';
  const lines = [
    `Machine: ${machine({ redis: redisVersion })}; Kafka broker on the same machine; node --max-semi-space-size=64 (as \`npm run usage-consumer\`).`,
    `Load: ${fmt(EVENTS)} usage events (${TENANTS} tenants, \`${BENCH_METRIC}\` +1 each) pre-produced to a 2-partition topic; each consumer reads them from the beginning in a fresh group, timed from joining the group to the last event.`,
    '',
    '| consumer | events/s | seconds | applied to Redis | machine CPU busy | of which other work |',
    '|---|---|---|---|---|---|',
    `| Tenure usage consumer (parse, validate, consume script with idempotency by event id, commit per batch; ${fmt(tenure.batches)} batches) | ${fmt(rate)} | ${fmt(tenure.seconds, 2)} | ${fmt(counted)} | ${pct(tenureRun.busy)} | ${pct(tenureRun.others)} |`,
    `| raw kafkajs consumer (eachBatch, count only) | ${fmt(rawRate)} | ${fmt(raw, 2)} | - | ${pct(rawRun.busy)} | ${pct(rawRun.others)} |`,
    '',
    `Ratio Tenure / raw: **${fmt(rate / rawRate, 2)}x**. Targets: >= 50,000 events/s (${rate >= 50_000 ? 'met' : 'not met'}), >= 0.5x raw (${rate / rawRate >= 0.5 ? 'met' : 'not met'}). Counters check: ${counted === EVENTS ? 'every event counted once' : `MISMATCH: ${counted} counted for ${EVENTS} events`}.`,
  ];
  appendResult('bench:ingest', lines);
  process.stdout.write(`${lines.join('\n')}\n`);
} finally {
  await cleanup();
}
