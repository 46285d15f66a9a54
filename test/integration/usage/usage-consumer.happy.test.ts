import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../support/config.js';
import { startTestStack, type TestStack } from '../../support/stack.js';
import { createUsageTopics, seedTenant, startUsageConsumer } from '../../support/usage.js';
import { eventually } from '../../support/wait.js';
import { uid } from '../../support/ids.js';

let stack: TestStack;
let topics: Awaited<ReturnType<typeof createUsageTopics>>;
let consumer: Awaited<ReturnType<typeof startUsageConsumer>>;
beforeAll(async () => {
  topics = await createUsageTopics(testConfig().kafka.brokers);
  stack = await startTestStack({ worker: false, env: { KAFKA_USAGE_TOPIC: topics.topic, KAFKA_USAGE_DLQ_TOPIC: topics.dlqTopic } });
  consumer = await startUsageConsumer(stack);
});
afterAll(async () => { await consumer?.close(); await stack?.close(); await topics?.drop(); });

const event = (tenantId: string, metric: string, amount: number, id = uid('ev-')) => ({ id, tenantId, metric, amount, occurredAt: new Date().toISOString() });
const send = (events: object[]) => stack.producer.send({ topic: topics.topic, messages: events.map((e) => ({ key: (e as { tenantId: string }).tenantId, value: JSON.stringify(e) })) });
const counter = (tenantId: string, metric: string, period: string | number = 'live') => stack.deps.redis.get(`usage:${tenantId}:${metric}:${period}`).then(Number);
const PERIOD = Date.UTC(2026, 0, 1);

describe('usage consumer', () => {
  it('applies usage events to the counters', async () => {
    const tenantId = await seedTenant(stack);
    await send([event(tenantId, 'email_sends', 10), event(tenantId, 'email_sends', 5), event(tenantId, 'seats', 2)]);
    await eventually(async () => ((await counter(tenantId, 'email_sends', PERIOD)) === 15 ? true : undefined), 'email_sends = 15');
    expect(await counter(tenantId, 'seats')).toBe(2);
  });

  it('applies an event delivered twice once, in one batch or later', async () => {
    const tenantId = await seedTenant(stack);
    const twice = event(tenantId, 'email_sends', 7);
    await send([twice, twice]);
    const marker = event(tenantId, 'referred_users', 1);
    await send([twice, marker]);
    await eventually(async () => ((await counter(tenantId, 'referred_users', PERIOD)) === 1 ? true : undefined), 'the marker event');
    expect(await counter(tenantId, 'email_sends', PERIOD)).toBe(7);
  });

  it('changes nothing when another group replays the whole topic', async () => {
    const tenantId = await seedTenant(stack);
    await send([event(tenantId, 'email_sends', 3), event(tenantId, 'email_sends', 4)]);
    await eventually(async () => ((await counter(tenantId, 'email_sends', PERIOD)) === 7 ? true : undefined), 'email_sends = 7');
    const replay = await startUsageConsumer(stack);
    try {
      await eventually(async () => (replay.stats.duplicates >= 2 ? true : undefined), 'the replay to reach the events');
      expect(await counter(tenantId, 'email_sends', PERIOD)).toBe(7);
    } finally {
      await replay.close();
    }
  });

  it('refuses usage over the limit like the API does, and goes on', async () => {
    const tenantId = await seedTenant(stack, { limits: { campaigns: 2 } });
    await send([1, 2, 3].map(() => event(tenantId, 'campaigns', 1)));
    await send([event(tenantId, 'seats', 1)]);
    await eventually(async () => ((await counter(tenantId, 'seats')) === 1 ? true : undefined), 'the later event');
    expect(await counter(tenantId, 'campaigns')).toBe(2);
  });
});
