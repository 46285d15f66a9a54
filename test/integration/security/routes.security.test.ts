import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uid } from '../../support/ids.js';
import { registerTenant } from '../../support/lifecycle.js';
import { startTestStack, type TestStack } from '../../support/stack.js';
import { bearer, signToken, type TestRole } from '../../support/tokens.js';
import { expectedAnswer, ROUTE_ANSWERS } from './route-answers.js';
import { ALL_ROLES, ROUTE_ACCESS, concreteUrl } from './route-matrix.js';

let stack: TestStack;
let routes: { method: string; path: string }[];
const tenantA = uid('sec-a-');
beforeAll(async () => {
  stack = await startTestStack();
  await registerTenant(stack, tenantA);
  const spec = (await stack.app.inject({ method: 'GET', url: '/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
  routes = Object.entries(spec.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => ({ method: m.toUpperCase(), path })));
});
afterAll(async () => { await stack?.close(); });

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
const call = (r: { method: string; path: string }, headers: Record<string, string>) =>
  stack.app.inject({ method: r.method as Method, url: concreteUrl(r.path, tenantA), headers, ...(r.method === 'GET' || r.method === 'DELETE' ? {} : { payload: {} }) });
const tokenFor = (role: TestRole, overrides: Partial<Parameters<typeof signToken>[1]> = {}) =>
  signToken(stack.config.auth.jwtSecret, { sub: `${role}-user`, tenantId: role.startsWith('tenant') ? tenantA : null, roles: [role], ...overrides });
const protectedRoutes = () => routes.filter((r) => Array.isArray(ROUTE_ACCESS[`${r.method} ${r.path}`]));

describe('the role matrix covers every route', () => {
  it('classifies every route of /openapi.json, and nothing else', () => {
    const documented = routes.map((r) => `${r.method} ${r.path}`).sort();
    expect(documented).toEqual(Object.keys(ROUTE_ACCESS).sort());
    expect(Object.keys(ROUTE_ANSWERS).sort(), 'ROUTE_ANSWERS lists exactly the role-gated routes').toEqual(protectedRoutes().map((r) => `${r.method} ${r.path}`).sort());
  });

  it('answers 401 without a token, and with expired, tampered, foreign-secret and alg:none tokens', async () => {
    const good = tokenFor('platform_admin');
    const [h, p] = good.split('.');
    const tampered = `${h}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p!, 'base64url').toString()), roles: ALL_ROLES })).toString('base64url')}.${good.split('.')[2]}`;
    const bad = [
      {}, bearer(tokenFor('platform_admin', { exp: Math.floor(Date.now() / 1000) - 10 })), bearer(tampered),
      bearer(signToken('a-completely-different-secret-of-32+chars', { roles: ALL_ROLES })),
      bearer(signToken(stack.config.auth.jwtSecret, { roles: ALL_ROLES }, { alg: 'none', typ: 'JWT' })),
      { authorization: 'Basic YWRtaW46YWRtaW4=' },
    ];
    for (const r of protectedRoutes()) {
      for (const headers of bad) {
        const res = await call(r, headers);
        expect(res.statusCode, `${r.method} ${r.path} with ${JSON.stringify(headers).slice(0, 40)}`).toBe(401);
        expect(res.json().error.code).toBe('UNAUTHENTICATED');
      }
    }
  });

  it('answers 403 to every role the route does not allow, and each allowed role exactly what ROUTE_ANSWERS says', async () => {
    for (const r of protectedRoutes()) {
      const route = `${r.method} ${r.path}`;
      const allowed = ROUTE_ACCESS[route] as TestRole[];
      for (const role of ALL_ROLES) {
        const res = await call(r, bearer(tokenFor(role)));
        const label = `${route} as ${role}: ${res.body.slice(0, 300)}`;
        if (allowed.includes(role)) {
          const { status, code } = expectedAnswer(route, role);
          expect(res.statusCode, label).toBe(status);
          if (code) expect(res.json().error.code, label).toBe(code);
        } else {
          expect(res.statusCode, label).toBe(403);
          expect(res.json().error.code, label).toBe('FORBIDDEN');
        }
      }
    }
  });

  it('does not validate or describe a body before authenticating the caller', async () => {
    const res = await stack.app.inject({ method: 'POST', url: `/admin/tenants/${tenantA}/lock`, payload: { bogus: true } });
    expect(res.statusCode).toBe(401);
    expect(JSON.stringify(res.json())).not.toContain('bogus');
  });

  it('rejects a tenant token without a tenant on tenant routes', async () => {
    const res = await stack.app.inject({ method: 'GET', url: '/billings/subscription', headers: bearer(signToken(stack.config.auth.jwtSecret, { roles: ['tenant_owner'], tenantId: null })) });
    expect(res.statusCode).toBe(403);
  });

  it('serves the public routes without a token and rejects unsigned webhooks', async () => {
    for (const url of ['/healthz', '/metrics', '/plans']) expect((await stack.app.inject({ method: 'GET', url })).statusCode, url).toBe(200);
    for (const url of ['/webhooks/stripe', '/api/v1/webhook/stripe']) expect((await stack.app.inject({ method: 'POST', url, payload: {} })).statusCode, url).toBe(400);
  });
});
