import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uid } from '../../support/ids.js';
import { registerTenant } from '../../support/lifecycle.js';
import { signed, stripeEvent, subscriptionObject } from '../../support/stripe-payloads.js';
import { startTestStack, type TestStack } from '../../support/stack.js';
import { bearer, signToken } from '../../support/tokens.js';

const lines: string[] = [];
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({
    env: { RATE_LIMIT_MAX: '5', RATE_LIMIT_WINDOW: '1m', LOG_LEVEL: 'debug', STRIPE_SECRET_KEY: 'sk_test_SECRETsecretSECRET123', STRIPE_WEBHOOK_SECRET: 'whsec_SECRETwebhookSECRET', JWT_SECRET: 'jwt-SECRET-jwt-SECRET-jwt-SECRET-0123456789' },
    logStream: { write: (line: string) => void lines.push(line) },
  });
});
afterAll(async () => { await stack?.close(); });

describe('rate limits', () => {
  it('answers 429 with Retry-After once a caller exceeds its budget', async () => {
    const token = bearer(signToken(stack.config.auth.jwtSecret, { sub: uid('greedy-'), roles: ['service'] }));
    const codes: number[] = [];
    let last;
    for (let i = 0; i < 7; i++) {
      last = await stack.app.inject({ method: 'GET', url: '/internal/tenants/nobody/status', headers: token });
      codes.push(last.statusCode);
    }
    expect(codes.slice(0, 5).every((c) => c === 404)).toBe(true);
    expect(codes.slice(5)).toEqual([429, 429]);
    expect(Number(last!.headers['retry-after'])).toBeGreaterThan(0);
    expect(last!.json().error.code).toBe('RATE_LIMITED');
  });
});

describe('secrets never reach the logs', () => {
  it('logs a webhook and a checkout without any secret, token or signature', async () => {
    const tenantId = uid('logs-');
    await registerTenant(stack, tenantId);
    const event = stripeEvent(uid('evt_'), 'customer.subscription.updated', subscriptionObject({ tenantId, customer: uid('cus_') }));
    const hook = signed(event, stack.config.stripe.webhookSecret);
    expect((await stack.app.inject({ method: 'POST', url: '/webhooks/stripe', payload: hook.payload, headers: hook.headers })).statusCode).toBe(200);
    const token = signToken(stack.config.auth.jwtSecret, { sub: uid('owner-'), tenantId, roles: ['tenant_owner'] });
    await stack.app.inject({ method: 'POST', url: '/billings/subscription/checkout', headers: bearer(token), payload: { planId: 'growth', successUrl: new URL('/billing?ok', stack.config.http.publicUrl).href, cancelUrl: new URL('/billing', stack.config.http.publicUrl).href } });
    await stack.app.inject({ method: 'POST', url: `/admin/tenants/${tenantId}/lock`, headers: bearer(signToken(stack.config.auth.jwtSecret, { roles: ['platform_admin'] })), payload: { reason: 'r', password: 'hunter2-hunter2' } });
    const text = lines.join('');
    expect(text).toContain('stripe webhook');
    for (const secret of ['sk_test_SECRETsecretSECRET123', 'whsec_SECRETwebhookSECRET', 'jwt-SECRET-jwt-SECRET', token, hook.headers['stripe-signature']!, 'hunter2-hunter2']) {
      expect(text.includes(secret), `log contains ${secret.slice(0, 12)}...`).toBe(false);
    }
  });
});
