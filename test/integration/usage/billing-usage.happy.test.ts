import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertUsageRecords } from '../../../db/queries/tenant-usage.js';
import { periodDate } from '../../../domain/usage/metrics.js';
import { startTestStack, type TestStack } from '../../support/stack.js';
import { bearer, signToken } from '../../support/tokens.js';
import { seedTenant } from '../../support/usage.js';

let stack: TestStack;
beforeAll(async () => { stack = await startTestStack({ worker: false }); });
afterAll(async () => { await stack?.close(); });

const DAY = 86_400_000;
const token = (tenantId: string | null, roles: ('tenant_user' | 'tenant_owner' | 'service')[] = ['tenant_user']) => bearer(signToken(stack.config.auth.jwtSecret, { tenantId, roles }));
const service = () => token(null, ['service']);

async function archivePeriods(tenantId: string, metric: string, values: number[], start: number) {
  await upsertUsageRecords(stack.deps.db, values.map((value, i) => {
    const periodStart = start - (i + 1) * 31 * DAY;
    return { tenantId, metric, kind: 'period' as const, periodStart: new Date(periodStart), periodDate: periodDate(periodStart), value, limitValue: 5_000 };
  }));
}

describe('GET /billings/usage', () => {
  it('reports used, limit, percent, six past periods, the trend and the projection, for the token\'s tenant', async () => {
    const periodStart = Date.now() - 10 * DAY;
    const tenantId = await seedTenant(stack, { planId: 'starter', periodStart });
    await seedTenant(stack, { tenantId: `${tenantId}-other` });
    await archivePeriods(tenantId, 'email_sends', [100, 120, 110, 90, 100, 80, 5_000], periodStart);
    await stack.app.inject({ method: 'POST', url: `/internal/tenants/${tenantId}/usage/consume`, headers: service(), payload: { metric: 'email_sends', amount: 1_000 } });
    await stack.app.inject({ method: 'POST', url: `/internal/tenants/${tenantId}/usage/consume`, headers: service(), payload: { metric: 'seats', amount: 2 } });

    const res = await stack.app.inject({ method: 'GET', url: '/billings/usage', headers: token(tenantId) });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ tenantId, planId: 'starter', period: { start: new Date(periodStart).toISOString() } });
    const email = body.metrics.find((m: { metric: string }) => m.metric === 'email_sends');
    expect(email).toMatchObject({ kind: 'monthly', used: 1_000, limit: 5_000, percent: 20, trend: 'up' });
    expect(email.history.map((h: { used: number }) => h.used)).toEqual([100, 120, 110, 90, 100, 80]);
    expect(email.projection).toBeGreaterThan(3_000);
    expect(email.projection).toBeLessThan(3_200);
    expect(body.metrics.find((m: { metric: string }) => m.metric === 'seats')).toMatchObject({ kind: 'gauge', used: 2, limit: 3, percent: 66.7, projection: 2, trend: null, history: [] });
    expect(body.metrics.find((m: { metric: string }) => m.metric === 'leaderboard_entries')).toMatchObject({ kind: 'read', used: null, limit: 50, percent: null, projection: null });
  });
});
