import { createServer, type Server, type Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../api/app.js';
import { connectAppDeps } from '../../../api/connect-deps.js';
import { billingEvents } from '../../../db/schema/index.js';
import { startTestStack, type TestStack } from '../../support/stack.js';
import { bearer, signToken } from '../../support/tokens.js';
import { seedTenant } from '../../support/usage.js';
import { uid } from '../../support/ids.js';

// The API never hangs on a dependency (issue 11, item 2): it starts while Temporal and Kafka are
// down, serves the Redis-only paths, answers 503 DEPENDENCY_UNAVAILABLE with Retry-After for the
// rest, and /readyz says what is missing.

/** A TCP server that accepts connections and never answers: a Temporal that hangs rather than refuses. */
async function blackHole(): Promise<{ address: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    address: `127.0.0.1:${port}`,
    close: async () => { for (const s of sockets) s.destroy(); await new Promise<void>((resolve) => server.close(() => resolve())); },
  };
}

let stack: TestStack;
let hole: Awaited<ReturnType<typeof blackHole>>;
let outage: { app: FastifyInstance; close(): Promise<void> };

beforeAll(async () => {
  stack = await startTestStack({ worker: false });
  hole = await blackHole();
  // Same database and Redis as the stack; Temporal hangs, Kafka refuses (nothing listens on port 1).
  const config = { ...stack.config, temporal: { ...stack.config.temporal, address: hole.address, callDeadlineMs: 1_500 }, kafka: { ...stack.config.kafka, brokers: ['127.0.0.1:1'] } };
  const { deps, close } = await connectAppDeps(config, stack.log);
  const app = await buildApp(deps, stack.log);
  outage = { app, close: async () => { await app.close(); await close(); } };
});
afterAll(async () => { await outage?.close(); await hole?.close(); await stack?.close(); });

const service = () => bearer(signToken(stack.config.auth.jwtSecret, { sub: 'svc-outage', roles: ['service'] }));

describe('the API while Temporal hangs and Kafka is down', () => {
  it('serves consume, release and status from Redis', async () => {
    const tenantId = await seedTenant(stack, { planId: 'starter' });
    const consume = await outage.app.inject({ method: 'POST', url: `/internal/tenants/${tenantId}/usage/consume`, headers: service(), payload: { metric: 'campaigns' } });
    expect(consume.statusCode).toBe(200);
    expect(consume.json()).toEqual({ allowed: true, used: 1, limit: 3, remaining: 2 });
    const release = await outage.app.inject({ method: 'POST', url: `/internal/tenants/${tenantId}/usage/release`, headers: service(), payload: { metric: 'campaigns' } });
    expect(release.statusCode).toBe(200);
    expect(release.json().used).toBe(0);
    const status = await outage.app.inject({ method: 'GET', url: `/internal/tenants/${tenantId}/status`, headers: service() });
    expect(status.statusCode).toBe(200);
    expect(status.json()).toMatchObject({ tenantId, plan: { id: 'starter' } });
  });

  it('answers a Temporal call 503 DEPENDENCY_UNAVAILABLE with Retry-After once its deadline passes', async () => {
    const res = await outage.app.inject({ method: 'POST', url: '/tenants', headers: service(), payload: { tenantId: uid('t-outage'), email: 'o@example.com' } });
    expect(res.statusCode).toBe(503);
    expect(res.json().error.code).toBe('DEPENDENCY_UNAVAILABLE');
    expect(res.headers['retry-after']).toBe('5');
  });

  it('reports temporal and kafka down on /readyz, and not_ready', async () => {
    const res = await outage.app.inject({ method: 'GET', url: '/readyz' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({
      status: 'not_ready',
      dependencies: { postgres: { status: 'up' }, redis: { status: 'up' }, temporal: { status: 'down' }, kafka: { status: 'down' }, stripe: { status: 'up' } },
      outbox: { status: 'up' },
    });
  });
});

describe('/readyz with only Kafka down', () => {
  it('answers 200 degraded: the API does not need Kafka, billing events wait in the outbox', async () => {
    const { deps, close } = await connectAppDeps({ ...stack.config, kafka: { ...stack.config.kafka, brokers: ['127.0.0.1:1'] } }, stack.log);
    const app = await buildApp(deps, stack.log);
    try {
      const res = await app.inject({ method: 'GET', url: '/readyz' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        status: 'degraded',
        dependencies: { postgres: { status: 'up' }, redis: { status: 'up' }, temporal: { status: 'up' }, kafka: { status: 'down' }, stripe: { status: 'up' } },
        outbox: { status: 'up' },
      });
    } finally {
      await app.close();
      await close();
    }
  });
});

describe('/readyz and the outbox', () => {
  it('answers 200 degraded while a billing event has waited longer than READINESS_OUTBOX_MAX_AGE', async () => {
    await stack.relay.stop();
    const tenantId = uid('t-backlog');
    await stack.deps.db.insert(billingEvents).values({
      id: `${tenantId}:tenant.created:0`, tenantId, type: 'tenant.created', occurredAt: new Date(), data: {}, recordedAt: new Date(Date.now() - 5 * 60_000),
    });
    const res = await stack.app.inject({ method: 'GET', url: '/readyz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      status: 'degraded',
      dependencies: { postgres: { status: 'up' }, redis: { status: 'up' }, temporal: { status: 'up' }, kafka: { status: 'up' }, stripe: { status: 'up' } },
      outbox: { status: 'degraded' },
    });
  });
});
