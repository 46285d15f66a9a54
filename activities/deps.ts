import type { Redis } from 'ioredis';
import type Stripe from 'stripe';
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
}
