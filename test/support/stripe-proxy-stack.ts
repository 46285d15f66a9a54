import { afterAll, beforeAll, beforeEach } from 'vitest';
import { testConfig } from './config.js';
import { startStripeFaultProxy, type StripeFaultProxy } from './stripe-fault-proxy.js';
import { startTestStack, type TestStack } from './stack.js';
import { bearer, signToken } from './tokens.js';

type ProxyOptions = Parameters<typeof startStripeFaultProxy>[1];

/**
 * For one test file: a test stack whose Stripe client goes through a recording fault proxy in front
 * of stripe-mock. Registers the file's hooks (start, stop, and a clean proxy before each test).
 */
export function useStackBehindStripeProxy(opts: { proxy?: ProxyOptions; env?: Record<string, string> } = {}) {
  const ctx = {} as { stack: TestStack; proxy: StripeFaultProxy };
  beforeAll(async () => {
    ctx.proxy = await startStripeFaultProxy(testConfig().stripe.apiBase ?? 'http://127.0.0.1:12111', opts.proxy);
    ctx.stack = await startTestStack({ env: { STRIPE_API_BASE: ctx.proxy.url, ...opts.env } });
  });
  afterAll(async () => { await ctx.stack?.close(); await ctx.proxy?.close(); });
  beforeEach(() => ctx.proxy.clear());
  return ctx;
}

/** The headers of the tenant owner's bearer token. */
export const ownerOf = (stack: TestStack, tenantId: string) => bearer(signToken(stack.config.auth.jwtSecret, { sub: 'owner-1', tenantId, roles: ['tenant_owner'] }));
