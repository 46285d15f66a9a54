import { expectOk, tenantPath, type ApiCall } from './http.js';
import { createTtlCache } from './ttl-cache.js';
import type { FeatureCheck, TenantEntitlements } from './types.js';

// The feature reads of the client: one feature's flag, or every feature of a tenant. Both are cached
// per tenant in process for `cacheMs`, so a change made in Tenure takes up to cacheMs to show.

export const DEFAULT_CACHE_MS = 5_000;

export interface FeatureReads<K extends string> {
  /** True when the feature is on for the tenant now (false when access is `none` or the key is unknown). */
  isEnabled(tenantId: string, key: K): Promise<boolean>;
  /** The full answer of the feature check, with its reason. */
  checkFeature(tenantId: string, key: K): Promise<FeatureCheck>;
  /** Every catalog feature as the tenant has it: kind, enabled, limit, used, remaining, source. */
  getEntitlements(tenantId: string): Promise<TenantEntitlements>;
  /** Forgets the cached answers of one tenant (all tenants without an id), e.g. after changing an override. */
  clearCache(tenantId?: string): void;
}

// Tenant ids never hold a NUL character, so it separates the tenant from the feature key.
const SEP = '\u0000';

/** Builds the reads over `call`; cacheMs 0 turns the cache off. */
export function createFeatureReads<K extends string>(call: ApiCall, cacheMs: number = DEFAULT_CACHE_MS): FeatureReads<K> {
  const checks = createTtlCache<FeatureCheck>(cacheMs);
  const views = createTtlCache<TenantEntitlements>(cacheMs);

  async function checkFeature(tenantId: string, key: K): Promise<FeatureCheck> {
    return checks.get(`${tenantId}${SEP}${key}`, async () => expectOk<FeatureCheck>(await call('GET', `${tenantPath(tenantId)}/features/${encodeURIComponent(key)}`)));
  }

  return {
    checkFeature,
    isEnabled: async (tenantId, key) => (await checkFeature(tenantId, key)).enabled,
    getEntitlements: (tenantId) => views.get(tenantId, async () => expectOk<TenantEntitlements>(await call('GET', `${tenantPath(tenantId)}/entitlements`))),
    clearCache(tenantId) {
      checks.clear(tenantId === undefined ? undefined : `${tenantId}${SEP}`);
      if (tenantId === undefined) views.clear();
      else views.delete(tenantId);
    },
  };
}
