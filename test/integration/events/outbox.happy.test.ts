import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKafka, createProducer } from '../../../config/clients.js';
import { outboxBacklog, recordInflightBatch } from '../../../db/queries/billing-events.js';
import { billingOutboxInflight } from '../../../db/schema/index.js';
import { createKafkaTail } from '../../../services/events/kafka-tail.js';
import { billingEvent, type BillingEvent } from '../../../domain/events.js';
import { createOutboxRelay } from '../../../services/events/outbox-relay.js';
import { publishEvents } from '../../../services/events/publish-events.js';
import { uid } from '../../support/ids.js';
import { collectBillingEvents, type EventCollector } from '../../support/kafka.js';
import { startTestStack, type TestStack } from '../../support/stack.js';
import { eventually } from '../../support/wait.js';

// The outbox: the publish step only writes billing_events; relays publish the stored rows to Kafka,
// each once, in order per tenant, and a Kafka failure leaves them waiting, never lost.
let stack: TestStack;
let kafka: EventCollector;
const tenants: string[] = [];
beforeAll(async () => {
  stack = await startTestStack({ worker: false });
  kafka = await collectBillingEvents(stack.config.kafka.brokers, stack.config.kafka.billingTopic, () => tenants);
});
afterAll(async () => { await kafka?.close(); await stack?.close(); });

const suspended = (tenantId: string, n: number, reason = `reason ${n}`): BillingEvent =>
  billingEvent(tenantId, 'tenant.suspended', `v${n}`, Date.UTC(2026, 0, 1, 0, 0, n), { reason, actor: 'admin-1' });
const publish = (events: BillingEvent[]) => publishEvents({ db: stack.deps.db, log: stack.log })(events);
const waitUntil = (cond: () => Promise<boolean>, what: string, timeoutMs?: number) => eventually(async () => ((await cond()) ? true : undefined), what, timeoutMs);

describe('the billing events outbox', () => {
  it('records without Kafka, then the relay publishes exactly the stored row, once', async () => {
    const tenantId = uid('outbox-');
    tenants.push(tenantId);
    // A retry of a step that rebuilt its event differently keeps the first version, in the table and on Kafka.
    await publish([suspended(tenantId, 1, 'first')]);
    await publish([suspended(tenantId, 1, 'second attempt')]);
    const seen = await kafka.waitFor((e) => e.tenantId === tenantId);
    expect(seen).toEqual(suspended(tenantId, 1, 'first'));
    await waitUntil(async () => (await outboxBacklog(stack.deps.db)).pending === 0, 'outbox drained');
    await new Promise((r) => setTimeout(r, 500));
    expect(kafka.events.filter((e) => e.tenantId === tenantId)).toHaveLength(1);
  });

  it('keeps events in the outbox while Kafka refuses them, and publishes them once it accepts', async () => {
    const tenantId = uid('outbox-down-');
    tenants.push(tenantId);
    await stack.relay.stop();
    let refusals = 0;
    const down = createOutboxRelay({ db: stack.deps.db, billingTopic: stack.config.kafka.billingTopic, log: stack.log, pollMs: 20, maxBackoffMs: 50,
      producer: { send: async () => { refusals += 1; throw new Error('KafkaJSConnectionError: broker down'); } } });
    down.start();
    await publish([suspended(tenantId, 1), suspended(tenantId, 2)]);
    await waitUntil(async () => refusals >= 3, 'the relay retried');
    await down.stop();
    expect((await outboxBacklog(stack.deps.db)).pending).toBe(2);
    expect(kafka.events.filter((e) => e.tenantId === tenantId)).toEqual([]);
    stack.relay.start();
    await waitUntil(async () => kafka.events.filter((e) => e.tenantId === tenantId).length === 2, 'both events published');
    expect(kafka.events.filter((e) => e.tenantId === tenantId).map((e) => e.id)).toEqual([suspended(tenantId, 1).id, suspended(tenantId, 2).id]);
  });

  it('starts with Kafka unreachable and connects its producer once Kafka answers', async () => {
    const tenantId = uid('outbox-connect-');
    tenants.push(tenantId);
    await stack.relay.stop();
    const producer = createProducer(createKafka(stack.config, stack.log));
    let attempts = 0;
    // The first attempt fails as a connect to a stopped Kafka does; the relay keeps the events and tries again.
    const connect = async () => { attempts += 1; if (attempts === 1) throw new Error('KafkaJSConnectionError: Connection error: connect ECONNREFUSED'); await producer.connect(); };
    const relay = createOutboxRelay({ db: stack.deps.db, producer, connect, billingTopic: stack.config.kafka.billingTopic, log: stack.log, pollMs: 20, maxBackoffMs: 50 });
    relay.start();
    await publish([suspended(tenantId, 1), suspended(tenantId, 2)]);
    await waitUntil(async () => kafka.events.filter((e) => e.tenantId === tenantId).length === 2, 'both events published');
    await relay.stop();
    await producer.disconnect();
    stack.relay.start();
    expect(attempts).toBe(2);
    expect(kafka.events.filter((e) => e.tenantId === tenantId).map((e) => e.id)).toEqual([suspended(tenantId, 1).id, suspended(tenantId, 2).id]);
  });

  it('settles a batch a crashed relay left in flight: what reached Kafka is not sent again, the rest is', async () => {
    const tenantId = uid('outbox-crash-');
    tenants.push(tenantId);
    await stack.relay.stop();
    const events = [1, 2, 3, 4].map((n) => suspended(tenantId, n));
    await publish(events);
    // The crashed relay: it recorded the batch with Kafka's end offsets, sent the first two, and died.
    const tail = createKafkaTail(createKafka(stack.config, stack.log), stack.config.kafka.billingTopic);
    await recordInflightBatch(stack.deps.db, { id: uid('batch-'), eventIds: events.map((e) => e.id), watermarks: await tail.watermarks() });
    await tail.close();
    await stack.producer.send({ topic: stack.config.kafka.billingTopic, messages: events.slice(0, 2).map((e) => ({ key: e.tenantId, value: JSON.stringify(e), headers: { 'event-id': e.id } })) });
    stack.relay.start();
    await waitUntil(async () => (await outboxBacklog(stack.deps.db)).pending === 0, 'outbox drained', 60_000);
    await waitUntil(async () => kafka.events.filter((e) => e.tenantId === tenantId).length >= 4, 'all four on Kafka');
    await new Promise((r) => setTimeout(r, 500));
    expect(kafka.events.filter((e) => e.tenantId === tenantId).map((e) => e.id)).toEqual(events.map((e) => e.id));
    expect(await stack.deps.db.select().from(billingOutboxInflight)).toEqual([]);
  });

  it('publishes each event once and in order per tenant with two relays running', async () => {
    const a = uid('outbox-a-');
    const b = uid('outbox-b-');
    tenants.push(a, b);
    const second = createOutboxRelay({ db: stack.deps.db, producer: stack.producer, billingTopic: stack.config.kafka.billingTopic, log: stack.log, pollMs: 10, batchSize: 7 });
    second.start();
    for (let n = 1; n <= 60; n++) await publish([suspended(a, n), suspended(b, n)]);
    await waitUntil(async () => kafka.events.filter((e) => e.tenantId === a || e.tenantId === b).length >= 120, 'all 120 published', 30_000);
    await second.stop();
    await new Promise((r) => setTimeout(r, 500));
    for (const t of [a, b]) {
      const ids = kafka.events.filter((e) => e.tenantId === t).map((e) => e.id);
      expect(ids).toEqual(Array.from({ length: 60 }, (_, i) => suspended(t, i + 1).id));
    }
  });
});
