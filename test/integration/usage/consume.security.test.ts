import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../../support/stack.js';
import { bearer, signToken } from '../../support/tokens.js';
import { seedTenant } from '../../support/usage.js';

// The hot routes remember a verified service token until it expires; that must never let anything
// else through.
let stack: TestStack;
beforeAll(async () => { stack = await startTestStack({ worker: false }); });
afterAll(async () => { await stack?.close(); });

const consume = (tenantId: string, token: string) =>
  stack.app.inject({ method: 'POST', url: `/internal/tenants/${tenantId}/usage/consume`, headers: bearer(token), payload: { metric: 'email_sends' } });

describe('consume authentication', () => {
  it('still refuses other roles, forged and expired tokens once a service token is remembered', async () => {
    const tenantId = await seedTenant(stack);
    const secret = stack.config.auth.jwtSecret;
    expect((await consume(tenantId, signToken(secret, { sub: 'svc', roles: ['service'] }))).statusCode).toBe(200);
    expect((await consume(tenantId, signToken(secret, { sub: 'svc', tenantId, roles: ['tenant_owner'] }))).statusCode).toBe(403);
    expect((await consume(tenantId, signToken('another-secret-another-secret-another-secret', { sub: 'svc', roles: ['service'] }))).statusCode).toBe(401);
    expect((await consume(tenantId, signToken(secret, { sub: 'svc', roles: ['service'], exp: Math.floor(Date.now() / 1000) - 5 }))).statusCode).toBe(401);
    expect((await consume(tenantId, signToken(secret, { roles: ['service'] }, { alg: 'none', typ: 'JWT' }))).statusCode).toBe(401);
  });

  it('forgets a remembered token when it expires', async () => {
    const tenantId = await seedTenant(stack);
    const token = signToken(stack.config.auth.jwtSecret, { sub: 'svc-short', roles: ['service'], exp: Math.floor(Date.now() / 1000) + 2 });
    expect((await consume(tenantId, token)).statusCode).toBe(200);
    expect((await consume(tenantId, token)).statusCode).toBe(200);
    await new Promise((r) => setTimeout(r, 2_500));
    expect((await consume(tenantId, token)).statusCode).toBe(401);
  });
});
