import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../support/config.js';
import { uid } from '../../support/ids.js';
import { startTestStack, type TestStack } from '../../support/stack.js';
import { createUsageTopics, readDeadLetters, seedTenant, startUsageConsumer, type DeadLetter } from '../../support/usage.js';
import { eventually } from '../../support/wait.js';


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

const send = (values: (string | null)[], key = 'k') => stack.producer.send({ topic: topics.topic, messages: values.map((value) => ({ key, value })) });
const counter = (tenantId: string, metric: string) => stack.deps.redis.get(`usage:${tenantId}:${metric}:live`).then(Number);

describe('usage consumer with bad messages', () => {
  it('dead-letters each poison message with its reason and carries on', async () => {
    const tenantId = await seedTenant(stack, { limits: { seats: 100 } });
    const good = (n: number) => JSON.stringify({ id: uid('ev-'), tenantId, metric: 'seats', amount: n, occurredAt: new Date().toISOString() });
    const poison = [
      '{not json',
      JSON.stringify({ id: 'p1', tenantId, metric: 'rockets', amount: 1, occurredAt: '2026-01-01T00:00:00Z' }),
      JSON.stringify({ id: 'p2', tenantId, metric: 'leaderboard_entries', amount: 1, occurredAt: '2026-01-01T00:00:00Z' }),
      JSON.stringify({ id: 'p3', tenantId, metric: 'seats', amount: -4, occurredAt: '2026-01-01T00:00:00Z' }),
      JSON.stringify({ id: 'p4', tenantId: 'nobody-knows-me', metric: 'seats', amount: 1, occurredAt: '2026-01-01T00:00:00Z' }),
      JSON.stringify([1, 2]),
    ];
    await send([good(1), ...poison, good(2)], tenantId);
    await send([good(4)], tenantId);
    await eventually(async () => ((await counter(tenantId, 'seats')) === 7 ? true : undefined), 'the good events on both sides of the poison');
    await eventually(async () => (dead().length >= poison.length ? true : undefined), 'the dead letters');
    expect(dead().map((d) => d.value)).toEqual(poison);
    expect(dead().map((d) => d.reason)).toEqual([
      'not valid JSON', 'unknown feature rockets', 'leaderboard_entries is not consumed (a boolean or read feature)',
      'amount must be an integer from 1 to 1000000', 'unknown tenant nobody-knows-me', 'not a JSON object',
    ]);
    expect(dead().every((d) => /^\d+$/.test(d.offset))).toBe(true);
    expect(consumer.stats.deadLettered).toBe(poison.length);
  });

  it('dead-letters an empty message', async () => {
    await send([null]);
    await eventually(async () => (dead().some((d) => d.reason === 'empty message') ? true : undefined), 'the empty message in the DLQ');
  });
});
