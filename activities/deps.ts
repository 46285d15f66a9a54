import type { Redis } from 'ioredis';
import type { Producer } from 'kafkajs';
import type Stripe from 'stripe';
import type { Logger } from '../config/logger.js';
import type { Db } from '../db/client.js';

// What the activities' services need; the worker entry point builds it.
export interface ActivityDeps {
  db: Db;
  redis: Redis;
  producer: Producer;
  stripe: Stripe;
  billingTopic: string;
  log: Logger;
  /** Counts published billing events by type (the worker's billing_lifecycle_transitions_total); optional in tests. */
  transitions?: { inc(labels: { type: string }): void };
}
