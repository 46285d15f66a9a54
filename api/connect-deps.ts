import { connectProducer, connectTemporal, createKafka, createRedis, createStripe } from '../config/clients.js';
import type { Config } from '../config/config.js';
import type { Logger } from '../config/logger.js';
import { createDb } from '../db/client.js';
import type { AppDeps } from './deps.js';
import { createMetrics } from '../config/metrics.js';

/** Connects every client the API needs; for entry points and test harnesses. close() releases them all. */
export async function connectAppDeps(config: Config, log: Logger): Promise<{ deps: AppDeps; close(): Promise<void> }> {
  const { db, sql, close: closeDb } = createDb(config.db);
  const redis = createRedis(config);
  const kafka = createKafka(config, log);
  const producer = await connectProducer(kafka);
  const admin = kafka.admin();
  await admin.connect();
  const temporal = await connectTemporal(config);
  const deps: AppDeps = {
    config, db, sql, redis, temporal, log, stripe: createStripe(config), metrics: createMetrics(),
    kafka: { producer, describeCluster: () => admin.describeCluster() },
  };
  const close = async () => {
    await Promise.allSettled([producer.disconnect(), admin.disconnect(), temporal.connection.close(), redis.quit(), closeDb()]);
  };
  return { deps, close };
}
