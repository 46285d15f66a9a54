import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { uid } from '../../support/ids.js';
import { registerTenant } from '../../support/lifecycle.js';
import { testConfig } from '../../support/config.js';
import { startStripeFaultProxy, STRIPE_FAULTS, type StripeFaultProxy } from '../../support/stripe-fault-proxy.js';
import { startTestStack, type TestStack } from '../../support/stack.js';
import { bearer, signToken } from '../../support/tokens.js';

// Stripe's refusals and outages reach a tenant as Tenure's own errors: 502 STRIPE_ERROR or 503
// DEPENDENCY_UNAVAILABLE, never Stripe's status or Stripe's words, and each leaves an error log line
// with Stripe's request id for the operator.
let proxy: StripeFaultProxy;
let stack: TestStack;
const lines: string[] = [];
beforeAll(async () => {
  proxy = await startStripeFaultProxy(testConfig().stripe.apiBase ?? 'http://127.0.0.1:12111');
  stack = await startTestStack({ env: { STRIPE_API_BASE: proxy.url, LOG_LEVEL: 'info' }, logStream: { write: (line) => void lines.push(line) } });
});
afterAll(async () => { await stack?.close(); await proxy?.close(); });
beforeEach(() => proxy.clear());

const owner = (tenantId: string) => bearer(signToken(stack.config.auth.jwtSecret, { sub: 'owner-1', tenantId, roles: ['tenant_owner'] }));
const STRIPE_WORDS = /Invalid API Key|sk_live|No such customer|cus_SecretOtherTenant|rate limit|stripe\.com|resource_missing|invalid_request_error/i;

async function invoicesWith(fault: (typeof STRIPE_FAULTS)[keyof typeof STRIPE_FAULTS]) {
  const tenantId = uid('stripe-err-');
  await registerTenant(stack, tenantId);
  // The first call creates the tenant's customer through the proxy (forwarded to stripe-mock).
  expect((await stack.app.inject({ method: 'GET', url: '/billings/invoices', headers: owner(tenantId) })).statusCode).toBe(200);
  const requestId = `req_${uid('fault')}`;
  proxy.inject({ method: 'GET', pathPrefix: '/v1/invoices', requestId, ...fault });
  const res = await stack.app.inject({ method: 'GET', url: '/billings/invoices', headers: owner(tenantId) });
  const logged = lines.map((l) => JSON.parse(l) as { level: number; stripe?: { requestId?: string } }).filter((l) => l.stripe?.requestId === requestId);
  return { res, logged };
}

describe('Stripe errors through the error model', () => {
  it.each([
    { fault: 'authentication', what: 'a Stripe authentication failure', status: 502, code: 'STRIPE_ERROR', retryAfter: undefined },
    { fault: 'noSuchCustomer', what: 'Stripe\'s "no such customer", not as the tenant\'s own 404', status: 502, code: 'STRIPE_ERROR', retryAfter: undefined },
    { fault: 'rateLimit', what: 'Stripe\'s rate limit, not as the tenant\'s 429', status: 503, code: 'DEPENDENCY_UNAVAILABLE', retryAfter: '5' },
  ] as const)('answers $what as $status $code without Stripe\'s text, and logs it at error level', async ({ fault, status, code, retryAfter }) => {
    const { res, logged } = await invoicesWith(STRIPE_FAULTS[fault]);
    expect(res.statusCode).toBe(status);
    expect(res.json().error.code).toBe(code);
    expect(res.headers['retry-after']).toBe(retryAfter);
    expect(res.body).not.toMatch(STRIPE_WORDS);
    expect(logged.map((l) => l.level)).toEqual([50]);
  });
});
