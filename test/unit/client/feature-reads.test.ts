// isEnabled and getEntitlements: the routes they call, what they return, and the per-tenant cache
// that lets a change take up to cacheMs to show.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTenureClient, TenureApiError, type TenantEntitlements } from '../../../client/index.js';
import { createFakeTenure, type FakeTenure } from './fake-tenure.js';

let tenure: FakeTenure;
const client = (cacheMs?: number) => createTenureClient({ baseUrl: 'http://tenure.test/', token: 'svc-token', fetch: tenure.fetch, ...(cacheMs === undefined ? {} : { cacheMs }) });
const ssoOn = { status: 200, body: { key: 'sso', enabled: true, reason: 'plan' } };
const ssoOff = { status: 200, body: { key: 'sso', enabled: false, reason: 'override' } };
const entitlements: TenantEntitlements = {
  tenantId: 'acme', access: 'full', features: {
    sso: { kind: 'boolean', enabled: true, limit: null, used: null, remaining: null, source: 'plan' },
    api_calls: { kind: 'monthly', enabled: true, limit: 1000, used: 10, remaining: 1090, source: 'override' },
  },
};

beforeEach(() => {
  tenure = createFakeTenure();
  vi.useFakeTimers({ toFake: ['Date'] });
});
afterEach(() => { vi.useRealTimers(); });

describe('isEnabled', () => {
  it('asks GET /internal/tenants/:id/features/:key with the service token and answers its flag', async () => {
    tenure.on('GET', '/internal/tenants/acme/features/sso', ssoOn);
    expect(await client().isEnabled('acme', 'sso')).toBe(true);
    expect(tenure.requests).toEqual([{ method: 'GET', path: '/internal/tenants/acme/features/sso', authorization: 'Bearer svc-token', body: undefined }]);
  });

  it('answers false for a feature that is off, and checkFeature gives the reason', async () => {
    tenure.on('GET', '/internal/tenants/acme/features/sso', ssoOff);
    const tenureClient = client(0);
    expect(await tenureClient.isEnabled('acme', 'sso')).toBe(false);
    expect(await tenureClient.checkFeature('acme', 'sso')).toEqual({ key: 'sso', enabled: false, reason: 'override' });
  });

  it('escapes tenant ids and keys in the path', async () => {
    tenure.on('GET', '/internal/tenants/a%2Fb/features/x%3Fy', ssoOn);
    expect(await client().isEnabled('a/b', 'x?y')).toBe(true);
  });

  it('keeps an answer for cacheMs per tenant and key, then asks again', async () => {
    tenure.on('GET', '/internal/tenants/acme/features/sso', ssoOn);
    tenure.on('GET', '/internal/tenants/beta/features/sso', ssoOff);
    const tenureClient = client(5_000);
    expect(await tenureClient.isEnabled('acme', 'sso')).toBe(true);
    expect(await tenureClient.isEnabled('beta', 'sso')).toBe(false);
    tenure.on('GET', '/internal/tenants/acme/features/sso', ssoOff);
    vi.advanceTimersByTime(4_999);
    expect(await tenureClient.isEnabled('acme', 'sso')).toBe(true);
    expect(tenure.requests).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(await tenureClient.isEnabled('acme', 'sso')).toBe(false);
    expect(tenure.requests).toHaveLength(3);
  });

  it('caches for 5 s by default, and not at all with cacheMs 0', async () => {
    tenure.on('GET', '/internal/tenants/acme/features/sso', ssoOn);
    const cached = client();
    await cached.isEnabled('acme', 'sso');
    vi.advanceTimersByTime(4_000);
    await cached.isEnabled('acme', 'sso');
    expect(tenure.requests).toHaveLength(1);
    const uncached = client(0);
    await uncached.isEnabled('acme', 'sso');
    await uncached.isEnabled('acme', 'sso');
    expect(tenure.requests).toHaveLength(3);
  });

  it('shares one request between concurrent callers', async () => {
    tenure.on('GET', '/internal/tenants/acme/features/sso', ssoOn);
    const tenureClient = client();
    expect(await Promise.all([tenureClient.isEnabled('acme', 'sso'), tenureClient.isEnabled('acme', 'sso')])).toEqual([true, true]);
    expect(tenure.requests).toHaveLength(1);
  });

  it('does not keep a failure: the next call asks again', async () => {
    tenure.on('GET', '/internal/tenants/acme/features/sso', { status: 503, body: { error: { code: 'DEPENDENCY_UNAVAILABLE', message: 'redis' } } });
    const tenureClient = client();
    await expect(tenureClient.isEnabled('acme', 'sso')).rejects.toMatchObject({ status: 503, code: 'DEPENDENCY_UNAVAILABLE' });
    tenure.on('GET', '/internal/tenants/acme/features/sso', ssoOn);
    expect(await tenureClient.isEnabled('acme', 'sso')).toBe(true);
  });

  it('throws TenureApiError with status 0 when Tenure is unreachable', async () => {
    tenure.goDown();
    const err = await client().isEnabled('acme', 'sso').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TenureApiError);
    expect(err).toMatchObject({ status: 0, code: 'UNREACHABLE' });
  });

  it('clearCache forgets one tenant, or every tenant', async () => {
    tenure.on('GET', '/internal/tenants/acme/features/sso', ssoOn);
    tenure.on('GET', '/internal/tenants/beta/features/sso', ssoOn);
    const tenureClient = client();
    await tenureClient.isEnabled('acme', 'sso');
    await tenureClient.isEnabled('beta', 'sso');
    tenureClient.clearCache('acme');
    await tenureClient.isEnabled('acme', 'sso');
    await tenureClient.isEnabled('beta', 'sso');
    expect(tenure.requests.map((r) => r.path)).toEqual(['/internal/tenants/acme/features/sso', '/internal/tenants/beta/features/sso', '/internal/tenants/acme/features/sso']);
    tenureClient.clearCache();
    await tenureClient.isEnabled('beta', 'sso');
    expect(tenure.requests).toHaveLength(4);
  });
});

describe('getEntitlements', () => {
  it('answers GET /internal/tenants/:id/entitlements as Tenure sent it', async () => {
    tenure.on('GET', '/internal/tenants/acme/entitlements', { status: 200, body: entitlements });
    expect(await client().getEntitlements('acme')).toEqual(entitlements);
    expect(tenure.requests.map((r) => r.path)).toEqual(['/internal/tenants/acme/entitlements']);
  });

  it('is cached per tenant, apart from the feature checks', async () => {
    tenure.on('GET', '/internal/tenants/acme/entitlements', { status: 200, body: entitlements });
    tenure.on('GET', '/internal/tenants/beta/entitlements', { status: 200, body: { ...entitlements, tenantId: 'beta' } });
    const tenureClient = client();
    await tenureClient.getEntitlements('acme');
    expect((await tenureClient.getEntitlements('beta')).tenantId).toBe('beta');
    await tenureClient.getEntitlements('acme');
    expect(tenure.requests).toHaveLength(2);
    vi.advanceTimersByTime(5_000);
    await tenureClient.getEntitlements('acme');
    expect(tenure.requests).toHaveLength(3);
  });

  it('throws Tenure\'s error for an unknown tenant', async () => {
    tenure.on('GET', '/internal/tenants/ghost/entitlements', { status: 404, body: { error: { code: 'TENANT_NOT_FOUND', message: 'no tenant ghost' } } });
    await expect(client().getEntitlements('ghost')).rejects.toMatchObject({ status: 404, code: 'TENANT_NOT_FOUND' });
  });
});
