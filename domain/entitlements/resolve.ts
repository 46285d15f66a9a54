// A tenant's effective entitlements: its plan's, then its overrides; a feature neither names is off
// (boolean) or has a limit of 0 (metered). Also the two read shapes the internal API answers.
import type { Access } from '../lifecycle/values.js';
import { remainingCapacity } from '../usage/limits.js';
import { fitsKind, type BooleanEntitlement, type Entitlement, type Entitlements, type MeteredEntitlement } from './entitlements.js';
import { findFeature, isConsumableKind, isMeteredKind, type Feature, type FeatureCatalog, type FeatureKind } from './features.js';
import { overrideValue, type EntitlementOverride } from './overrides.js';

export type EntitlementSource = 'plan' | 'override';

/** An override still in force at `now` (the lifecycle removes it at `until`; a read never serves it past that). */
function inForce(override: EntitlementOverride, now: number): boolean {
  return override.until === null || override.until > now;
}

/**
 * The plan's entitlements with the overrides in force at `now` laid over them, each tagged with where
 * it came from. Catalog-free: what the lifecycle workflow pushes to enforcement.
 */
export function applyOverrides(plan: Entitlements, overrides: readonly EntitlementOverride[], now: number): Record<string, { value: Entitlement; source: EntitlementSource }> {
  const out: Record<string, { value: Entitlement; source: EntitlementSource }> = {};
  for (const [key, value] of Object.entries(plan)) out[key] = { value, source: 'plan' };
  for (const o of overrides) if (inForce(o, now)) out[o.key] = { value: overrideValue(o), source: 'override' };
  return out;
}

/** The values of applyOverrides' answer, without their sources. */
export function entitlementValues(sourced: Readonly<Record<string, { value: Entitlement }>>): Entitlements {
  return Object.fromEntries(Object.entries(sourced).map(([key, e]) => [key, e.value]));
}

export interface ResolvedEntitlement {
  kind: FeatureKind;
  /** Boolean: the flag. Metered: true unless the limit is 0. Access is not applied here. */
  enabled: boolean;
  /** Metered: the limit (null = unlimited). Boolean: null. */
  limit: number | null;
  source: EntitlementSource;
}

function resolveOne(feature: Feature, granted: { value: Entitlement; source: EntitlementSource } | undefined): ResolvedEntitlement {
  // A value of the wrong shape (validation refuses it; only a hand-edited row could hold one) counts as not granted.
  const fits = granted !== undefined && fitsKind(feature, granted.value);
  const source = fits ? granted.source : 'plan';
  if (isMeteredKind(feature.kind)) {
    const limit = fits ? (granted.value as MeteredEntitlement).limit : 0;
    return { kind: feature.kind, enabled: limit === null || limit > 0, limit, source };
  }
  return { kind: feature.kind, enabled: fits && (granted.value as BooleanEntitlement).enabled, limit: null, source };
}

/** Every catalog feature resolved for a tenant at `now`; keys the catalog does not hold are left out. */
export function resolveEntitlements(catalog: FeatureCatalog, plan: Entitlements, overrides: readonly EntitlementOverride[], now: number): Record<string, ResolvedEntitlement> {
  const granted = applyOverrides(plan, overrides, now);
  return Object.fromEntries(catalog.map((f) => [f.key, resolveOne(f, granted[f.key])]));
}

export interface FeatureEntitlementView extends ResolvedEntitlement {
  /** Metered: the counter (0 when none is kept). Boolean: null. */
  used: number | null;
  /** How many more units consume allows now: 0 without full access, null when unlimited or boolean. */
  remaining: number | null;
}

/** GET /internal/tenants/:id/entitlements. */
export interface TenantEntitlementsView {
  tenantId: string;
  access: Access;
  features: Record<string, FeatureEntitlementView>;
}

export interface EntitlementsViewInput {
  tenantId: string;
  access: Access;
  resolved: Record<string, ResolvedEntitlement>;
  /** Counters by feature key; a missing one is 0. */
  usage: Readonly<Record<string, number>>;
  gracePercent: number;
}

function viewOne(e: ResolvedEntitlement, access: Access, used: number, gracePercent: number): FeatureEntitlementView {
  const enabled = access !== 'none' && e.enabled;
  if (e.kind === 'boolean') return { ...e, enabled, used: null, remaining: null };
  const remaining = access === 'full' ? remainingCapacity(used, e.limit, gracePercent) : 0;
  return { ...e, enabled, used, remaining };
}

/** The entitlements answer: access `none` disables every feature, and only full access leaves room to consume. */
export function toEntitlementsView(input: EntitlementsViewInput): TenantEntitlementsView {
  const features = Object.fromEntries(Object.entries(input.resolved).map(([key, e]) => [key, viewOne(e, input.access, Math.max(0, input.usage[key] ?? 0), input.gracePercent)]));
  return { tenantId: input.tenantId, access: input.access, features };
}

/** Why a feature check came out as it did: the access, an unknown key, or where the entitlement came from. */
export type FeatureCheckReason = 'access_none' | 'unknown_feature' | EntitlementSource;

/** GET /internal/tenants/:id/features/:key. */
export interface FeatureCheck {
  key: string;
  enabled: boolean;
  reason: FeatureCheckReason;
}

/** Checks one feature: off for an unknown key or without access; otherwise the resolved flag and its source. */
export function checkFeature(key: string, access: Access, resolved: Record<string, ResolvedEntitlement>): FeatureCheck {
  const e = Object.prototype.hasOwnProperty.call(resolved, key) ? resolved[key] : undefined;
  if (e === undefined) return { key, enabled: false, reason: 'unknown_feature' };
  if (access === 'none') return { key, enabled: false, reason: 'access_none' };
  return { key, enabled: e.enabled, reason: e.source };
}

/**
 * The feature `consume`/`release` may count, or why not: a key outside the catalog, or a boolean or read
 * feature (400 UNKNOWN_FEATURE), or a monthly feature on release (400 METRIC_NOT_RELEASABLE: only gauges are released).
 */
export function consumableFeature(catalog: FeatureCatalog, key: string, op: 'consume' | 'release'): { ok: true; feature: Feature } | { ok: false; problem: 'unknown_feature' | 'not_consumable' | 'not_releasable' } {
  const feature = findFeature(catalog, key);
  if (!feature) return { ok: false, problem: 'unknown_feature' };
  if (!isConsumableKind(feature.kind)) return { ok: false, problem: 'not_consumable' };
  return op === 'release' && feature.kind !== 'gauge' ? { ok: false, problem: 'not_releasable' } : { ok: true, feature };
}
