import type { Redis } from 'ioredis';
import { TenureError } from '../../domain/errors.js';
import { findFeature, type FeatureCatalog } from '../../domain/entitlements/features.js';
import { checkFeature, toEntitlementsView, type FeatureCheck, type ResolvedEntitlement, type TenantEntitlementsView } from '../../domain/entitlements/resolve.js';
import type { Access } from '../../domain/lifecycle/values.js';
import { grantedLimit } from '../../domain/plans/types.js';
import { FLAG_FIELD_PREFIX, OVERRIDE_FIELD_PREFIX, parseLimit, type EnforcementView } from '../../domain/usage/enforcement.js';
import { limitsKey } from '../../domain/usage/keys.js';
import type { CatalogReader } from '../features/catalog-reader.js';
import { readCounters, readEnforcement } from './read-usage.js';

// A tenant's effective entitlements as product backends read them, from the Redis enforcement record:
// GET /internal/tenants/:id/entitlements (every feature) and /features/:key (one, on the hot path).

export interface ReadEntitlementsDeps {
  redis: Redis;
  features: CatalogReader;
  gracePercent: number;
  /** Repopulates Redis from the record (the usage service's rebuild); false for an unknown tenant. */
  ensureRebuilt(tenantId: string): Promise<boolean>;
}

const notFound = (tenantId: string) => new TenureError('TENANT_NOT_FOUND', `tenant ${tenantId} not found`);

/** Every catalog feature as the enforcement record grants it: a feature without a field is off, or limited to 0. */
export function resolveFromView(catalog: FeatureCatalog, view: Pick<EnforcementView, 'limits' | 'features' | 'overridden'>): Record<string, ResolvedEntitlement> {
  return Object.fromEntries(catalog.map((f): [string, ResolvedEntitlement] => {
    const source = view.overridden.includes(f.key) ? 'override' : 'plan';
    if (f.kind === 'boolean') return [f.key, { kind: f.kind, enabled: view.features[f.key] ?? false, limit: null, source }];
    const limit = grantedLimit(view.limits, f.key);
    return [f.key, { kind: f.kind, enabled: limit === null || limit > 0, limit, source }];
  }));
}

async function enforcementOf(deps: ReadEntitlementsDeps, tenantId: string): Promise<EnforcementView> {
  const view = await readEnforcement(deps.redis, tenantId);
  if (view) return view;
  if (await deps.ensureRebuilt(tenantId)) {
    const rebuilt = await readEnforcement(deps.redis, tenantId);
    if (rebuilt) return rebuilt;
  }
  throw notFound(tenantId);
}

/** GET /internal/tenants/:id/entitlements. */
export async function readEntitlements(deps: ReadEntitlementsDeps, tenantId: string): Promise<TenantEntitlementsView> {
  const [view, catalog] = await Promise.all([enforcementOf(deps, tenantId), deps.features.list()]);
  const usage = await readCounters(deps.redis, tenantId, view.periodStart, catalog);
  return toEntitlementsView({ tenantId, access: view.access, resolved: resolveFromView(catalog, view), usage, gracePercent: deps.gracePercent });
}

/** Access as the hash's `_block` says it: locked, suspended or closed means none (the hot path reads no other key). */
function accessOfBlock(block: string | null): Access {
  return block === 'locked' || block === 'suspended' || block === 'closed' ? 'none' : block === 'read_only' ? 'read_only' : 'full';
}

/** GET /internal/tenants/:id/features/:key: one HMGET of the enforcement hash; an unknown key is off. */
export async function checkTenantFeature(deps: ReadEntitlementsDeps, tenantId: string, key: string): Promise<FeatureCheck> {
  const feature = findFeature(await deps.features.list(), key);
  const fields = () => deps.redis.hmget(limitsKey(tenantId), '_period', '_block', FLAG_FIELD_PREFIX + key, key, OVERRIDE_FIELD_PREFIX + key);
  let values = await fields();
  if (values[0] === null && (await deps.ensureRebuilt(tenantId))) values = await fields();
  if (values[0] === null) throw notFound(tenantId);
  if (!feature) return { key, enabled: false, reason: 'unknown_feature' };
  const [, block, flag, limit, overridden] = values;
  const view = {
    features: flag === null ? {} : { [key]: flag === '1' },
    limits: limit === null ? {} : { [key]: parseLimit(limit) },
    overridden: overridden === '1' ? [key] : [],
  };
  return checkFeature(key, accessOfBlock(block ?? null), resolveFromView([feature], view));
}
