import type { Client } from '@temporalio/client';
import type { Redis } from 'ioredis';
import type Stripe from 'stripe';
import type { AdminDeps } from '../services/admin/apply-admin-action.js';
import { connectTemporal, createRedis, createStripe } from '../config/clients.js';
import { loadConfig, type Config } from '../config/config.js';
import { createLogger, type Logger } from '../config/logger.js';
import { createDb, type Db, type DbHandle } from '../db/client.js';
import { createFeatureCatalog, type FeatureCatalogCache } from '../services/features/feature-catalog.js';

// What a command runs with. The CLI is an entry point, so it constructs its own clients, lazily:
// `tenure tenants list` never connects to Temporal, `tenure stripe simulate` never to Stripe.

export interface CliStreams {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };
}

export interface CliContext extends CliStreams {
  config: Config;
  db(): Db;
  temporal(): Promise<Client>;
  stripe(): Stripe;
  /** Redis with the app's key prefix (the plan catalog cache, usage counters). */
  redis(): Redis;
  /** The feature catalog, read from Postgres (cached for FEATURE_CATALOG_TTL). */
  features(): FeatureCatalogCache;
  /** Structured error logs (a Stripe refusal, say) on stderr; the CLI's own output is plain text. */
  log: Logger;
  adminDeps(): Promise<AdminDeps>;
  out(text: string): void;
  err(text: string): void;
  close(): Promise<void>;
}

/** Builds the context from the environment (via loadConfig) and the process streams. */
export function createCliContext(streams: CliStreams, env?: Record<string, string | undefined>): CliContext {
  const config = loadConfig(env);
  let dbHandle: DbHandle | null = null;
  let temporal: Promise<Client> | null = null;
  let stripe: Stripe | null = null;
  let features: FeatureCatalogCache | null = null;
  let redis: Redis | null = null;
  const ctx: CliContext = {
    ...streams,
    config,
    log: createLogger({ level: 'error', name: 'tenure-cli' }, streams.stderr as unknown as { write(line: string): void }),
    db: () => (dbHandle ??= createDb({ url: config.db.url, poolSize: 4 })).db,
    temporal: () => (temporal ??= connectTemporal(config)),
    stripe: () => (stripe ??= createStripe(config)),
    redis: () => (redis ??= createRedis(config)),
    features: () => (features ??= createFeatureCatalog({ db: ctx.db(), ttlMs: config.features.catalogTtlMs })),
    adminDeps: async () => ({ db: ctx.db(), temporal: await ctx.temporal(), config, stripe: ctx.stripe(), log: ctx.log, features: ctx.features() }),
    out: (text) => void streams.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    err: (text) => void streams.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
    async close() {
      const client = temporal ? await temporal.catch(() => null) : null;
      await Promise.allSettled([dbHandle?.close(), client?.connection.close(), redis?.quit()]);
    },
  };
  return ctx;
}
