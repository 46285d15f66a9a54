import { NativeConnection, type Worker } from '@temporalio/worker';
import type { Producer } from 'kafkajs';
import { connectProducer, createKafka } from '../../config/clients.js';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../api/app.js';
import { connectAppDeps } from '../../api/connect-deps.js';
import type { AppDeps } from '../../api/deps.js';
import type { Config } from '../../config/config.js';
import { createLogger, type Logger } from '../../config/logger.js';
import { createKafkaTail } from '../../services/events/kafka-tail.js';
import { createOutboxRelay, type OutboxRelay } from '../../services/events/outbox-relay.js';
import { createEndpointWaker } from '../../services/webhook-endpoints/wake-endpoints.js';
import { createBillingWorker } from '../../workers/create-worker.js';
import { testConfig } from './config.js';
import { createTestDatabase, type TestDatabase } from './database.js';
import { uid } from './ids.js';
import { quietTemporalRuntime } from './runtime.js';

/** `producer`: a Kafka producer of the test's own (the API has none), which the outbox relay also uses, as in the worker process. */
export interface TestStack { config: Config; database: TestDatabase; deps: AppDeps; log: Logger; app: FastifyInstance; worker: Worker | null; relay: OutboxRelay; producer: Producer; close(): Promise<void> }

/**
 * The real services for one test file: a fresh database, its own Redis prefix and Temporal task
 * queue, the Fastify app (app.inject) and, unless disabled, an in-process billing worker. The database
 * is seeded as `seedEnv` (default test: with the demo plans) would seed it.
 */
export async function startTestStack(opts: { env?: Record<string, string>; worker?: boolean; logStream?: { write(line: string): void }; seedEnv?: 'test' | 'production' } = {}): Promise<TestStack> {
  quietTemporalRuntime();
  const database = await createTestDatabase(testConfig(opts.env).db.url, opts.seedEnv);
  const config = testConfig({ DATABASE_URL: database.url, REDIS_KEY_PREFIX: `${uid('test')}:`, TEMPORAL_TASK_QUEUE: uid('billing-test-'), ...opts.env });
  const log = createLogger({ level: config.logLevel }, opts.logStream);
  const { deps, close: closeDeps } = await connectAppDeps(config, log);
  const app = await buildApp(deps, log);
  // The worker process's outbox relay: billing events reach Kafka through it, as in production.
  const kafka = createKafka(config, log);
  const producer = await connectProducer(kafka);
  const tail = createKafkaTail(kafka, config.kafka.billingTopic);
  // As in the worker: each published batch wakes the webhook endpoints' delivery workflows.
  const endpoints = createEndpointWaker({ db: deps.db, temporal: deps.temporal, config, log });
  const relay = createOutboxRelay({ db: deps.db, producer, tail, billingTopic: config.kafka.billingTopic, log, pollMs: 50, onPublished: opts.worker === false ? undefined : endpoints.wake });
  relay.start();
  let worker: Worker | null = null;
  let running: Promise<void> | null = null;
  let connection: NativeConnection | null = null;
  if (opts.worker !== false) {
    connection = await NativeConnection.connect({ address: config.temporal.address });
    worker = await createBillingWorker({ connection, namespace: config.temporal.namespace, taskQueue: config.temporal.taskQueue, activities: { db: deps.db, redis: deps.redis, log, stripe: deps.stripe, features: deps.features, config, reconcile: { temporal: deps.temporal, config } } });
    running = worker.run();
  }
  return {
    config, database, deps, log, app, worker, relay, producer,
    async close() {
      await app.close();
      await relay.stop();
      await endpoints.idle();
      if (worker && running) { worker.shutdown(); await running; }
      await connection?.close();
      const prefix = config.redis.keyPrefix;
      const keys = await deps.redis.keys(`${prefix}*`);
      if (keys.length > 0) await deps.redis.del(...keys.map((k) => k.slice(prefix.length)));
      await producer.disconnect();
      await tail.close();
      await closeDeps();
      await database.drop();
    },
  };
}
