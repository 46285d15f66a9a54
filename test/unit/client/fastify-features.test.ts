// requireFeature on a product's Fastify route: the route runs when the feature is on, 403
// FEATURE_DISABLED when off, and when Tenure is down it fails closed (503) unless told to allow.
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTenureClient, requireFeature, type RequireFeatureOptions } from '../../../client/index.js';
import { createFakeTenure, type FakeTenure } from './fake-tenure.js';

let tenure: FakeTenure;
let product: FastifyInstance;
beforeEach(() => { tenure = createFakeTenure(); });
afterEach(async () => { await product?.close(); });

/** A product backend with one gated route: GET /tenants/:tenant/sso. */
function productApp(options: Partial<RequireFeatureOptions> = {}): FastifyInstance {
  const client = createTenureClient({ baseUrl: 'http://tenure.test', token: 't', fetch: tenure.fetch, cacheMs: 0 });
  product = Fastify();
  product.get('/tenants/:tenant/sso', {
    preHandler: requireFeature(client, 'sso', { tenantId: (req) => (req.params as { tenant: string }).tenant, ...options }),
  }, async (req) => ({ ran: true, reason: req.featureCheck?.reason ?? null }));
  return product;
}
const feature = (enabled: boolean, reason: string) => ({ status: 200, body: { key: 'sso', enabled, reason } });

describe('requireFeature', () => {
  it('runs the route when the feature is on for the tenant taken from the request', async () => {
    tenure.on('GET', '/internal/tenants/acme/features/sso', feature(true, 'override'));
    const res = await productApp().inject({ method: 'GET', url: '/tenants/acme/sso' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ran: true, reason: 'override' });
  });

  it('answers 403 FEATURE_DISABLED in Tenure\'s error body shape when it is off', async () => {
    tenure.on('GET', '/internal/tenants/acme/features/sso', feature(false, 'plan'));
    const res = await productApp().inject({ method: 'GET', url: '/tenants/acme/sso' });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toEqual({ error: { code: 'FEATURE_DISABLED', message: 'feature sso is not enabled for this tenant', requestId: expect.any(String), details: { feature: 'sso', reason: 'plan' } } });
  });

  it('refuses a locked tenant and a key Tenure does not know the same way', async () => {
    tenure.on('GET', '/internal/tenants/acme/features/sso', feature(false, 'access_none'));
    tenure.on('GET', '/internal/tenants/beta/features/sso', feature(false, 'unknown_feature'));
    const app = productApp();
    expect((await app.inject({ method: 'GET', url: '/tenants/acme/sso' })).json()).toMatchObject({ error: { code: 'FEATURE_DISABLED', details: { reason: 'access_none' } } });
    expect((await app.inject({ method: 'GET', url: '/tenants/beta/sso' })).statusCode).toBe(403);
  });

  it('fails closed with 503 when Tenure is unreachable', async () => {
    tenure.goDown();
    const res = await productApp().inject({ method: 'GET', url: '/tenants/acme/sso' });
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('5');
    expect(res.json()).toMatchObject({ error: { code: 'DEPENDENCY_UNAVAILABLE', details: { feature: 'sso' } } });
  });

  it('fails closed on a 5xx from Tenure too', async () => {
    tenure.on('GET', '/internal/tenants/acme/features/sso', { status: 503, body: { error: { code: 'DEPENDENCY_UNAVAILABLE', message: 'redis' } } });
    expect((await productApp().inject({ method: 'GET', url: '/tenants/acme/sso' })).statusCode).toBe(503);
  });

  it('runs the route when Tenure is unreachable and onUnavailable is allow', async () => {
    tenure.goDown();
    const res = await productApp({ onUnavailable: 'allow' }).inject({ method: 'GET', url: '/tenants/acme/sso' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ran: true, reason: null });
  });

  it('answers 404 for a tenant Tenure does not know, even when allowing on outages', async () => {
    tenure.on('GET', '/internal/tenants/ghost/features/sso', { status: 404, body: { error: { code: 'TENANT_NOT_FOUND', message: 'no tenant ghost' } } });
    const res = await productApp({ onUnavailable: 'allow' }).inject({ method: 'GET', url: '/tenants/ghost/sso' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: { code: 'TENANT_NOT_FOUND', details: { feature: 'sso' } } });
  });

  it('leaves a misconfiguration (a refused token) to the app\'s error handler, never running the route', async () => {
    tenure.on('GET', '/internal/tenants/acme/features/sso', { status: 401, body: { error: { code: 'UNAUTHORIZED', message: 'bad token' } } });
    const app = productApp({ onUnavailable: 'allow' });
    app.setErrorHandler(async (err, _req, reply) => reply.code(500).send({ handled: (err as { code?: string }).code }));
    const res = await app.inject({ method: 'GET', url: '/tenants/acme/sso' });
    expect(res.json()).toEqual({ handled: 'UNAUTHORIZED' });
  });
});
