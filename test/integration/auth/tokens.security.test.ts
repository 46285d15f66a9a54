import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uid } from '../../support/ids.js';
import { registerTenant } from '../../support/lifecycle.js';
import { startTestStack, type TestStack } from '../../support/stack.js';
import { bearer, signToken, type TestClaims } from '../../support/tokens.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const HOUR = 3600;
const DAY = 24 * HOUR;

let stack: TestStack;
let pinned: TestStack;
const tenantId = uid('tok-sec-');
beforeAll(async () => {
  stack = await startTestStack();
  await registerTenant(stack, tenantId);
  pinned = await startTestStack({ worker: false, env: { JWT_ISSUER: 'https://auth.tenure.test', JWT_AUDIENCE: 'tenure-api' } });
});
afterAll(async () => { await stack?.close(); await pinned?.close(); });

const now = () => Math.floor(Date.now() / 1000);
const sign = (s: TestStack, claims: TestClaims) => signToken(s.config.auth.jwtSecret, claims);
const asAdmin = (s: TestStack, claims: Partial<TestClaims> = {}) =>
  s.app.inject({ method: 'GET', url: '/admin/tenants', headers: bearer(sign(s, { sub: 'admin-1', roles: ['platform_admin'], ...claims })) });
const asOwner = (claims: Partial<TestClaims> = {}) =>
  stack.app.inject({ method: 'GET', url: '/billings/subscription', headers: bearer(sign(stack, { sub: 'owner-1', tenantId, roles: ['tenant_owner'], ...claims })) });
const consumeAs = (token: string) =>
  stack.app.inject({ method: 'POST', url: `/internal/tenants/${tenantId}/usage/consume`, headers: bearer(token), payload: { metric: 'email_sends', amount: 1, dryRun: true } });
const statusAs = (token: string) => stack.app.inject({ method: 'GET', url: `/internal/tenants/${tenantId}/status`, headers: bearer(token) });

function expectUnauthenticated(res: { statusCode: number; json(): { error: { code: string } } }, label: string): void {
  expect(res.statusCode, label).toBe(401);
  expect(res.json().error.code, label).toBe('UNAUTHENTICATED');
}

describe('bearer tokens must expire', () => {
  it('refuses an admin token without exp', async () => {
    expectUnauthenticated(await asAdmin(stack, { exp: null }), 'admin without exp');
    expect((await asAdmin(stack)).statusCode).toBe(200);
  });

  it('refuses a service token without exp, on the status route and on the hot consume path, every time', async () => {
    const token = sign(stack, { sub: 'svc-1', roles: ['service'], exp: null });
    expectUnauthenticated(await statusAs(token), 'status without exp');
    for (let i = 0; i < 2; i++) expectUnauthenticated(await consumeAs(token), `consume without exp #${i}`);
  });
});

describe('token lifetimes are capped (JWT_MAX_TTL 24h, JWT_SERVICE_MAX_TTL 30d by default)', () => {
  it('accepts a user token living 23h and refuses one living 25h, measured from iat', async () => {
    const iat = now() - HOUR;
    expect((await asOwner({ iat, exp: iat + 23 * HOUR })).statusCode).toBe(200);
    expectUnauthenticated(await asOwner({ iat, exp: iat + 25 * HOUR }), 'owner living 25h');
    expectUnauthenticated(await asAdmin(stack, { iat, exp: iat + 365 * DAY }), 'admin living a year');
  });

  it('measures from now when the token has no iat', async () => {
    expect((await asOwner({ iat: null, exp: now() + 23 * HOUR })).statusCode).toBe(200);
    expectUnauthenticated(await asOwner({ iat: null, exp: now() + 25 * HOUR }), 'owner without iat, 25h left');
  });

  it('gives service tokens their own cap, on the status route and on the hot consume path', async () => {
    const iat = now();
    const month = sign(stack, { sub: 'svc-2', roles: ['service'], iat, exp: iat + 29 * DAY });
    expect((await statusAs(month)).statusCode).toBe(200);
    expect((await consumeAs(month)).statusCode).toBe(200);
    const tooLong = sign(stack, { sub: 'svc-3', roles: ['service'], iat, exp: iat + 31 * DAY });
    expectUnauthenticated(await statusAs(tooLong), 'service living 31d (status)');
    for (let i = 0; i < 2; i++) expectUnauthenticated(await consumeAs(tooLong), `service living 31d (consume #${i})`);
  });

  it('does not let a token that also carries a user role use the service cap', async () => {
    const iat = now();
    const mixed = sign(stack, { sub: 'mixed', tenantId, roles: ['service', 'tenant_owner'], iat, exp: iat + 29 * DAY });
    expectUnauthenticated(await statusAs(mixed), 'service+owner living 29d');
  });
});

describe('claims are checked', () => {
  it('refuses a token whose tenantId is not a string', async () => {
    for (const bad of [42, ['x'], { id: tenantId }, true]) {
      expectUnauthenticated(await asOwner({ tenantId: bad }), `tenantId ${JSON.stringify(bad)}`);
    }
  });

  it('checks iss and aud when JWT_ISSUER and JWT_AUDIENCE are configured', async () => {
    const iss = 'https://auth.tenure.test';
    const aud = 'tenure-api';
    expect((await asAdmin(pinned, { iss, aud })).statusCode).toBe(200);
    expectUnauthenticated(await asAdmin(pinned, {}), 'no iss, no aud');
    expectUnauthenticated(await asAdmin(pinned, { iss, aud: 'another-api' }), 'wrong aud');
    expectUnauthenticated(await asAdmin(pinned, { iss: 'https://evil.example', aud }), 'wrong iss');
    expectUnauthenticated(await asAdmin(pinned, { aud }), 'no iss');
  });
});

describe('the development secrets never leave loopback', () => {
  const started: ReturnType<typeof spawn>[] = [];
  // On code that wrongly starts, the API would listen forever: stop what this test started.
  afterAll(() => { for (const child of started) if (child.exitCode === null) child.kill('SIGKILL'); });
  const startApi = (env: Record<string, string>) => new Promise<{ code: number | null; stderr: string }>((resolve) => {
    const base = { ...process.env };
    for (const k of ['JWT_SECRET', 'STRIPE_WEBHOOK_SECRET', 'STRIPE_SECRET_KEY', 'STRIPE_API_BASE']) delete base[k];
    const child = spawn(process.execPath, ['--import', 'tsx', 'api/server.ts'], { cwd: ROOT, env: { ...base, LOG_LEVEL: 'silent', PORT: '0', ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    started.push(child);
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.on('exit', (code) => resolve({ code, stderr }));
  });

  it('refuses to start on a non-loopback address with the development secrets, whatever NODE_ENV says', async () => {
    for (const NODE_ENV of ['development', 'test']) {
      const { code, stderr } = await startApi({ HOST: '0.0.0.0', NODE_ENV });
      expect(code, NODE_ENV).toBe(1);
      for (const name of ['JWT_SECRET', 'STRIPE_WEBHOOK_SECRET', 'STRIPE_SECRET_KEY', 'STRIPE_API_BASE']) expect(stderr, `${NODE_ENV}: ${name}`).toContain(name);
    }
  });
});
