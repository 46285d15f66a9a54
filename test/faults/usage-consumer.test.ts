import { Kafka, logLevel, Partitioners, type Producer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { recordScenario } from '../support/fault-results.js';
import { serviceEnv } from '../support/faults-stack.js';
import { useFaultStack } from '../support/faults-app.js';
import { api, registerTenants, synced } from '../support/faults-traffic.js';
import { uid } from '../support/ids.js';
import { prng } from '../support/prng.js';
import { createUsageTopics, readDeadLetters } from '../support/usage.js';
import { eventually } from '../support/wait.js';

// The usage consumer (workers/usage-consumer.ts) on topics of this file: SIGKILLed 5 times while
// batches stream in, then a new consumer group replaying the whole topic (plus events dated before
// the tenants' period, which every pass refuses). Counters are read back
// through the API; each event is email_sends +1, under the trial's limit of 5000 and its 80% mark.
const BROKERS = [serviceEnv().KAFKA_BROKERS!];
const SESSION_TIMEOUT = '6s';
let topics: Awaited<ReturnType<typeof createUsageTopics>>;
let producer: Producer;
let kafka: Kafka;
const tenants = [uid('ft-use-a-'), uid('ft-use-b-'), uid('ft-use-c-')];
const fs = useFaultStack({ tag: 'usage' });

beforeAll(async () => {
  topics = await createUsageTopics(BROKERS);
  kafka = new Kafka({ clientId: uid('faults-usage-'), brokers: BROKERS, logLevel: logLevel.NOTHING });
  producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  await registerTenants(fs, tenants);
  await synced(fs, tenants);
});
afterAll(async () => { await producer?.disconnect(); await topics?.drop(); });

const consumerEnv = (group: string, extra: Record<string, string> = {}) => ({
  KAFKA_USAGE_TOPIC: topics.topic, KAFKA_USAGE_DLQ_TOPIC: topics.dlqTopic, KAFKA_USAGE_GROUP: group, KAFKA_USAGE_SESSION_TIMEOUT: SESSION_TIMEOUT, ...extra,
});
const counters = async (): Promise<Record<string, number>> => Object.fromEntries(await Promise.all(tenants.map(async (t) => {
  const view = (await api.usage(fs, t)).body as { metrics: Record<string, { used: number | null }> };
  return [t, view.metrics.email_sends!.used ?? 0] as const;
})));
/** Publishes events round-robin over the tenants, in chunks, each with a fresh id, until `more()` says stop or `max` are sent; returns the count per tenant. */
async function publish(max: number, more: () => boolean = () => true, chunk = 30, pauseMs = 250): Promise<Record<string, number>> {
  const sent: Record<string, number> = Object.fromEntries(tenants.map((t) => [t, 0]));
  for (let n = 0; n < max && more();) {
    const messages = Array.from({ length: Math.min(chunk, max - n) }, () => {
      const tenantId = tenants[n++ % tenants.length]!;
      sent[tenantId]! += 1;
      return { key: tenantId, value: JSON.stringify({ id: uid('ue-'), tenantId, metric: 'email_sends', amount: 1, occurredAt: new Date().toISOString() }) };
    });
    await producer.send({ topic: topics.topic, messages });
    if (pauseMs > 0) await new Promise((r) => setTimeout(r, pauseMs));
  }
  return sent;
}
/** Waits until the group has committed the whole topic. */
async function committedToEnd(group: string, timeoutMs = 90_000): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await eventually(async () => {
      const ends = await admin.fetchTopicOffsets(topics.topic);
      const [committed] = await admin.fetchOffsets({ groupId: group, topics: [topics.topic] });
      const at = new Map(committed!.partitions.map((p) => [p.partition, BigInt(p.offset)]));
      // A partition no tenant hashed to has nothing to commit (its offset stays -1).
      return ends.every((e) => e.high === e.low || (at.get(e.partition) ?? -1n) >= BigInt(e.high)) ? true : undefined;
    }, `group ${group} committing the whole topic`, timeoutMs, 250);
  } finally { await admin.disconnect(); }
}
const add = (a: Record<string, number>, b: Record<string, number>) => Object.fromEntries(tenants.map((t) => [t, (a[t] ?? 0) + (b[t] ?? 0)]));
const diff = (a: Record<string, number>, b: Record<string, number>) => tenants.reduce((n, t) => n + Math.abs((a[t] ?? 0) - (b[t] ?? 0)), 0);

