// What a plan grants, per feature key: `{ enabled }` for a boolean feature, `{ limit }` (null =
// unlimited) for the metered ones. The value's shape says which, so the lifecycle workflow can carry
// and apply entitlements without the catalog; the catalog is needed only to validate them and to
// fill in the features a plan does not name (off, or a limit of 0).
import { TenureError } from '../errors.js';
import { MAX_LIMIT } from '../bounds.js';
import { findFeature, isMeteredKind, type Feature, type FeatureCatalog } from './features.js';

export interface BooleanEntitlement { enabled: boolean }
export interface MeteredEntitlement { limit: number | null }
export type Entitlement = BooleanEntitlement | MeteredEntitlement;
export type Entitlements = Record<string, Entitlement>;

/** True when the value is exactly `{ enabled: boolean }`. */
export function isBooleanEntitlement(value: unknown): value is BooleanEntitlement {
  return isPlainObject(value) && Object.keys(value).length === 1 && typeof value.enabled === 'boolean';
}

/** True when the value is exactly `{ limit: integer 0..MAX_LIMIT | null }`. */
export function isMeteredEntitlement(value: unknown): value is MeteredEntitlement {
  return isPlainObject(value) && Object.keys(value).length === 1 && 'limit' in value && isLimit(value.limit);
}

/** A limit as plans and overrides hold it: an integer from 0 to MAX_LIMIT, or null (unlimited). */
export function isLimit(value: unknown): value is number | null {
  return value === null || (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_LIMIT);
}

/** True when the entitlement has the shape the feature's kind asks for. */
export function fitsKind(feature: Feature, value: unknown): value is Entitlement {
  return isMeteredKind(feature.kind) ? isMeteredEntitlement(value) : isBooleanEntitlement(value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** What a value of the feature's kind looks like, for error messages. */
export function expectedShape(feature: Feature): string {
  return isMeteredKind(feature.kind) ? `{ "limit": <integer 0..${MAX_LIMIT}> | null }` : '{ "enabled": true | false }';
}

/**
 * Checks a plan's entitlements against the catalog (POST/PUT /admin/plans): every key names a
 * feature and every value has its kind's shape. The first problem is a VALIDATION_FAILED naming the feature.
 */
export function validateEntitlements(entitlements: unknown, catalog: FeatureCatalog): TenureError | null {
  if (!isPlainObject(entitlements)) return new TenureError('VALIDATION_FAILED', 'entitlements must be an object keyed by feature', { field: 'entitlements' });
  for (const [key, value] of Object.entries(entitlements)) {
    const feature = findFeature(catalog, key);
    if (!feature) return new TenureError('VALIDATION_FAILED', `unknown feature '${key}'`, { feature: key, problem: 'unknown_feature' });
    if (!fitsKind(feature, value)) {
      return new TenureError('VALIDATION_FAILED', `feature '${key}' is ${feature.kind}: its entitlement must be ${expectedShape(feature)}`, { feature: key, kind: feature.kind, problem: 'wrong_kind', value });
    }
  }
  return null;
}

/**
 * The ids of the plans whose entitlements name the feature; with the tenants whose overrides name it,
 * what keeps DELETE /admin/features/:key refused (FEATURE_IN_USE).
 */
export function plansNamingFeature(key: string, plans: readonly { id: string; entitlements: Entitlements }[]): string[] {
  return plans.filter((p) => Object.prototype.hasOwnProperty.call(p.entitlements, key)).map((p) => p.id);
}
