import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initialState, type TenantState } from '../../../domain/lifecycle/index.js';
import { defaultPlan } from '../../../db/seed/demo-plans.js';
import { toPlanSnapshot } from '../../../domain/plans/types.js';
import { toEnforcementFields } from '../../../domain/usage/enforcement.js';
import { syncEnforcement } from '../../../services/enforcement/write-enforcement.js';
import { resetUsage } from '../../../services/usage/reset-usage.js';
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
const snapshot = () => snapshotUsage({ db: stack.deps.db, redis: stack.deps.redis, log: stack.log, features: stack.deps.features })({});
const PERIOD = Date.UTC(2026, 0, 1);
const DAY = 86_400_000;
const counter = (tenantId: string, key: string) => stack.deps.redis.get(`usage:${tenantId}:${key}`).then(Number);
const dailyRecord = async (tenantId: string, metric: string) => Number((await stack.database.sql<{ value: string }[]>`
  select value from tenant_usage where kind = 'daily' and tenant_id = ${tenantId} and metric = ${metric}`)[0]?.value);

/** The workflow's state for a seeded tenant (its period, seats 5 and email_sends 100), at `version`. */
function workflowState(tenantId: string, version: number): TenantState {
  const { state } = initialState({
    tenantId, now: PERIOD, trialPlan: toPlanSnapshot(defaultPlan('starter')), freePlan: toPlanSnapshot(defaultPlan('free')),
    config: { trialPeriodMs: 14 * DAY, trialRemindersMs: [], dunningRestrictAfterMs: 7 * DAY, dunningLockAfterMs: 14 * DAY, defaultAdminLockMs: null },
  });
  return { ...state, version, plan: { ...state.plan, entitlements: { ...state.plan.entitlements, seats: { limit: 5 }, email_sends: { limit: 100 } } } };
}

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

describe('when Redis loses a tenant and a workflow step writes its enforcement first', () => {
  const sync = () => syncEnforcement({ redis: stack.deps.redis, db: stack.deps.db, features: stack.deps.features });

  it('restores the counters from the record before the limits, and the next snapshot keeps the record', async () => {
    const tenantId = await seedTenant(stack, { limits: { seats: 5, email_sends: 100 }, periodStart: PERIOD });
    await consume(tenantId, { metric: 'seats', amount: 3 });
    await consume(tenantId, { metric: 'email_sends', amount: 40 });
    await snapshot();
    await forgetTenantInRedis(stack, tenantId);

    expect(await sync()(workflowState(tenantId, 2))).toEqual({ written: true });
    expect(await counter(tenantId, 'seats:live')).toBe(3);
    expect(await counter(tenantId, `email_sends:${PERIOD}`)).toBe(40);
    expect((await consume(tenantId, { metric: 'seats', amount: 2 })).json()).toMatchObject({ used: 5, remaining: 0 });
    expect((await consume(tenantId, { metric: 'seats' })).statusCode).toBe(402);
    await snapshot();
    expect(await dailyRecord(tenantId, 'seats')).toBe(5);
    expect(await dailyRecord(tenantId, 'email_sends')).toBe(40);
  });

  it('loses and doubles nothing when consumes race the restore', async () => {
    const tenantId = await seedTenant(stack, { limits: { seats: 5, email_sends: 100 }, periodStart: PERIOD });
    await consume(tenantId, { metric: 'email_sends', amount: 30 });
    await snapshot();
    await forgetTenantInRedis(stack, tenantId);
    const [, ...all] = await Promise.all([
      sync()(workflowState(tenantId, 2)),
      ...Array.from({ length: 200 }, () => consume(tenantId, { metric: 'email_sends' })),
    ]);
    expect(all.filter((r) => r.statusCode === 200)).toHaveLength(70);
    expect(await counter(tenantId, `email_sends:${PERIOD}`)).toBe(100);
  });

  it('restores before a snapshot a hash an older writer recreated without the counters', async () => {
    const tenantId = await seedTenant(stack, { limits: { seats: 5 }, periodStart: PERIOD });
    await consume(tenantId, { metric: 'seats', amount: 3 });
    await snapshot();
    await forgetTenantInRedis(stack, tenantId);
    const fields = toEnforcementFields({
      version: 1, planId: 'starter', planName: 'Starter', periodStart: PERIOD, status: 'active', paymentStatus: 'active', access: 'full',
      entitlements: Object.fromEntries(Object.entries({ ...defaultPlan('starter').entitlements, seats: { limit: 5 } }).map(([k, value]) => [k, { value, source: 'plan' as const }])), trialEndsAt: null, paymentActionUrl: null,
    });
    await stack.deps.redis.hset(`limits:${tenantId}`, fields); // what the sync script wrote before the counters mark
    await snapshot();
    expect(await dailyRecord(tenantId, 'seats')).toBe(3);
    expect(await counter(tenantId, 'seats:live')).toBe(3);
  });

  it('archives the closing period from the record when Redis lost its counters', async () => {
    const tenantId = await seedTenant(stack, { limits: { email_sends: 100 }, periodStart: PERIOD });
    await consume(tenantId, { metric: 'email_sends', amount: 25 });
    await snapshot();
    await forgetTenantInRedis(stack, tenantId);
    const period = { start: PERIOD, end: PERIOD + 31 * DAY };
    await resetUsage({ db: stack.deps.db, redis: stack.deps.redis, log: stack.log, features: stack.deps.features })({ tenantId, period, nextPeriod: { start: period.end, end: period.end + 28 * DAY }, entitlements: { ...defaultPlan('starter').entitlements, email_sends: { limit: 100 } } });
    const rows = await stack.database.sql<{ value: string }[]>`select value from tenant_usage where kind = 'period' and tenant_id = ${tenantId} and metric = 'email_sends'`;
    expect(rows.map((r) => Number(r.value))).toEqual([25]);
  });
});
