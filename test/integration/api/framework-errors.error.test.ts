import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../../domain/errors.js';
import { startTestStack, type TestStack } from '../../support/stack.js';
import { bearer, signToken } from '../../support/tokens.js';

// What Fastify answers before a handler runs (router, body parser) uses Tenure's error envelope,
// with a code of the closed set, and /openapi.json documents every status a route can return.
let stack: TestStack;
beforeAll(async () => { stack = await startTestStack({ worker: false }); });
afterAll(async () => { await stack?.close(); });

const admin = () => bearer(signToken(stack.config.auth.jwtSecret, { sub: 'admin-fw', roles: ['platform_admin'] }));

async function expectEnvelope(request: InjectOptions, status: number, code: keyof typeof ERROR_CODES) {
  const res = await stack.app.inject(request);
  expect(res.statusCode).toBe(status);
  expect(res.headers['content-type']).toContain('application/json');
  const body = res.json();
  expect(Object.keys(body)).toEqual(['error']);
  expect(body.error).toMatchObject({ code, requestId: expect.any(String) as string, message: expect.any(String) as string });
  expect(ERROR_CODES[code].status).toBe(status);
}

describe('framework errors in the envelope', () => {
  it('answers an over-long path parameter with 414 URI_TOO_LONG', async () => {
    await expectEnvelope({ method: 'DELETE', url: `/admin/plans/${'p'.repeat(500)}`, headers: admin() }, 414, 'URI_TOO_LONG');
  });

  it('answers a path parameter that is not valid percent-encoding with 400 VALIDATION_FAILED', async () => {
    await expectEnvelope({ method: 'GET', url: '/admin/plans/%E0%A4%A', headers: admin() }, 400, 'VALIDATION_FAILED');
  });

  it('answers a body over the limit with 413 PAYLOAD_TOO_LARGE', async () => {
    await expectEnvelope({ method: 'POST', url: '/tenants', headers: { ...admin(), 'content-type': 'application/json' }, payload: JSON.stringify({ tenantId: 'x', name: 'n'.repeat(1_100_000) }) }, 413, 'PAYLOAD_TOO_LARGE');
  });

  it('answers a body of another media type with 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    await expectEnvelope({ method: 'POST', url: '/tenants', headers: { ...admin(), 'content-type': 'text/xml' }, payload: '<tenant/>' }, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers malformed and empty JSON with 400 VALIDATION_FAILED', async () => {
    await expectEnvelope({ method: 'POST', url: '/tenants', headers: { ...admin(), 'content-type': 'application/json' }, payload: '{"tenantId":' }, 400, 'VALIDATION_FAILED');
    await expectEnvelope({ method: 'POST', url: '/tenants', headers: { ...admin(), 'content-type': 'application/json' }, payload: '' }, 400, 'VALIDATION_FAILED');
  });

  it('answers an unknown route with 404 NOT_FOUND', async () => {
    await expectEnvelope({ method: 'GET', url: '/no/such/route' }, 404, 'NOT_FOUND');
    await expectEnvelope({ method: 'PATCH', url: '/plans' }, 404, 'NOT_FOUND');
  });
});

describe('every status a route can return is documented', () => {
  type Operation = { responses: Record<string, unknown> };
  let paths: Record<string, Record<string, Operation>>;
  beforeAll(async () => { paths = (await stack.app.inject({ method: 'GET', url: '/openapi.json' })).json().paths; });
  const operations = () => Object.entries(paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ path, method: method.toUpperCase(), statuses: Object.keys(op.responses) })));

  it('documents the 400s and 414 of DELETE /admin/plans/{id}', () => {
    expect(Object.keys(paths['/admin/plans/{id}']!.delete!.responses)).toEqual(expect.arrayContaining(['204', '400', '401', '403', '404', '413', '414', '415', '429', '500']));
  });

  it('documents 400 and 500 everywhere, 413 and 415 where a body is read, 414 where the path has parameters, and 429 where requests are throttled', () => {
    for (const op of operations()) {
      const label = `${op.method} ${op.path}`;
      expect(op.statuses, label).toEqual(expect.arrayContaining(['400', '500']));
      expect(op.statuses.some((s) => s.startsWith('2')), label).toBe(true);
      if (op.method !== 'GET') expect(op.statuses, label).toEqual(expect.arrayContaining(['413', '415']));
      if (op.path.includes('{')) expect(op.statuses, label).toContain('414');
    }
    expect(Object.keys(paths['/admin/tenants']!.get!.responses)).toContain('429');
    expect(Object.keys(paths['/healthz']!.get!.responses)).not.toContain('429');
  });
});
