import type { Client } from '@temporalio/client';
import type { Redis } from 'ioredis';
import type Stripe from 'stripe';
import type { Config } from '../config/config.js';
import type { Logger } from '../config/logger.js';
import type { Db } from '../db/client.js';
import type { CatalogReader } from '../services/features/catalog-reader.js';

// What the activities' services need; the worker entry point builds it.
export interface ActivityDeps {
  db: Db;
  redis: Redis;
  stripe: Stripe;
  log: Logger;
  /** The feature catalog (cached in process): which features are counted, and how. */
  features: CatalogReader;
  /** NODE_ENV and the WEBHOOK_* settings, for the outbound webhook activities (absent: they fail, saying so). */
  config?: Pick<Config, 'env' | 'webhooks'> & Partial<Pick<Config, 'stripe'>>;
  /** Counts failed webhook delivery attempts (the worker's billing_webhook_delivery_failures_total). */
  webhookFailures?: { inc(labels: { kind: 'status' | 'error' }): void };
  /** For the drift repair and the plan migrations, which signal and update lifecycles (absent: their activities fail, saying so). */
  reconcile?: { temporal: Client; config: Config; changes?: { inc(labels: { field: string }): void } };
}