describe('usage consumer SIGKILL 5 times mid-batch', () => {
  it('counts every event exactly once', async () => {
    const rec = recordScenario(inject('faultsStackDir'), 'consumer-sigkill');
    const group = uid('faults-usage-');
    await fs.consumer.start(consumerEnv(group));
    const before = await counters();
    // A stream of batches for as long as the kills go on (at most 3000 events per tenant, under its 80% mark).
    let killing = true;
    const publishing = publish(9_000, () => killing);
    const random = prng(5);
    for (let k = 0; k < 5; k++) {
      // Kill only once the consumer is applying batches again.
      const seen = diff(await counters(), before);
      await eventually(async () => (diff(await counters(), before) > seen ? true : undefined), 'the consumer applying events', 60_000, 100);
      await new Promise((r) => setTimeout(r, Math.floor(random() * 300)));
      await fs.consumer.kill('SIGKILL');
      rec.faults++;
      await fs.consumer.start(consumerEnv(group));
    }
    killing = false;
    const sent = await publishing;
    const expected = add(before, sent);
    await committedToEnd(group);
    const after = await counters();
    const over = tenants.reduce((n, t) => n + Math.max(0, after[t]! - expected[t]!), 0);
    const under = tenants.reduce((n, t) => n + Math.max(0, expected[t]! - after[t]!), 0);
    rec.lost = under;
    rec.duplicates = over;
    rec.note(`${Object.values(sent).reduce((a, b) => a + b, 0)} events over ${tenants.length} tenants`);
    expect(after).toEqual(expected);
  });
});

describe('a new consumer group replays the whole usage topic', () => {
  it('changes no counter, even once the idempotency window of the first pass has passed', async () => {
    const rec = recordScenario(inject('faultsStackDir'), 'usage-replay');
    await fs.consumer.stop();
    // A short window, so the replay comes after it, as a replay of offsets expired after 24 h would.
    const window = { USAGE_IDEMPOTENCY_TTL: '2s' };
    const countedBefore = await counters();
    const first = uid('faults-usage-first-');
    await fs.consumer.start(consumerEnv(first, window));
    await publish(300, () => true, 100, 0);
    // One event per tenant dated before its current period: refused (period_closed) on every pass.
    const stale = tenants.map((tenantId) => ({ id: uid('ue-old-'), tenantId, metric: 'email_sends', amount: 1, occurredAt: new Date(Date.now() - 40 * 86_400_000).toISOString() }));
    await producer.send({ topic: topics.topic, messages: stale.map((e) => ({ key: e.tenantId, value: JSON.stringify(e) })) });
    await committedToEnd(first);
    const counted = await counters();
    await fs.consumer.stop();
    await new Promise((r) => setTimeout(r, 2_500));

    const replay = uid('faults-usage-replay-');
    await fs.consumer.start(consumerEnv(replay, window));
    rec.faults++;
    await committedToEnd(replay);
    const after = await counters();
    const letters = await readDeadLetters(BROKERS, topics.dlqTopic);
    const staleIds = new Set(stale.map((e) => e.id));
    const refusedStale = await eventually(async () => {
      const hits = letters.dead.filter((d) => d.value !== null && staleIds.has((JSON.parse(d.value) as { id: string }).id));
      return hits.length >= 2 * stale.length ? hits : undefined;
    }, 'the stale events dead-lettered by both groups');
    await letters.close();
    rec.lost = tenants.reduce((n, t) => n + Math.max(0, counted[t]! - after[t]!), 0);
    rec.duplicates = tenants.reduce((n, t) => n + Math.max(0, after[t]! - counted[t]!), 0);
    rec.note(`replayed the whole topic under a new group; ${stale.length} events dated before the period refused on both passes`);
    expect(after).toEqual(counted);
    expect(counted).toEqual(add(countedBefore, Object.fromEntries(tenants.map((t) => [t, 100]))));
    expect(refusedStale.map((d) => d.reason)).toEqual(refusedStale.map(() => 'period_closed'));
  });
});
