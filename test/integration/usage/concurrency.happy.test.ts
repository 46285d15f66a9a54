import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectBillingEvents, type EventCollector } from '../../support/kafka.js';
import { startTestStack, type TestStack } from '../../support/stack.js';
import { bearer, signToken } from '../../support/tokens.js';
import { seedTenant } from '../../support/usage.js';
import { eventually } from '../../support/wait.js';

let stack: TestStack;
let graceStack: TestStack;
let events: EventCollector;
const watched: string[] = [];
beforeAll(async () => {
  [stack, graceStack] = await Promise.all([startTestStack({ worker: false }), startTestStack({ worker: false, env: { USAGE_GRACE_PERCENT: '10' } })]);
  events = await collectBillingEvents(stack.config.kafka.brokers, stack.config.kafka.billingTopic, () => watched);
});
afterAll(async () => { await events?.close(); await Promise.all([stack?.close(), graceStack?.close()]); });

const consumeMany = async (s: TestStack, tenantId: string, n: number, payload: Record<string, unknown>) => {
  const headers = bearer(signToken(s.config.auth.jwtSecret, { sub: 'svc-load', roles: ['service'] }));
  const all = await Promise.all(Array.from({ length: n }, () => s.app.inject({ method: 'POST', url: `/internal/tenants/${tenantId}/usage/consume`, headers, payload })));
  return { allowed: all.filter((r) => r.statusCode === 200), refused: all.filter((r) => r.statusCode === 402), other: all.filter((r) => ![200, 402].includes(r.statusCode)) };
};

const thresholdRows = (s: TestStack, tenantId: string) =>
  s.database.sql<{ id: string }[]>`select id from billing_events where tenant_id = ${tenantId} and type = 'usage.threshold_crossed' order by id`;

describe('consume under concurrency', () => {
  it('allows exactly the limit out of 500 parallel consumes', async () => {
    const tenantId = await seedTenant(stack, { limits: { email_sends: 100 } });
    const { allowed, refused, other } = await consumeMany(stack, tenantId, 500, { metric: 'email_sends' });
    expect(other).toEqual([]);
    expect(allowed).toHaveLength(100);
    expect(refused).toHaveLength(400);
    expect(new Set(allowed.map((r) => r.json().used)).size).toBe(100);
  });

  it('allows exactly limit plus 10% grace when the grace is 10%', async () => {
    const tenantId = await seedTenant(graceStack, { limits: { email_sends: 100 } });
    const { allowed, refused } = await consumeMany(graceStack, tenantId, 500, { metric: 'email_sends' });
    expect(allowed).toHaveLength(110);
    expect(refused).toHaveLength(390);
    expect(refused[0]!.json().error.details).toMatchObject({ used: 110, limit: 100 });
  });
});

describe('threshold crossings', () => {
  it('fires 80% and 100% once each under 60 concurrent consumers, in billing_events and on Kafka', async () => {
    const tenantId = await seedTenant(stack, { limits: { email_sends: 100 }, periodStart: Date.UTC(2026, 2, 1) });
    watched.push(tenantId);
    const { allowed } = await consumeMany(stack, tenantId, 60, { metric: 'email_sends', amount: 2 });
    expect(allowed).toHaveLength(50);
    const period = Date.UTC(2026, 2, 1);
    const ids = [80, 100].map((pct) => `${tenantId}:usage.threshold_crossed:email_sends:${period}:${pct}`);
    await eventually(async () => ((await thresholdRows(stack, tenantId)).length === 2 ? true : undefined), 'two threshold rows');
    expect((await thresholdRows(stack, tenantId)).map((r) => r.id)).toEqual(ids.sort());
    const hundred = await events.waitFor((e) => e.id === ids.find((i) => i.endsWith(':100')));
    expect(hundred.data).toMatchObject({ metric: 'email_sends', threshold: 100, limit: 100 });
    await events.waitFor((e) => e.id.endsWith(':80') && e.tenantId === tenantId);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(events.events.filter((e) => e.tenantId === tenantId).map((e) => e.id).sort()).toEqual(ids.sort());
  });

  it('does not fire again when a gauge drops and climbs back in the same period', async () => {
    const tenantId = await seedTenant(stack, { limits: { seats: 10 } });
    const headers = bearer(signToken(stack.config.auth.jwtSecret, { roles: ['service'] }));
    expect((await consumeMany(stack, tenantId, 50, { metric: 'seats' })).allowed).toHaveLength(10);
    await eventually(async () => ((await thresholdRows(stack, tenantId)).length === 2 ? true : undefined), 'two threshold rows');
    await stack.app.inject({ method: 'POST', url: `/internal/tenants/${tenantId}/usage/release`, headers, payload: { metric: 'seats', amount: 5 } });
    expect((await consumeMany(stack, tenantId, 50, { metric: 'seats' })).allowed).toHaveLength(5);
    await stack.app.usage.publisher.drainOnce();
    expect(await thresholdRows(stack, tenantId)).toHaveLength(2);
  });
});
