// The usage methods take any feature key the server knows: no key is special-cased in the client,
// and an app may pin its own keys with the type parameter.
import { beforeEach, describe, expect, it } from 'vitest';
import { createTenureClient } from '../../../client/index.js';
import { createFakeTenure, type FakeTenure } from './fake-tenure.js';

let tenure: FakeTenure;
beforeEach(() => { tenure = createFakeTenure(); });
const status = (limits: Record<string, number | null>, access = 'full') => ({
  status: 200,
  body: { tenantId: 'acme', status: 'active', paymentStatus: 'active', access, plan: { id: 'pro', name: 'Pro' }, trial: null, limits, version: 3 },
});

describe('usage methods over any feature key', () => {
  it('consumes any key: the server decides whether it is consumable', async () => {
    tenure.on('POST', '/internal/tenants/acme/usage/consume', { status: 200, body: { used: 3, limit: 10, remaining: 8 } });
    const client = createTenureClient({ baseUrl: 'http://tenure.test', token: 't', fetch: tenure.fetch });
    expect(await client.enforce('acme', 'api_calls', { amount: 2 })).toMatchObject({ allowed: true, used: 3 });
    expect(tenure.requests[0]!.body).toEqual({ metric: 'api_calls', amount: 2 });
  });

  it('passes the server\'s UNKNOWN_FEATURE on as an error, not a decision', async () => {
    tenure.on('POST', '/internal/tenants/acme/usage/consume', { status: 400, body: { error: { code: 'UNKNOWN_FEATURE', message: 'top_scores is not consumable', details: { feature: 'top_scores' } } } });
    const client = createTenureClient({ baseUrl: 'http://tenure.test', token: 't', fetch: tenure.fetch });
    await expect(client.canPerformAction('acme', 'top_scores')).rejects.toMatchObject({ status: 400, code: 'UNKNOWN_FEATURE' });
  });

  it('checks a read cap against the caller\'s current count when given one, without consuming', async () => {
    tenure.on('GET', '/internal/tenants/acme/status', status({ top_scores: 10, api_calls: null }));
    const client = createTenureClient({ baseUrl: 'http://tenure.test', token: 't', fetch: tenure.fetch });
    expect(await client.canPerformAction('acme', 'top_scores', { current: 9 })).toBe(true);
    expect(await client.canPerformAction('acme', 'top_scores', { current: 10 })).toBe(false);
    expect(await client.canPerformAction('acme', 'api_calls', { current: 1_000_000 })).toBe(true);
    expect(tenure.requests.every((r) => r.path.endsWith('/status'))).toBe(true);
  });

  it('refuses a read cap without access, and names a key the tenant does not have', async () => {
    tenure.on('GET', '/internal/tenants/acme/status', status({ top_scores: 10 }, 'none'));
    const client = createTenureClient({ baseUrl: 'http://tenure.test', token: 't', fetch: tenure.fetch });
    expect(await client.canPerformAction('acme', 'top_scores', { current: 0 })).toBe(false);
    await expect(client.canPerformAction('acme', 'nope', { current: 0 })).rejects.toMatchObject({ status: 400, code: 'UNKNOWN_FEATURE', details: { feature: 'nope' } });
  });

  it('reports remaining capacity of any metered key, and refuses one the usage answer lacks', async () => {
    tenure.on('GET', '/internal/tenants/acme/usage', { status: 200, body: { tenantId: 'acme', planId: 'pro', metrics: { storage_mb: { kind: 'gauge', used: 4, limit: 10, remaining: 6 }, top_scores: { kind: 'read', used: null, limit: 10, remaining: null } } } });
    const client = createTenureClient({ baseUrl: 'http://tenure.test', token: 't', fetch: tenure.fetch });
    expect(await client.getRemainingCapacity('acme', 'storage_mb')).toBe(6);
    expect(await client.getRemainingCapacity('acme', 'top_scores', 4)).toBe(6);
    await expect(client.getRemainingCapacity('acme', 'sso')).rejects.toMatchObject({ code: 'UNKNOWN_FEATURE' });
  });

  it('lets an app pin its own keys', () => {
    const client = createTenureClient<'sso' | 'api_calls'>({ baseUrl: 'http://tenure.test', token: 't', fetch: tenure.fetch });
    // @ts-expect-error: 'storage_mb' is not one of the pinned keys
    void client.isEnabled('acme', 'storage_mb').catch(() => undefined);
    expect(typeof client.isEnabled).toBe('function');
  });
});
