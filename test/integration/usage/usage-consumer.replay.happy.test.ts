import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertProjection, findTenant } from '../../../db/queries/tenants.js';
import { PERIOD_CLOSED } from '../../../workers/usage-consumer-core.js';
import { testConfig } from '../../support/config.js';
import { uid } from '../../support/ids.js';
import { bearer, signToken } from '../../support/tokens.js';
import { seedTenant, startConsumerStack, startUsageConsumer, syncFromProjection, type ConsumerStack } from '../../support/usage.js';
import { eventually } from '../../support/wait.js';

// Replaying usage.events (a new consumer group, or offsets expired) against real Kafka and Redis:
// each event counts in the period its occurredAt falls in, once, however late the replay.
let s: ConsumerStack;
beforeAll(async () => { s = await startConsumerStack(testConfig().kafka.brokers); });
afterAll(async () => { await s?.close(); });

const DAY = 86_400_000;
const HOUR = 3_600_000;
type UsageEvent = { id: string; tenantId: string; metric: string; amount: number; occurredAt: string };
const event = (tenantId: string, amount: number, at = Date.now()): UsageEvent => ({ id: uid('ev-'), tenantId, metric: 'email_sends', amount, occurredAt: new Date(at).toISOString() });
const send = (events: UsageEvent[]) => s.stack.producer.send({ topic: s.topics.topic, messages: events.map((e) => ({ key: e.tenantId, value: JSON.stringify(e) })) });
const counter = (tenantId: string, period: number) => s.stack.deps.redis.get(`usage:${tenantId}:email_sends:${period}`).then(Number);
const reachCounter = (tenantId: string, period: number, value: number) =>
  eventually(async () => ((await counter(tenantId, period)) === value ? true : undefined), `email_sends = ${value}`);
const closedLetters = (events: UsageEvent[]) => s.dlq.dead.filter((d) => d.reason === PERIOD_CLOSED && events.some((e) => d.value?.includes(e.id)));
const refusedClosed = async (c: ConsumerStack['consumer']) => (await c.metrics.usageEventsRefused.get()).values.find((v) => v.labels.reason === PERIOD_CLOSED)?.value ?? 0;

/** Moves the tenant to a new usage period starting at `start`, as the lifecycle's rollover would. */
async function rollOver(tenantId: string, start: number): Promise<void> {
  const row = (await findTenant(s.stack.deps.db, tenantId))!;
  await upsertProjection(s.stack.deps.db, { ...row, usagePeriodStart: new Date(start), usagePeriodEnd: new Date(start + 30 * DAY), version: row.version + 1, state: {} });
  await syncFromProjection(s.stack, tenantId);
}

describe('usage events and their period', () => {
  it('refuses an event dated before the current period: dead-lettered as period_closed, counted, nothing applied', async () => {
    const start = Date.now() - DAY;
    const tenantId = await seedTenant(s.stack, { periodStart: start });
    const late = event(tenantId, 3, start - HOUR);
    await send([event(tenantId, 5), late, event(tenantId, 2)]);
    await reachCounter(tenantId, start, 7);
    await eventually(async () => (closedLetters([late]).length === 1 ? true : undefined), 'the late event in the DLQ');
    expect(await refusedClosed(s.consumer)).toBeGreaterThanOrEqual(1);
    expect(await counter(tenantId, start - DAY)).toBe(0);
  });

  it('keeps an applied event id until its period ends plus the margin; the API keeps its 24 h', async () => {
    const start = Date.now() - DAY;
    const tenantId = await seedTenant(s.stack, { periodStart: start }); // the period ends 30 days from now
    const applied = event(tenantId, 1);
    await send([applied]);
    await reachCounter(tenantId, start, 1);
    const untilEnd = (start + 31 * DAY - Date.now()) / 1000;
    expect(await s.stack.deps.redis.ttl(`idem:consume:${tenantId}:${applied.id}`)).toBeGreaterThan(untilEnd + s.stack.config.usage.eventDedupeMarginMs / 1000 - 60);
    const token = bearer(signToken(s.stack.config.auth.jwtSecret, { sub: 'svc', roles: ['service'] }));
    await s.stack.app.inject({ method: 'POST', url: `/internal/tenants/${tenantId}/usage/consume`, headers: token, payload: { metric: 'email_sends', idempotencyKey: 'http-1' } });
    const httpTtl = await s.stack.deps.redis.ttl(`idem:consume:${tenantId}:http-1`);
    expect(httpTtl).toBeGreaterThan(0);
    expect(httpTtl).toBeLessThanOrEqual(s.stack.config.usage.idempotencyTtlMs / 1000);
  });

  it('changes no counter when a new group replays the whole topic, before and after the period closed', async () => {
    const start = Date.now() - DAY;
    const tenantId = await seedTenant(s.stack, { periodStart: start });
    const events = [event(tenantId, 4), event(tenantId, 6)];
    await send(events);
    await reachCounter(tenantId, start, 10);

    const early = await startUsageConsumer(s.stack);
    try {
      await eventually(async () => (early.stats.duplicates >= 2 ? true : undefined), 'the first replay to reach the events');
    } finally {
      await early.close();
    }
    expect(await counter(tenantId, start)).toBe(10);

    // The period closes, and long after it the event ids have expired: a replay is refused by date.
    const next = Date.now();
    await rollOver(tenantId, next);
    await s.stack.deps.redis.del(...events.map((e) => `idem:consume:${tenantId}:${e.id}`));
    const late = await startUsageConsumer(s.stack);
    try {
      await eventually(async () => (closedLetters(events).length >= 2 ? true : undefined), 'the late replay to refuse the events');
      expect(await refusedClosed(late)).toBeGreaterThanOrEqual(2);
    } finally {
      await late.close();
    }
    expect(await counter(tenantId, start)).toBe(10);
    expect(await counter(tenantId, next)).toBe(0);
  });
});
