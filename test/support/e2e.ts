import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll } from 'vitest';
import type { Config } from '../../config/config.js';
import { testConfig } from './config.js';
import { createTestDatabase, type TestDatabase } from './database.js';
import { uid } from './ids.js';
import { collectBillingEvents, type EventCollector } from './kafka.js';
import { startTenure, type TenureProcesses } from './processes.js';
import { signToken, type TestRole } from './tokens.js';

export interface E2E { config: Config; database: TestDatabase; tenure: TenureProcesses; events: EventCollector; temporal: Client; headers(roles?: TestRole[], tenantId?: string): Record<string, string> }

/**
 * Registers beforeAll/afterAll hooks that run the real API and worker processes on a fresh database,
 * Redis prefix and task queue, plus a Kafka collector for the given tenants and a Temporal client.
 */
export function useE2E(tenantIds: () => string[], env: Record<string, string> = {}, processes: { notifier?: boolean; compiled?: boolean } = {}): E2E {
  const config = testConfig();
  const ctx = { config } as E2E;
  beforeAll(async () => {
    ctx.database = await createTestDatabase(config.db.url);
    ctx.tenure = await startTenure({ DATABASE_URL: ctx.database.url, TEMPORAL_TASK_QUEUE: uid('billing-e2e-'), REDIS_KEY_PREFIX: `${uid('e2e')}:`, ...env }, processes);
    ctx.events = await collectBillingEvents(config.kafka.brokers, config.kafka.billingTopic, tenantIds);
    ctx.temporal = new Client({ connection: await Connection.connect({ address: config.temporal.address }), namespace: config.temporal.namespace });
  });
  afterAll(async () => {
    await ctx.tenure?.stop();
    await ctx.events?.close();
    await ctx.temporal?.connection.close();
    await ctx.database?.drop();
  });
  ctx.headers = (roles = ['service'], tenantId) => ({
    authorization: `Bearer ${signToken(config.auth.jwtSecret, { sub: 'e2e-caller', roles, tenantId: tenantId ?? null })}`,
    'content-type': 'application/json',
  });
  return ctx;
}
