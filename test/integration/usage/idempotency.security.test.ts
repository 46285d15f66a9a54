import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../support/config.js';
import { uid } from '../../support/ids.js';
import { startTestStack, type TestStack } from '../../support/stack.js';
import { bearer, signToken } from '../../support/tokens.js';
import { createUsageTopics, readDeadLetters, seedTenant, startUsageConsumer, type DeadLetter } from '../../support/usage.js';
import { eventually } from '../../support/wait.js';

// Issue 10, item 10: an idempotency key is bound to what was asked with it. A key reused with
// another metric, amount or operation is refused, never answered with the first request's result.

let stack: TestStack;
let topics: Awaited<ReturnType<typeof createUsageTopics>>;
let consumer: Awaited<ReturnType<typeof startUsageConsumer>>;
let dlq: Awaited<ReturnType<typeof readDeadLetters>>;
const dead = (): DeadLetter[] => dlq.dead;
beforeAll(async () => {
  topics = await createUsageTopics(testConfig().kafka.brokers);
  stack = await startTestStack({ worker: false, env: { KAFKA_USAGE_TOPIC: topics.topic, KAFKA_USAGE_DLQ_TOPIC: topics.dlqTopic } });
  consumer = await startUsageConsumer(stack);
  dlq = await readDeadLetters(stack.config.kafka.brokers, topics.dlqTopic);
});
afterAll(async () => { await dlq?.close(); await consumer?.close(); await stack?.close(); await topics?.drop(); });

const service = () => bearer(signToken(stack.config.auth.jwtSecret, { sub: 'svc-campaigns', roles: ['service'] }));
const call = (op: 'consume' | 'release', tenantId: string, payload: Record<string, unknown>) =>
  stack.app.inject({ method: 'POST', url: `/internal/tenants/${tenantId}/usage/${op}`, headers: service(), payload });
const used = async (tenantId: string, metric: string) =>
  (await stack.app.inject({ method: 'GET', url: `/internal/tenants/${tenantId}/usage`, headers: service() })).json().metrics[metric].used;

describe('usage idempotency keys are bound to the request', () => {
  it('refuses a key reused with another metric with 409 IDEMPOTENCY_KEY_REUSED, and counts nothing', async () => {
    const tenantId = await seedTenant(stack, { limits: { campaigns: 10, seats: 10 } });
    expect((await call('consume', tenantId, { metric: 'campaigns', idempotencyKey: 'k-1' })).statusCode).toBe(200);
    const reused = await call('consume', tenantId, { metric: 'seats', idempotencyKey: 'k-1' });
    expect(reused.statusCode).toBe(409);
    expect(reused.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await used(tenantId, 'seats')).toBe(0);
    expect(await used(tenantId, 'campaigns')).toBe(1);
  });

  it('refuses a key reused with another amount, and still replays the same request', async () => {
    const tenantId = await seedTenant(stack, { limits: { seats: 10 } });
    expect((await call('consume', tenantId, { metric: 'seats', amount: 2, idempotencyKey: 'k-2' })).statusCode).toBe(200);
    const reused = await call('consume', tenantId, { metric: 'seats', amount: 3, idempotencyKey: 'k-2' });
    expect(reused.statusCode).toBe(409);
    expect(reused.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const replay = await call('consume', tenantId, { metric: 'seats', amount: 2, idempotencyKey: 'k-2' });
    expect(replay.statusCode).toBe(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(await used(tenantId, 'seats')).toBe(2);
  });

  it('refuses a release key reused with another amount', async () => {
    const tenantId = await seedTenant(stack, { limits: { seats: 10 } });
    expect((await call('consume', tenantId, { metric: 'seats', amount: 5 })).statusCode).toBe(200);
    expect((await call('release', tenantId, { metric: 'seats', amount: 1, idempotencyKey: 'r-1' })).statusCode).toBe(200);
    const reused = await call('release', tenantId, { metric: 'seats', amount: 2, idempotencyKey: 'r-1' });
    expect(reused.statusCode).toBe(409);
    expect(reused.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await used(tenantId, 'seats')).toBe(4);
  });

  it('keeps consume and release keys apart: consume "release:X" does not collide with release "X"', async () => {
    const tenantId = await seedTenant(stack, { limits: { seats: 10 } });
    expect((await call('consume', tenantId, { metric: 'seats', amount: 3 })).statusCode).toBe(200);
    const released = await call('release', tenantId, { metric: 'seats', amount: 1, idempotencyKey: 'X' });
    expect(released.statusCode).toBe(200);
    const consumed = await call('consume', tenantId, { metric: 'seats', amount: 1, idempotencyKey: 'release:X' });
    expect(consumed.statusCode).toBe(200);
    expect(consumed.headers['idempotent-replayed']).toBeUndefined();
    expect(consumed.json()).toMatchObject({ used: 3 });
    expect(await used(tenantId, 'seats')).toBe(3);
  });

  it('dead-letters a usage event whose id was used before with other content', async () => {
    const tenantId = await seedTenant(stack, { limits: { seats: 100, campaigns: 100 } });
    const id = uid('ev-');
    const first = JSON.stringify({ id, tenantId, metric: 'seats', amount: 2, occurredAt: new Date().toISOString() });
    const other = JSON.stringify({ id, tenantId, metric: 'campaigns', amount: 1, occurredAt: new Date().toISOString() });
    await stack.producer.send({ topic: topics.topic, messages: [{ key: tenantId, value: first }, { key: tenantId, value: other }] });
    await eventually(async () => (dead().some((d) => d.value === other) ? true : undefined), 'the reused event id in the DLQ');
    expect(dead().find((d) => d.value === other)!.reason).toBe(`event id ${id} was used before with other content`);
    expect(await used(tenantId, 'seats')).toBe(2);
    expect(await used(tenantId, 'campaigns')).toBe(0);
  });
});
