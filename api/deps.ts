import type { Client } from '@temporalio/client';
import type { Redis } from 'ioredis';
import type { Producer } from 'kafkajs';
import type Stripe from 'stripe';
import type { Config } from '../config/config.js';
import type { Db } from '../db/client.js';
import type { Metrics } from '../config/metrics.js';

// Everything the app needs, constructed by the entry point (api/server.ts) or a test harness.
export interface AppDeps {
  config: Config;
  db: Db;
  sql: { unsafe(q: string): Promise<unknown> };
  redis: Redis;
  temporal: Client;
  kafka: { producer: Producer; describeCluster(): Promise<unknown> };
  stripe: Stripe;
  metrics: Metrics;
}
