import { Kafka, logLevel } from 'kafkajs';
import { enforcementFromRow } from '../../services/usage/rebuild-counters.js';
import { createThresholdPublisher } from '../../services/usage/threshold-publisher.js';
import { createUsageService } from '../../services/usage/usage-service.js';
import { createKafka } from '../../config/clients.js';
import { createUsageConsumerMetrics, type UsageConsumerMetrics } from '../../config/metrics.js';
import { createUsageConsumer, type UsageConsumer } from '../../workers/usage-consumer-core.js';
import { restoreFromRecord, writeEnforcement } from '../../services/enforcement/write-enforcement.js';
import { findTenant, upsertProjection } from '../../db/queries/tenants.js';
import type { PaymentStatus, TenantStatus } from '../../domain/lifecycle/types.js';
import { defaultPlan } from '../../db/seed/demo-plans.js';
import { meteredLimits } from '../../domain/plans/types.js';
import { startTestStack, type TestStack } from './stack.js';
import { uid } from './ids.js';

// Sets up tenants for usage tests without the lifecycle workflow: a projection row in Postgres plus
// the Redis enforcement record the workflow's syncEnforcement would write.

export interface SeedTenantInput {
  tenantId?: string;
  planId?: string;
  /** Metered limits by feature key, over the plan's (the seeded row holds no workflow state, so no boolean features). */
  limits?: Record<string, number | null>;
  status?: TenantStatus;
  paymentStatus?: PaymentStatus;
  periodStart?: number;
  version?: number;
  /** false: only the Postgres row, as if Redis had lost the tenant. */
  redis?: boolean;
}

const DAY = 86_400_000;

function accessOf(status: TenantStatus, paymentStatus: PaymentStatus): 'full' | 'read_only' | 'none' {
  if (status !== 'active' || paymentStatus === 'locked') return 'none';
  return paymentStatus === 'restricted' ? 'read_only' : 'full';
}

/** Seeds one tenant; returns its id. */
export async function seedTenant(stack: TestStack, input: SeedTenantInput = {}): Promise<string> {
  const tenantId = input.tenantId ?? uid('tn-');
  const plan = defaultPlan(input.planId ?? 'starter');
  const status = input.status ?? 'active';
  const paymentStatus = input.paymentStatus ?? 'active';
  const periodStart = input.periodStart ?? Date.UTC(2026, 0, 1);
  await upsertProjection(stack.deps.db, {
    tenantId, name: tenantId, email: null, status, paymentStatus, access: accessOf(status, paymentStatus),
    planId: plan.id, planName: plan.name, limits: { ...meteredLimits(plan.entitlements), ...input.limits },
    usagePeriodStart: new Date(periodStart), usagePeriodEnd: new Date(periodStart + 31 * DAY),
    version: input.version ?? 1, state: {},
  });
  if (input.redis !== false) await syncFromProjection(stack, tenantId);
  return tenantId;
}

/** Writes the tenant's Redis record from its projection row (what the workflow's sync would write). */
export async function syncFromProjection(stack: TestStack, tenantId: string): Promise<void> {
  const row = await findTenant(stack.deps.db, tenantId);
  if (!row) throw new Error(`no projection row for ${tenantId}`);
  await writeEnforcement(stack.deps.redis, enforcementFromRow(row), restoreFromRecord(stack.deps.db, stack.deps.features));
}

/** Deletes every Redis key of one tenant under the test's prefix (never anything else). */
export async function forgetTenantInRedis(stack: TestStack, tenantId: string): Promise<number> {
  const prefix = stack.config.redis.keyPrefix;
  const keys = (await stack.deps.redis.keys(`${prefix}*:${tenantId}*`)).map((k) => k.slice(prefix.length));
  const own = keys.filter((k) => k.split(':')[1] === tenantId);
  return own.length > 0 ? stack.deps.redis.del(...own) : 0;
}

