// Per-tenant overrides: one feature's `enabled` or `limit` set for one tenant, above its plan, with a
// reason and an optional `until` (epoch ms) at which the lifecycle removes it. The workflow state
// keeps them as a plain JSON list, at most one per feature key, sorted by key.
import { TenureError } from '../errors.js';
import { MAX_TIMESTAMP_MS } from '../bounds.js';
import { expectedShape, fitsKind, type Entitlement } from './entitlements.js';
import { findFeature, type FeatureCatalog } from './features.js';

export type EntitlementOverride = Entitlement & {
  key: string;
  reason: string;
  /** Epoch ms at which the override is removed; null keeps it until an admin removes it. */
  until: number | null;
};

/** POST /admin/tenants/:id/features/:key/override, with `until` already turned into epoch ms. */
export interface OverrideInput {
  key: string;
  enabled?: boolean;
  limit?: number | null;
  reason: string;
  until?: number | null;
}

export const OVERRIDE_REASON_MAX_LENGTH = 500;

function invalid(key: string, message: string, details: Record<string, unknown> = {}): TenureError {
  return new TenureError('VALIDATION_FAILED', message, { feature: key, ...details });
}

/** The entitlement part of an input: exactly one of `enabled` and `limit`, as given. */
function valueOf(input: OverrideInput): Entitlement | null {
  const hasEnabled = input.enabled !== undefined;
  const hasLimit = input.limit !== undefined;
  if (hasEnabled === hasLimit) return null;
  return hasEnabled ? { enabled: input.enabled! } : { limit: input.limit! };
}

/** Checks an override against the catalog at `now`; null when it may be set. An unknown key is VALIDATION_FAILED naming it. */
export function validateOverride(input: OverrideInput, catalog: FeatureCatalog, now: number): TenureError | null {
  const feature = findFeature(catalog, input.key);
  if (!feature) return invalid(input.key, `unknown feature '${input.key}'`, { problem: 'unknown_feature' });
  const value = valueOf(input);
  if (value === null || !fitsKind(feature, value)) {
    return invalid(input.key, `an override of ${feature.kind} feature '${input.key}' sets exactly ${expectedShape(feature)}`, { kind: feature.kind, problem: 'wrong_kind' });
  }
  if (typeof input.reason !== 'string' || input.reason.trim().length === 0 || input.reason.length > OVERRIDE_REASON_MAX_LENGTH) {
    return invalid(input.key, `an override needs a reason of 1 to ${OVERRIDE_REASON_MAX_LENGTH} characters`, { field: 'reason' });
  }
  const until = input.until ?? null;
  if (until !== null && (!Number.isInteger(until) || until <= now || until > MAX_TIMESTAMP_MS)) {
    return invalid(input.key, 'until must lie in the future (and before the year 10000)', { field: 'until', until });
  }
  return null;
}

/** The override a validated input stores. */
export function toOverride(input: OverrideInput): EntitlementOverride {
  return { key: input.key, ...valueOf(input)!, reason: input.reason, until: input.until ?? null };
}

/** Override order in state: by key (code-unit order, the same on every machine). */
export function byKey(a: { key: string }, b: { key: string }): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/** The list with the override set: it replaces any override of the same key; sorted by key. */
export function setOverride(overrides: readonly EntitlementOverride[], override: EntitlementOverride): EntitlementOverride[] {
  return [...overrides.filter((o) => o.key !== override.key), override].sort(byKey);
}

/** The list without the override of `key` (unchanged when there is none). */
export function removeOverride(overrides: readonly EntitlementOverride[], key: string): EntitlementOverride[] {
  return overrides.filter((o) => o.key !== key);
}

/** The override of `key`, or undefined. */
export function findOverride(overrides: readonly EntitlementOverride[], key: string): EntitlementOverride | undefined {
  return overrides.find((o) => o.key === key);
}

/** The entitlement part of a stored override. */
export function overrideValue(override: EntitlementOverride): Entitlement {
  return 'enabled' in override ? { enabled: override.enabled } : { limit: override.limit };
}

/** The tenants whose overrides name the feature (with plansNamingFeature, what makes it FEATURE_IN_USE). */
export function tenantsOverridingFeature(key: string, tenants: readonly { tenantId: string; overrides: readonly EntitlementOverride[] }[]): string[] {
  return tenants.filter((t) => t.overrides.some((o) => o.key === key)).map((t) => t.tenantId);
}
