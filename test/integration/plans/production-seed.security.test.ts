import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uid } from '../../support/ids.js';
import { startTestStack, type TestStack } from '../../support/stack.js';
import { bearer, signToken } from '../../support/tokens.js';
import { adminHeaders, planBody } from './plan-helpers.js';

// A database migrated for production holds no demo plans (no `enterprise-acme` bound to a tenant
// `acme`, no demo prices): it starts with what the operator defines. Until the operator defines the
// plans the lifecycle needs (`starter` for trials, `free` to fall back to), registering a tenant
// says so.

let stack: TestStack;
beforeAll(async () => { stack = await startTestStack({ seedEnv: 'production' }); });
afterAll(async () => { await stack?.close(); });

const service = () => bearer(signToken(stack.config.auth.jwtSecret, { sub: 'svc', roles: ['service'] }));
const register = (tenantId: string) => stack.app.inject({ method: 'POST', url: '/tenants', headers: service(), payload: { tenantId, email: `${tenantId}@example.com` } });

describe('a production database', () => {
  it('has no demo plans', async () => {
    const all = await stack.app.inject({ method: 'GET', url: '/admin/plans?includeInactive=true', headers: adminHeaders(stack) });
    expect(all.statusCode).toBe(200);
    expect(all.json()).toMatchObject({ plans: [], total: 0 });
    expect((await stack.app.inject({ method: 'GET', url: '/admin/plans/enterprise-acme', headers: adminHeaders(stack) })).statusCode).toBe(404);
    expect((await stack.app.inject({ method: 'GET', url: '/plans' })).json().plans).toEqual([]);
  });

  it('refuses to register a tenant until the operator defines the trial and free plans, then registers it', async () => {
    const refused = await register(uid('prod-'));
    expect(refused.statusCode).toBe(404);
    expect(refused.json().error).toMatchObject({ code: 'PLAN_NOT_FOUND', message: expect.stringContaining("define the plans 'starter' and 'free'") });

    // A production catalog starts empty: the operator declares the features the plans grant, then the plans.
    const kinds = { referred_users: 'monthly', campaigns: 'gauge', seats: 'gauge', leaderboard_entries: 'read', email_sends: 'monthly' };
    for (const [key, kind] of Object.entries(kinds)) {
      const feature = await stack.app.inject({ method: 'POST', url: '/admin/features', headers: adminHeaders(stack), payload: { key, name: key, kind } });
      expect(feature.statusCode).toBe(201);
    }
    for (const [id, rank, price] of [['free', 0, 0], ['starter', 10, 2_900]] as const) {
      const created = await stack.app.inject({ method: 'POST', url: '/admin/plans', headers: adminHeaders(stack), payload: planBody(id, { rank, priceMonthlyCents: price, priceAnnualCents: null }) });
      expect(created.statusCode).toBe(201);
    }
    const t = uid('prod-');
    const registered = await register(t);
    expect(registered.statusCode).toBe(201);
    expect((await stack.app.inject({ method: 'GET', url: '/plans' })).json().plans.map((p: { id: string }) => p.id)).toEqual(['free', 'starter']);
  });
});
