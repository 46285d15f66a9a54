import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshotUsage } from '../../../services/usage/snapshot-usage.js';
import { startTestStack, type TestStack } from '../../support/stack.js';
import { bearer, signToken } from '../../support/tokens.js';
import { forgetTenantInRedis, seedTenant } from '../../support/usage.js';

let stack: TestStack;
beforeAll(async () => { stack = await startTestStack({ worker: false }); });
afterAll(async () => { await stack?.close(); });

const service = () => bearer(signToken(stack.config.auth.jwtSecret, { sub: 'svc', roles: ['service'] }));
const consume = (tenantId: string, payload: Record<string, unknown>) =>
  stack.app.inject({ method: 'POST', url: `/internal/tenants/${tenantId}/usage/consume`, headers: service(), payload });
const snapshot = () => snapshotUsage({ db: stack.deps.db, redis: stack.deps.redis, log: stack.log })({});

describe('when Redis loses a tenant', () => {
  it('rebuilds counters from the latest daily snapshot and keeps enforcing the limits', async () => {
    const tenantId = await seedTenant(stack, { limits: { seats: 5, email_sends: 100 } });
    await consume(tenantId, { metric: 'seats', amount: 3 });
    await consume(tenantId, { metric: 'email_sends', amount: 40 });
    const snap = await snapshot();
    expect(snap.records).toBeGreaterThanOrEqual(4);
    await consume(tenantId, { metric: 'seats' }); // after the snapshot: not in the record, lost with Redis
    expect(await forgetTenantInRedis(stack, tenantId)).toBeGreaterThan(0);

    const after = await consume(tenantId, { metric: 'seats' });
    expect(after.json()).toEqual({ allowed: true, used: 4, limit: 5, remaining: 1 });
    expect((await consume(tenantId, { metric: 'email_sends', amount: 60 })).json()).toMatchObject({ used: 100, remaining: 0 });
    expect((await consume(tenantId, { metric: 'email_sends' })).statusCode).toBe(402);
    expect((await consume(tenantId, { metric: 'seats' })).statusCode).toBe(200);
    expect((await consume(tenantId, { metric: 'seats' })).json().error.code).toBe('LIMIT_EXCEEDED');
  });

  it('holds the limit exactly when 500 parallel consumes find the keys missing', async () => {
    const tenantId = await seedTenant(stack, { limits: { email_sends: 100 } });
    await consume(tenantId, { metric: 'email_sends', amount: 30 });
    await snapshot();
    await forgetTenantInRedis(stack, tenantId);
    const all = await Promise.all(Array.from({ length: 500 }, () => consume(tenantId, { metric: 'email_sends' })));
    expect(all.filter((r) => r.statusCode === 200)).toHaveLength(70);
    expect(all.filter((r) => r.statusCode === 402)).toHaveLength(430);
  });

  it('rebuilds a blocked tenant as blocked', async () => {
    const tenantId = await seedTenant(stack, { paymentStatus: 'restricted', redis: false });
    expect((await consume(tenantId, { metric: 'seats' })).json().error.code).toBe('READ_ONLY');
  });

  it('answers the status from Postgres and repopulates Redis', async () => {
    const tenantId = await seedTenant(stack, { planId: 'free', redis: false, version: 3 });
    expect(await stack.deps.redis.exists(`limits:${tenantId}`)).toBe(0);
    const res = await stack.app.inject({ method: 'GET', url: `/internal/tenants/${tenantId}/status`, headers: service() });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ tenantId, plan: { id: 'free', name: 'Free' }, access: 'full', version: 3 });
    expect(await stack.deps.redis.hget(`limits:${tenantId}`, '_v')).toBe('3');
  });
});

describe('the daily snapshot', () => {
  it('records each counted metric once per day, skipping tenants Redis does not hold', async () => {
    const held = await seedTenant(stack);
    const lost = await seedTenant(stack, { redis: false });
    await consume(held, { metric: 'campaigns', amount: 2 });
    await snapshot();
    await consume(held, { metric: 'campaigns' });
    await snapshot();
    const rows = await stack.database.sql<{ tenant_id: string; metric: string; value: string }[]>`
      select tenant_id, metric, value from tenant_usage where kind = 'daily' and tenant_id in (${held}, ${lost}) order by metric`;
    expect(rows.map((r) => r.metric)).toEqual(['campaigns', 'email_sends', 'referred_users', 'seats']);
    expect(rows.every((r) => r.tenant_id === held)).toBe(true);
    expect(Number(rows[0]!.value)).toBe(3);
  });
});
