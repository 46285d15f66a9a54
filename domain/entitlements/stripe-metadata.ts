// Entitlements from Stripe Product metadata, for plan sync: `feature_<key>` is `true`/`false` for a
// boolean feature and a non-negative integer or `unlimited` for a metered one; the legacy
// `limit_<key>` (metered only) keeps working. Stripe metadata keys are at most 40 characters, so a
// feature key longer than 32 cannot be granted from Stripe.
import type { Entitlement, Entitlements } from './entitlements.js';
import { findFeature, isMeteredKind, type Feature, type FeatureCatalog } from './features.js';

export const FEATURE_METADATA_PREFIX = 'feature_';
export const LEGACY_LIMIT_METADATA_PREFIX = 'limit_';
/** Stripe's bound on a metadata key's length. */
export const STRIPE_METADATA_KEY_MAX_LENGTH = 40;

/** The product metadata key that grants a feature. */
export const featureMetadataKey = (key: string): string => `${FEATURE_METADATA_PREFIX}${key}`;

export type ParsedEntitlements = { ok: true; value: Entitlements } | { ok: false; reason: string };

interface Entry { metaKey: string; key: string; raw: string; legacy: boolean }

function entriesOf(metadata: Readonly<Record<string, string>>): Entry[] {
  return Object.entries(metadata).flatMap(([metaKey, raw]): Entry[] => {
    if (metaKey.startsWith(FEATURE_METADATA_PREFIX)) return [{ metaKey, key: metaKey.slice(FEATURE_METADATA_PREFIX.length), raw, legacy: false }];
    if (metaKey.startsWith(LEGACY_LIMIT_METADATA_PREFIX)) return [{ metaKey, key: metaKey.slice(LEGACY_LIMIT_METADATA_PREFIX.length), raw, legacy: true }];
    return [];
  });
}

function parseValue(entry: Entry, feature: Feature): { ok: true; value: Entitlement } | { ok: false; reason: string } {
  const text = entry.raw.trim().toLowerCase();
  if (!isMeteredKind(feature.kind)) {
    if (entry.legacy) return { ok: false, reason: `${entry.metaKey}: '${entry.key}' is a boolean feature (set ${featureMetadataKey(entry.key)} to 'true' or 'false')` };
    if (text === 'true' || text === 'false') return { ok: true, value: { enabled: text === 'true' } };
    return { ok: false, reason: `${entry.metaKey} must be 'true' or 'false' (boolean feature), got '${entry.raw}'` };
  }
  if (text === 'unlimited') return { ok: true, value: { limit: null } };
  if (/^\d{1,9}$/.test(text)) return { ok: true, value: { limit: Number(text) } };
  return { ok: false, reason: `${entry.metaKey} must be a non-negative integer or 'unlimited' (${feature.kind} feature), got '${entry.raw}'` };
}

const sameValue = (a: Entitlement, b: Entitlement): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * A product's entitlements, or why the product is not a plan: it names no feature, names one the
 * catalog lacks, gives a value of the wrong kind, or gives `feature_<key>` and `limit_<key>` that
 * disagree. A catalog feature the metadata does not name is not granted (off, or a limit of 0).
 */
export function entitlementsFromStripeMetadata(metadata: Readonly<Record<string, string>>, catalog: FeatureCatalog): ParsedEntitlements {
  const entries = entriesOf(metadata).sort((a, b) => (a.metaKey < b.metaKey ? -1 : 1));
  if (entries.length === 0) return { ok: false, reason: 'no entitlements metadata (feature_* or limit_* keys): not a Tenure plan' };
  const value: Entitlements = {};
  for (const entry of entries) {
    const feature = findFeature(catalog, entry.key);
    if (!feature) return { ok: false, reason: `${entry.metaKey}: unknown feature '${entry.key}' (create it in the catalog first)` };
    const parsed = parseValue(entry, feature);
    if (!parsed.ok) return parsed;
    const seen = value[entry.key];
    if (seen !== undefined && !sameValue(seen, parsed.value)) {
      return { ok: false, reason: `${featureMetadataKey(entry.key)} and ${LEGACY_LIMIT_METADATA_PREFIX}${entry.key} disagree` };
    }
    value[entry.key] = parsed.value;
  }
  return { ok: true, value };
}
