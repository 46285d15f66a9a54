import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Db } from '../../../db/client.js';
import type { Feature } from '../../../domain/entitlements/features.js';

// The database is mocked at the query that loads the catalog: each call is one load, answered when
// the test says so.
const loads: { resolve(rows: Feature[]): void; reject(err: Error): void }[] = [];
vi.mock('../../../db/queries/features.js', () => ({
  listCatalogFeatures: vi.fn(() => new Promise<Feature[]>((resolve, reject) => { loads.push({ resolve, reject }); })),
}));
const { createFeatureCatalog } = await import('../../../services/features/feature-catalog.js');

const SSO: Feature = { key: 'sso', name: 'SSO', kind: 'boolean' };
const API_CALLS: Feature = { key: 'api_calls', name: 'API calls', kind: 'monthly', unit: 'calls' };
const db = {} as Db;
let clock = 0;
const catalog = () => createFeatureCatalog({ db, ttlMs: 5_000, now: () => clock });
const settle = () => new Promise((r) => setTimeout(r, 0));

beforeEach(() => { loads.length = 0; clock = 1_000_000; });

describe('the feature catalog cache', () => {
  it('lets concurrent callers share one load, then answers from its copy within the TTL', async () => {
    const c = catalog();
    const reads = Promise.all([c.list(), c.get('sso'), c.get('nope')]);
    expect(loads).toHaveLength(1);
    loads[0]!.resolve([API_CALLS, SSO]);
    expect(await reads).toEqual([[API_CALLS, SSO], SSO, undefined]);
    clock += 4_999;
    expect(await c.get('api_calls')).toEqual(API_CALLS);
    expect(loads).toHaveLength(1);
  });

  it('loads again once the TTL has passed', async () => {
    const c = catalog();
    const first = c.list();
    loads[0]!.resolve([SSO]);
    await first;
    clock += 5_000;
    const second = c.list();
    expect(loads).toHaveLength(2);
    loads[1]!.resolve([SSO, API_CALLS]);
    expect(await second).toEqual([SSO, API_CALLS]);
  });

  it('drops its copy on invalidate, so this process sees its own write at once', async () => {
    const c = catalog();
    const first = c.get('api_calls');
    loads[0]!.resolve([SSO]);
    expect(await first).toBeUndefined();
    c.invalidate();
    const after = c.get('api_calls');
    expect(loads).toHaveLength(2);
    loads[1]!.resolve([SSO, API_CALLS]);
    expect(await after).toEqual(API_CALLS);
  });

  it('does not keep a load that started before an invalidate (it may have read the old rows)', async () => {
    const c = catalog();
    const early = c.list();
    c.invalidate();
    const late = c.list();
    expect(loads).toHaveLength(2);
    loads[1]!.resolve([SSO, API_CALLS]);
    loads[0]!.resolve([SSO]);
    expect(await early).toEqual([SSO]);
    expect(await late).toEqual([SSO, API_CALLS]);
    expect(await c.list()).toEqual([SSO, API_CALLS]);
    expect(loads).toHaveLength(2);
  });

  it('passes a failed load to its callers and tries again on the next read', async () => {
    const c = catalog();
    const failed = c.list();
    loads[0]!.reject(new Error('connection refused'));
    await expect(failed).rejects.toThrow('connection refused');
    await settle();
    const retried = c.list();
    expect(loads).toHaveLength(2);
    loads[1]!.resolve([SSO]);
    expect(await retried).toEqual([SSO]);
  });

  it('hands out a copy callers cannot change', async () => {
    const c = catalog();
    const read = c.list();
    loads[0]!.resolve([SSO]);
    const features = await read;
    expect(Object.isFrozen(features)).toBe(true);
    expect(Object.isFrozen(features[0])).toBe(true);
  });
});
