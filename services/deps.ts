import type { Client } from '@temporalio/client';
import type { Redis } from 'ioredis';
import type Stripe from 'stripe';
import type { Config } from '../config/config.js';
import type { Logger } from '../config/logger.js';
import type { Metrics } from '../config/metrics.js';
import type { Db } from '../db/client.js';
import type { CatalogReader } from './features/catalog-reader.js';

// The clients a use case may need. Entry points build them; each service names the ones it uses
// with Pick<ServiceDeps, ...>, so a caller (the API, the CLI, a worker, a test) passes only those.
export interface ServiceDeps {
  config: Config;
  db: Db;
  redis: Redis;
  temporal: Client;
  stripe: Stripe;
  log: Logger;
  metrics: Metrics;
  /** The operator's feature catalog, cached in process (services/features). */
  features: CatalogReader;
}
