import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uid } from '../../support/ids.js';
import { registerTenant } from '../../support/lifecycle.js';
import { startTestStack, type TestStack } from '../../support/stack.js';
import { bearer, signToken } from '../../support/tokens.js';

// Checkout and the portal send the customer back to successUrl, cancelUrl and returnUrl: only to
// the origins of ALLOWED_REDIRECT_ORIGINS (default: PUBLIC_URL's origin), never to any host.
let stack: TestStack;
let listed: TestStack;
const tenantId = uid('redir-');
const listedTenant = uid('redir-l-');
const LISTED = ['https://app.tenure.test', 'https://admin.tenure.test:8443'];
beforeAll(async () => {
  stack = await startTestStack();
  listed = await startTestStack({ env: { ALLOWED_REDIRECT_ORIGINS: LISTED.join(', ') } });
  await registerTenant(stack, tenantId);
  await registerTenant(listed, listedTenant);
});
afterAll(async () => { await stack?.close(); await listed?.close(); });

const ownerOf = (s: TestStack, t: string) => bearer(signToken(s.config.auth.jwtSecret, { sub: 'owner-1', tenantId: t, roles: ['tenant_owner'] }));
const checkout = (s: TestStack, t: string, successUrl: string, cancelUrl: string) =>
  s.app.inject({ method: 'POST', url: '/billings/subscription/checkout', headers: ownerOf(s, t), payload: { planId: 'starter', successUrl, cancelUrl } });
const portal = (s: TestStack, t: string, returnUrl: string) =>
  s.app.inject({ method: 'POST', url: '/billings/portal', headers: ownerOf(s, t), payload: { returnUrl } });

function expectRefused(res: { statusCode: number; body: string; json(): { error: { code: string; message: string } } }, field: string, label: string): void {
  expect(res.statusCode, label).toBe(400);
  expect(res.json().error.code, label).toBe('VALIDATION_FAILED');
  expect(res.json().error.message, label).toContain(field);
}

const FOREIGN = ['https://evil.example/phish', 'http://evil.example', 'https://127.0.0.1.evil.example/x', 'http://127.0.0.1:3000@evil.example/'];

describe('redirect targets (default: PUBLIC_URL\'s origin)', () => {
  const home = () => new URL(stack.config.http.publicUrl).origin;

  it('refuses a successUrl or cancelUrl on another origin, naming the field', async () => {
    for (const foreign of FOREIGN) {
      expectRefused(await checkout(stack, tenantId, foreign, `${home()}/billing`), 'successUrl', `successUrl ${foreign}`);
      expectRefused(await checkout(stack, tenantId, `${home()}/billing`, foreign), 'cancelUrl', `cancelUrl ${foreign}`);
    }
    const otherPort = new URL(home());
    otherPort.port = String(Number(otherPort.port || 80) + 1);
    expectRefused(await checkout(stack, tenantId, `${otherPort.origin}/ok`, `${home()}/billing`), 'successUrl', 'another port');
  });

  it('refuses a returnUrl on another origin, naming the field', async () => {
    for (const foreign of FOREIGN) expectRefused(await portal(stack, tenantId, foreign), 'returnUrl', `returnUrl ${foreign}`);
  });

  it('accepts targets on PUBLIC_URL\'s origin', async () => {
    const ok = await checkout(stack, tenantId, `${home()}/billing?done=1`, `${home()}/billing`);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().sessionId).toMatch(/^cs_/);
    const back = await portal(stack, tenantId, `${home()}/billing`);
    expect(back.statusCode, back.body).toBe(200);
  });
});

describe('redirect targets with ALLOWED_REDIRECT_ORIGINS', () => {
  it('accepts every listed origin and nothing else, not even PUBLIC_URL\'s', async () => {
    const ok = await checkout(listed, listedTenant, `${LISTED[0]}/billing/ok`, `${LISTED[1]}/back`);
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await portal(listed, listedTenant, `${LISTED[1]}/settings`)).statusCode).toBe(200);
    const home = new URL(listed.config.http.publicUrl).origin;
    expectRefused(await checkout(listed, listedTenant, `${home}/billing`, `${LISTED[0]}/x`), 'successUrl', 'PUBLIC_URL when a list is set');
    expectRefused(await portal(listed, listedTenant, 'https://admin.tenure.test/settings'), 'returnUrl', 'listed host on another port');
  });
});
