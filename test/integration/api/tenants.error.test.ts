import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../../support/stack.js';
import { bearer, signToken } from '../../support/tokens.js';

let stack: TestStack;
beforeAll(async () => { stack = await startTestStack({ worker: false }); });
afterAll(async () => { await stack?.close(); });

const serviceToken = () => signToken(stack.config.auth.jwtSecret, { sub: 'svc-campaigns', roles: ['service'] });

describe('POST /tenants errors', () => {
  it('rejects an invalid body with 400 and a code, and stores nothing', async () => {
    const res = await stack.app.inject({ method: 'POST', url: '/tenants', headers: bearer(serviceToken()), payload: { tenantId: 'bad id with spaces', email: 'not-an-email' } });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.requestId).toBeTruthy();
    expect(body.error.details.length).toBeGreaterThanOrEqual(2);
    const rows = await stack.database.sql`select count(*)::int as n from tenants`;
    expect(rows[0]!.n).toBe(0);
  });

  it('rejects unknown fields', async () => {
    const res = await stack.app.inject({ method: 'POST', url: '/tenants', headers: bearer(serviceToken()), payload: { tenantId: 'acme', plan: 'growth' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('answers 401 without a token', async () => {
    const res = await stack.app.inject({ method: 'POST', url: '/tenants', payload: { tenantId: 'acme' } });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('answers 403 to a token with the wrong role', async () => {
    const token = signToken(stack.config.auth.jwtSecret, { tenantId: 'acme', roles: ['tenant_owner'] });
    const res = await stack.app.inject({ method: 'POST', url: '/tenants', headers: bearer(token), payload: { tenantId: 'acme' } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN');
  });

  it('answers 401 to a token signed with another secret', async () => {
    const token = signToken('another-secret-another-secret-another-secret', { roles: ['service'] });
    const res = await stack.app.inject({ method: 'POST', url: '/tenants', headers: bearer(token), payload: { tenantId: 'acme' } });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('answers 401 to an expired token and to alg:none', async () => {
    const expired = signToken(stack.config.auth.jwtSecret, { roles: ['service'], exp: Math.floor(Date.now() / 1000) - 60 });
    const none = signToken(stack.config.auth.jwtSecret, { roles: ['service'] }, { alg: 'none', typ: 'JWT' });
    for (const token of [expired, none]) {
      const res = await stack.app.inject({ method: 'POST', url: '/tenants', headers: bearer(token), payload: { tenantId: 'acme' } });
      expect(res.statusCode).toBe(401);
    }
  });

  it('answers 404 with a code for an unknown tenant status', async () => {
    const res = await stack.app.inject({ method: 'GET', url: '/internal/tenants/nobody/status', headers: bearer(serviceToken()) });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('TENANT_NOT_FOUND');
  });

  it('answers 404 with a code for an unknown route', async () => {
    const res = await stack.app.inject({ method: 'GET', url: '/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
  });
});

describe('system routes', () => {
  it('reports every dependency up on /readyz', async () => {
    const res = await stack.app.inject({ method: 'GET', url: '/readyz' });
    expect(res.json().dependencies).toMatchObject({ postgres: { status: 'up' }, redis: { status: 'up' }, temporal: { status: 'up' }, kafka: { status: 'up' }, stripe: { status: 'up' } });
    expect(res.statusCode).toBe(200);
  });

  it('serves Prometheus metrics and the OpenAPI document', async () => {
    const metrics = await stack.app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.headers['content-type']).toContain('text/plain');
    expect(metrics.body).toContain('http_request_duration_seconds');
    const spec = (await stack.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/tenants', '/internal/tenants/{id}/status', '/healthz', '/readyz']));
  });
});
