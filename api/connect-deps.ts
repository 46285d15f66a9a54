import { Client, Connection } from '@temporalio/client';
import type { Kafka } from 'kafkajs';
import { createKafka, createRedis, createStripe } from '../config/clients.js';
import type { Config } from '../config/config.js';
import type { Logger } from '../config/logger.js';
import { createDb } from '../db/client.js';
import type { AppDeps } from './deps.js';
import { createMetrics } from '../config/metrics.js';
import { createFeatureCatalog } from '../services/features/feature-catalog.js';

/**
 * Connects every client the API needs; for entry points and test harnesses. close() releases them all.
 * Nothing here waits for Temporal or Kafka: the API starts while either is down (its Redis-only paths
 * work, the others answer 503 and /readyz names what is missing), and connects once they answer.
 */
export async function connectAppDeps(config: Config, log: Logger): Promise<{ deps: AppDeps; close(): Promise<void> }> {
  const { db, sql, close: closeDb } = createDb(config.db);
  const redis = createRedis(config);
  const kafka = lazyKafkaAdmin(createKafka(config, log));
  const connection = Connection.lazy({ address: config.temporal.address });
  const temporal = new Client({ connection, namespace: config.temporal.namespace });
  const deps: AppDeps = {
    config, db, sql, redis, temporal, log, stripe: createStripe(config), metrics: createMetrics(),
    kafka: { describeCluster: kafka.describeCluster },
    features: createFeatureCatalog({ db, ttlMs: config.features.catalogTtlMs }),
  };
  const close = async () => {
    await Promise.allSettled([kafka.disconnect(), connection.close(), redis.quit(), closeDb()]);
  };
  return { deps, close };
}

// The API talks to Kafka only to report on it in /readyz: an admin client that connects on first use,
// and again on the next check after a failed attempt.
function lazyKafkaAdmin(kafka: Kafka) {
  const admin = kafka.admin();
  let connecting: Promise<void> | null = null;
  return {
    async describeCluster(): Promise<unknown> {
      connecting ??= admin.connect().catch((err: unknown) => { connecting = null; throw err; });
      await connecting;
      return admin.describeCluster();
    },
    disconnect: () => admin.disconnect(),
  };
}
