import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uid } from '../../support/ids.js';
import { registerTenant, stateWhere, workflowState } from '../../support/lifecycle.js';
import { signed, stripeEvent, subscriptionObject } from '../../support/stripe-payloads.js';
import { startTestStack, type TestStack } from '../../support/stack.js';
import { bearer, signToken } from '../../support/tokens.js';
import { ROUTE_ACCESS, concreteUrl } from './route-matrix.js';

// Tenant A's token, on every tenant route, can neither read nor change tenant B.
let stack: TestStack;
const a = uid('iso-a-');
const b = uid('iso-b-');
const customerB = uid('cus_');
// Checkout and the portal only redirect to PUBLIC_URL's origin.
const HOME = 'http://127.0.0.1:3000';
beforeAll(async () => {
  stack = await startTestStack({ env: { PUBLIC_URL: HOME } });
  await registerTenant(stack, a);
  await registerTenant(stack, b);
  const hook = signed(stripeEvent(uid('evt_'), 'customer.subscription.created', subscriptionObject({ id: `sub_${b}`, tenantId: b, customer: customerB })), stack.config.stripe.webhookSecret);
  await stack.app.inject({ method: 'POST', url: '/webhooks/stripe', payload: hook.payload, headers: hook.headers });
  await stateWhere(stack, b, (s) => s.subscription !== null, 'B subscribed');
});
afterAll(async () => { await stack?.close(); });

const BODIES: Record<string, object> = {
  'POST /billings/subscription/checkout': { planId: 'growth', successUrl: `${HOME}/billing?ok`, cancelUrl: `${HOME}/billing` },
  'POST /billings/subscription/upgrade/preview': { planId: 'growth' },
  'POST /billings/subscription/upgrade': { planId: 'growth' },
  'POST /billings/subscription/downgrade': { planId: 'free' },
  'POST /billings/subscription/cancel': { reason: 'isolation test' },
  'POST /billings/portal': { returnUrl: `${HOME}/billing` },
  'PUT /billings/contact': { name: 'Tenant A', email: 'billing@a.test' },
};
const tenantRoutes = Object.entries(ROUTE_ACCESS).filter(([, access]) => Array.isArray(access) && access.some((r) => r.startsWith('tenant'))).map(([k]) => k);

describe('tenant isolation', () => {
  it('never reveals or changes tenant B through any tenant route called with tenant A\'s token', async () => {
    const before = await workflowState(stack, b);
    const token = bearer(signToken(stack.config.auth.jwtSecret, { sub: 'owner-a', tenantId: a, roles: ['tenant_owner'] }));
    expect(tenantRoutes.length).toBeGreaterThanOrEqual(15);
    for (const key of tenantRoutes) {
      const [method, path] = key.split(' ') as ['GET' | 'POST' | 'PUT' | 'DELETE', string];
      // The tenant never comes from the URL: B's id in the query string is ignored or refused.
      const url = `${concreteUrl(path, b)}${path.includes('?') ? '&' : '?'}tenantId=${b}`;
      const res = await stack.app.inject({ method, url, headers: token, ...(BODIES[key] ? { payload: BODIES[key] } : {}) });
      expect(res.body, key).not.toContain(b);
      expect(res.body, key).not.toContain(customerB);
      if (res.statusCode === 200 && res.json().tenantId !== undefined) expect(res.json().tenantId, key).toBe(a);
    }
    const after = await workflowState(stack, b);
    expect(after.version).toBe(before.version);
    expect(after.subscription?.cancelAtPeriodEnd).toBe(false);
  });

  it('refuses a tenant id smuggled into a body', async () => {
    const token = bearer(signToken(stack.config.auth.jwtSecret, { tenantId: a, roles: ['tenant_owner'] }));
    const res = await stack.app.inject({ method: 'POST', url: '/billings/subscription/cancel', headers: token, payload: { reason: 'x', tenantId: b } });
    expect(res.statusCode).toBe(400);
    expect((await workflowState(stack, b)).subscription?.cancelAtPeriodEnd).toBe(false);
  });
  // Tenant B's invoices, cards and PDF links: payments.localstripe.happy.test.ts, where B owns real ones.
});
