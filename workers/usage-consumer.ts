// Entry point of the Kafka usage consumer (`npm run usage-consumer`): applies `usage.events` to the
// Redis counters and publishes the threshold crossings it causes. On SIGTERM it stops fetching, lets
// the batches in hand finish and commit, leaves the group, closes its clients and exits 0.
import { createThresholdPublisher } from '../services/usage/threshold-publisher.js';
import { createFeatureCatalog } from '../services/features/feature-catalog.js';
import { createUsageService } from '../services/usage/usage-service.js';
import { connectProducer, createKafka, createRedis } from '../config/clients.js';
import { ConfigError, loadConfig } from '../config/config.js';
import { createLogger } from '../config/logger.js';
import { exitStopped, shutdownSignal } from '../config/shutdown.js';
import { createUsageConsumerMetrics } from '../config/metrics.js';
import { createDb } from '../db/client.js';
import { createUsageConsumer } from './usage-consumer-core.js';
import { serveRegistry } from './worker-metrics.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger({ level: config.logLevel, name: 'tenure-usage-consumer' });
  const signalled = shutdownSignal({ log, graceMs: config.shutdown.graceMs });
  const { db, close: closeDb } = createDb(config.db);
  const redis = createRedis(config);
  const kafka = createKafka(config, log);
  const producer = await connectProducer(kafka);
  const publisher = createThresholdPublisher({ redis, db, log });
  const usage = createUsageService({
    redis, db, log, features: createFeatureCatalog({ db, ttlMs: config.features.catalogTtlMs }), gracePercent: config.usage.gracePercent, idempotencyTtlMs: config.usage.idempotencyTtlMs, eventDedupeMarginMs: config.usage.eventDedupeMarginMs,
    onThresholdCrossed: () => publisher.kick(),
  });
  const metrics = createUsageConsumerMetrics();
  const endpoint = await serveRegistry(metrics.registry, { host: config.workerMetrics.host, port: config.workerMetrics.usageConsumerPort, log, name: 'usage consumer' });
  const consumer = createUsageConsumer({
    kafka, producer, usage, topic: config.kafka.usageTopic, dlqTopic: config.kafka.usageDlqTopic, groupId: config.kafka.usageGroup, sessionTimeoutMs: config.kafka.usageSessionTimeoutMs, log, metrics,
  });
  publisher.start();
  await consumer.start();
  const signal = await signalled;
  log.info({ signal, ...consumer.stats }, 'usage consumer stopping');
  // kafkajs waits for the batches being applied (each commits its offsets), then leaves the group.
  await consumer.stop();
  await publisher.stop();
  await Promise.allSettled([producer.disconnect(), redis.quit(), closeDb(), endpoint.close()]);
  exitStopped(log, 'usage consumer stopped', { ...consumer.stats });
}

main().catch((err: unknown) => {
  process.stderr.write(err instanceof ConfigError ? `${err.message}\n` : `tenure-usage-consumer failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