/** Creates fresh usage and dead-letter topics for one test file; drop() deletes them. */
export async function createUsageTopics(brokers: string[]): Promise<{ topic: string; dlqTopic: string; drop(): Promise<void> }> {
  const admin = new Kafka({ clientId: uid('test-admin-'), brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  const topic = uid('usage.events.test.');
  const dlqTopic = `${topic}.dlq`;
  await admin.createTopics({ topics: [{ topic, numPartitions: 2 }, { topic: dlqTopic, numPartitions: 1 }], waitForLeaders: true });
  return {
    topic, dlqTopic,
    async drop() {
      await admin.deleteTopics({ topics: [topic, dlqTopic] }).catch(() => undefined);
      await admin.disconnect();
    },
  };
}

/** Runs the usage consumer (as workers/usage-consumer.ts wires it) against the stack's topics and services. */
export async function startUsageConsumer(stack: TestStack, groupId = uid('test-usage-')): Promise<UsageConsumer & { metrics: UsageConsumerMetrics; close(): Promise<void> }> {
  const { redis, db } = stack.deps;
  const publisher = createThresholdPublisher({ redis, db, log: stack.log });
  const { gracePercent, idempotencyTtlMs, eventDedupeMarginMs } = stack.config.usage;
  const usage = createUsageService({ redis, db, log: stack.log, features: stack.deps.features, gracePercent, idempotencyTtlMs, eventDedupeMarginMs, onThresholdCrossed: () => publisher.kick() });
  const metrics = createUsageConsumerMetrics();
  const consumer = createUsageConsumer({
    kafka: createKafka(stack.config, stack.log), producer: stack.producer, usage, topic: stack.config.kafka.usageTopic, dlqTopic: stack.config.kafka.usageDlqTopic, groupId, log: stack.log, metrics,
  });
  await consumer.start();
  await consumer.joined();
  return { ...consumer, metrics, close: async () => { await consumer.stop(); await publisher.stop(); } };
}

export interface DeadLetter { value: string | null; reason: string; offset: string }

/** Reads a usage DLQ topic from the start into `dead`, with each letter's reason and source offset. */
export async function readDeadLetters(brokers: string[], topic: string): Promise<{ dead: DeadLetter[]; close(): Promise<void> }> {
  const dead: DeadLetter[] = [];
  const reader = new Kafka({ clientId: uid('dlq-'), brokers, logLevel: logLevel.NOTHING }).consumer({ groupId: uid('dlq-reader-') });
  await reader.connect();
  await reader.subscribe({ topic, fromBeginning: true });
  await reader.run({
    eachMessage: async ({ message }) => {
      dead.push({ value: message.value?.toString() ?? null, reason: String(message.headers?.['dlq-reason'] ?? ''), offset: String(message.headers?.['dlq-source-offset'] ?? '') });
    },
  });
  return { dead, close: () => reader.disconnect() };
}

export interface ConsumerStack {
  stack: TestStack;
  topics: Awaited<ReturnType<typeof createUsageTopics>>;
  consumer: Awaited<ReturnType<typeof startUsageConsumer>>;
  dlq: Awaited<ReturnType<typeof readDeadLetters>>;
  close(): Promise<void>;
}

/** One test file's stack on fresh usage topics, with a running usage consumer and a reader of its DLQ. */
export async function startConsumerStack(brokers: string[]): Promise<ConsumerStack> {
  const topics = await createUsageTopics(brokers);
  const stack = await startTestStack({ worker: false, env: { KAFKA_USAGE_TOPIC: topics.topic, KAFKA_USAGE_DLQ_TOPIC: topics.dlqTopic } });
  const consumer = await startUsageConsumer(stack);
  const dlq = await readDeadLetters(stack.config.kafka.brokers, topics.dlqTopic);
  return { stack, topics, consumer, dlq, close: async () => { await dlq.close(); await consumer.close(); await stack.close(); await topics.drop(); } };
}
