import type { Redis } from 'ioredis';
import type Stripe from 'stripe';
import type { Logger } from '../config/logger.js';
import type { Db } from '../db/client.js';
import type { FeatureCatalogCache } from '../services/features/feature-catalog.js';

// What the activities' services need; the worker entry point builds it.
export interface ActivityDeps {
  db: Db;
  redis: Redis;
  stripe: Stripe;
  log: Logger;
  /** The worker process's copy of the feature catalog (for the activities that read kinds: enforcement, resets). */
  features: FeatureCatalogCache;
}
