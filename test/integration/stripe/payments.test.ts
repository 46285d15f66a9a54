import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uid } from '../../support/ids.js';
import { registerTenant } from '../../support/lifecycle.js';
import { startTestStack, type TestStack } from '../../support/stack.js';
import { bearer, signToken } from '../../support/tokens.js';

// The billing portal, against stripe-mock, which checks the call against Stripe's OpenAPI spec
// (localstripe has no billing portal). Cards and invoices need a Stripe that keeps them:
// payments.localstripe.happy.test.ts.
let stack: TestStack;
beforeAll(async () => { stack = await startTestStack(); });
afterAll(async () => { await stack?.close(); });

const as = (tenantId: string, role: 'tenant_owner' | 'tenant_user' = 'tenant_owner') => bearer(signToken(stack.config.auth.jwtSecret, { sub: `${role}-1`, tenantId, roles: [role] }));

describe('the billing portal', () => {
  it('opens a portal session for the tenant owner, and refuses a tenant user', async () => {
    const tenantId = uid('portal-');
    await registerTenant(stack, tenantId);
    const payload = { returnUrl: new URL('/billing', stack.config.http.publicUrl).href };
    const res = await stack.app.inject({ method: 'POST', url: '/billings/portal', headers: as(tenantId), payload });
    expect(res.statusCode).toBe(200);
    expect(res.json().url).toMatch(/^https?:/);
    expect((await stack.app.inject({ method: 'POST', url: '/billings/portal', headers: as(tenantId, 'tenant_user'), payload })).statusCode).toBe(403);
  });
});
