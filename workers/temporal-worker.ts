// Entry point of the Temporal worker: builds the activity clients and runs the billing task queue.
// On SIGTERM it stops polling, lets running activities finish within WORKER_SHUTDOWN_GRACE, stops the
// outbox relay after its batch, closes its clients and exits 0 (config/shutdown.ts).
import { createFeatureCatalog } from '../services/features/feature-catalog.js';
import { DefaultLogger, NativeConnection, Runtime, makeTelemetryFilterString, type LogLevel } from '@temporalio/worker';
import { connectTemporal, createKafka, createProducer, createRedis, createStripe } from '../config/clients.js';
import { ConfigError, loadConfig } from '../config/config.js';
import { createLogger, type Logger } from '../config/logger.js';
import { exitStopped, shutdownSignal } from '../config/shutdown.js';
import { createDb } from '../db/client.js';
import { createKafkaTail } from '../services/events/kafka-tail.js';
import { createOutboxRelay } from '../services/events/outbox-relay.js';
import { countStuckLifecycles } from '../services/lifecycle/lifecycle-client.js';
import { createEndpointWaker } from '../services/webhook-endpoints/wake-endpoints.js';
import { createBillingWorker, prebuiltWorkflowBundle } from './create-worker.js';
import { ensureSchedules } from './schedules.js';
import { startWorkerMetrics, temporalMetricsAddress } from './worker-metrics.js';

// Temporal's own logs go to the same pino sink as ours; its metrics (if enabled) to a Prometheus endpoint.
// The SDK handles no signal itself (shutdownSignals: []): main() shuts the worker down on SIGTERM, in order.
function installTemporalLogger(log: Logger, metricsBindAddress: string | null): void {
  const level = (log.level === 'debug' || log.level === 'trace' ? 'DEBUG' : 'INFO') as LogLevel;
  Runtime.install({
    logger: new DefaultLogger(level, ({ level: lvl, message, meta }) => {
      const fields = { ...(meta ?? {}), source: 'temporal' };
      if (lvl === 'ERROR') log.error(fields, message);
      else if (lvl === 'WARN') log.warn(fields, message);
      else if (lvl === 'INFO') log.info(fields, message);
      else log.debug(fields, message);
    }),
    shutdownSignals: [],
    telemetryOptions: {
      // Forward the SDK core's own (Rust) logs to the same logger instead of the console.
      logging: { filter: makeTelemetryFilterString({ core: 'WARN', other: 'ERROR' }), forward: {} },
      ...(metricsBindAddress ? { metrics: { prometheus: { bindAddress: metricsBindAddress } } } : {}),
    },
  });
}

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger({ level: config.logLevel, name: 'tenure-worker' });
  const { graceMs } = config.shutdown;
  const signalled = shutdownSignal({ log, graceMs });
  const { host: metricsHost, port: metricsPort, temporalPort } = config.workerMetrics;
  installTemporalLogger(log, await temporalMetricsAddress(metricsHost, temporalPort, log));
  const { db, close: closeDb } = createDb(config.db);
  const client = await connectTemporal(config);
  // Lifecycles stuck on a permanent failure are counted where they are marked: Temporal visibility.
  const workerMetrics = await startWorkerMetrics({ db, host: metricsHost, port: metricsPort, log, countStuckLifecycles: () => countStuckLifecycles(client, config.temporal.taskQueue) });
  const redis = createRedis(config);
  // Not connected here: the worker starts while Kafka is down, and the relay connects when it answers.
  const kafka = createKafka(config, log);
  const producer = createProducer(kafka);
  const tail = createKafkaTail(kafka, config.kafka.billingTopic);
  const connection = await NativeConnection.connect({ address: config.temporal.address });
  // The outbox relay runs beside the activities: the lifecycles record events, it publishes them.
  // Each published batch wakes the webhook endpoints' delivery workflows (they also poll).
  const endpoints = createEndpointWaker({ db, temporal: client, config, log });
  const relay = createOutboxRelay({ db, producer, connect: () => producer.connect(), tail, billingTopic: config.kafka.billingTopic, log, transitions: workerMetrics.metrics.lifecycleTransitions, onPublished: endpoints.wake });
  relay.start();
  const worker = await createBillingWorker({ connection, namespace: config.temporal.namespace, taskQueue: config.temporal.taskQueue, shutdownGraceMs: graceMs, activities: { db, redis, log, stripe: createStripe(config), features: createFeatureCatalog({ db, ttlMs: config.features.catalogTtlMs }), config, webhookFailures: workerMetrics.metrics.webhookDeliveryFailures, reconcile: { temporal: client, config, changes: workerMetrics.metrics.stripeReconcileChanges } } });
  // The daily usage snapshot, plan sync and Stripe drift repair; idempotent, so every worker start may ensure them.
  log.info(await ensureSchedules(client, config), 'schedules ensured');
  // Every enabled endpoint's delivery workflow runs (started here if it does not: idempotent).
  endpoints.wake();
  const running = worker.run();
  log.info({ taskQueue: config.temporal.taskQueue, namespace: config.temporal.namespace, workflowBundle: prebuiltWorkflowBundle() ?? 'bundled at start' }, 'worker started');
  // A worker that fails on its own rejects here (exit 1); a signal shuts it down and waits for its activities.
  await Promise.race([running, signalled]);
  if (worker.getState() === 'RUNNING') worker.shutdown();
  await running;
  await relay.stop();
  await endpoints.idle();
  await Promise.allSettled([producer.disconnect(), tail.close(), redis.quit(), closeDb(), connection.close(), workerMetrics.close(), client.connection.close()]);
  exitStopped(log, 'worker stopped');
}

main().catch((err: unknown) => {
  process.stderr.write(err instanceof ConfigError ? `${err.message}\n` : `tenure-worker failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
