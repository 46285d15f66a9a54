import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../../support/stack.js';
import { bearer, signToken } from '../../support/tokens.js';
import { seedTenant } from '../../support/usage.js';

let stack: TestStack;
beforeAll(async () => { stack = await startTestStack({ worker: false }); });
afterAll(async () => { await stack?.close(); });

const token = (tenantId: string | null, roles: ('tenant_user' | 'tenant_owner' | 'service')[] = ['tenant_user']) => bearer(signToken(stack.config.auth.jwtSecret, { tenantId, roles }));
const service = () => token(null, ['service']);

describe('GET /billings/usage security', () => {
  it('takes the tenant from the token only', async () => {
    const mine = await seedTenant(stack);
    const theirs = await seedTenant(stack);
    await stack.app.inject({ method: 'POST', url: `/internal/tenants/${theirs}/usage/consume`, headers: service(), payload: { metric: 'seats', amount: 3 } });
    const res = await stack.app.inject({ method: 'GET', url: `/billings/usage?tenantId=${theirs}`, headers: token(mine, ['tenant_owner']) });
    expect(res.statusCode).toBe(200);
    expect(res.json().tenantId).toBe(mine);
    expect(res.json().metrics.find((m: { metric: string }) => m.metric === 'seats').used).toBe(0);
  });

  it('refuses tokens without a tenant or a tenant role', async () => {
    expect((await stack.app.inject({ method: 'GET', url: '/billings/usage', headers: service() })).statusCode).toBe(403);
    expect((await stack.app.inject({ method: 'GET', url: '/billings/usage', headers: token(null) })).json().error.code).toBe('FORBIDDEN');
    expect((await stack.app.inject({ method: 'GET', url: '/billings/usage' })).statusCode).toBe(401);
  });
});
