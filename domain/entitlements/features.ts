// The feature catalog: what an operator declares a plan may grant. A feature's key is the name every
// caller uses (plans, overrides, consume, Stripe metadata, Redis fields), so it is a short lowercase
// slug that cannot collide with the enforcement hash's hidden `_` fields or the `:` of key names.
import { TenureError } from '../errors.js';
import { isUnstorableText } from '../text.js';

export const FEATURE_KINDS = ['boolean', 'gauge', 'monthly', 'read'] as const;
export type FeatureKind = (typeof FEATURE_KINDS)[number];
/** The kinds with a numeric limit; `gauge` and `monthly` are also consumed, `read` is only reported. */
export type MeteredKind = Exclude<FeatureKind, 'boolean'>;

export interface Feature {
  key: string;
  name: string;
  kind: FeatureKind;
  unit?: string;
  description?: string;
}

/** The catalog as the domain reads it: every feature the operator declared, in any order. */
export type FeatureCatalog = readonly Feature[];

export const FEATURE_KEY_MAX_LENGTH = 64;
/** A lowercase slug: starts with a letter, words of [a-z0-9] joined by single `_` or `-`. */
export const FEATURE_KEY_PATTERN = '^[a-z][a-z0-9]*(?:[_-][a-z0-9]+)*$';
export const FEATURE_NAME_MAX_LENGTH = 200;
export const FEATURE_UNIT_MAX_LENGTH = 32;
export const FEATURE_DESCRIPTION_MAX_LENGTH = 2000;

const KEY = new RegExp(FEATURE_KEY_PATTERN);

/** True when the value is a well-formed feature key. */
export function isFeatureKey(key: unknown): key is string {
  return typeof key === 'string' && key.length <= FEATURE_KEY_MAX_LENGTH && KEY.test(key);
}

/** True for the kinds that carry a limit rather than an on/off flag. */
export function isMeteredKind(kind: FeatureKind): kind is MeteredKind {
  return kind !== 'boolean';
}

/** True for the kinds `consume` counts: a gauge (released too) or a monthly feature (reset each period). */
export function isConsumableKind(kind: FeatureKind): kind is 'gauge' | 'monthly' {
  return kind === 'gauge' || kind === 'monthly';
}

/** The catalog's feature by key, or undefined. */
export function findFeature(catalog: FeatureCatalog, key: string): Feature | undefined {
  return catalog.find((f) => f.key === key);
}

export type CreateFeatureInput = Feature;
/** What PUT may change: the key and the kind never change once a feature exists. */
export type UpdateFeatureInput = Partial<Pick<Feature, 'name' | 'unit' | 'description'>> & { kind?: FeatureKind };

function invalid(feature: unknown, field: string, message: string): TenureError {
  return new TenureError('VALIDATION_FAILED', message, { feature, field });
}

/** A text field given (undefined = not given): a string, within its length, storable; the name also non-blank. */
function textProblem(feature: unknown, field: string, value: unknown, max: number, nonBlank: boolean): TenureError | null {
  if (value === undefined) return null;
  if (typeof value !== 'string' || (nonBlank && value.trim().length === 0)) return invalid(feature, field, `feature ${field} must be ${nonBlank ? 'a non-blank' : 'a'} string`);
  if (value.length > max) return invalid(feature, field, `feature ${field} must be at most ${max} characters`);
  return isUnstorableText(value) ? invalid(feature, field, `feature ${field} holds a character that cannot be stored`) : null;
}

function describedProblem(key: unknown, input: { name?: unknown; unit?: unknown; description?: unknown }): TenureError | null {
  return textProblem(key, 'name', input.name, FEATURE_NAME_MAX_LENGTH, true)
    ?? textProblem(key, 'unit', input.unit, FEATURE_UNIT_MAX_LENGTH, false)
    ?? textProblem(key, 'description', input.description, FEATURE_DESCRIPTION_MAX_LENGTH, false);
}

/** Checks a new feature (POST /admin/features); null when it may be created. A duplicate key is the caller's 409. */
export function validateFeature(input: CreateFeatureInput): TenureError | null {
  if (!isFeatureKey(input.key)) {
    return invalid(input.key, 'key', `feature key must be a lowercase slug of at most ${FEATURE_KEY_MAX_LENGTH} characters (${FEATURE_KEY_PATTERN})`);
  }
  if (!(FEATURE_KINDS as readonly unknown[]).includes(input.kind)) {
    return new TenureError('VALIDATION_FAILED', `feature kind must be one of ${FEATURE_KINDS.join(', ')}`, { feature: input.key, field: 'kind', allowed: FEATURE_KINDS });
  }
  if (input.name === undefined) return invalid(input.key, 'name', 'a feature needs a name');
  return describedProblem(input.key, input);
}

/** Checks an update of an existing feature (PUT /admin/features/:key); a kind other than the stored one is refused. */
export function validateFeatureUpdate(existing: Feature, patch: UpdateFeatureInput): TenureError | null {
  if (patch.kind !== undefined && patch.kind !== existing.kind) {
    return invalid(existing.key, 'kind', `the kind of feature '${existing.key}' is ${existing.kind} and never changes (create a new feature instead)`);
  }
  return describedProblem(existing.key, patch);
}

/** The feature with the update applied (fields absent from the patch are kept). */
export function applyFeatureUpdate(existing: Feature, patch: UpdateFeatureInput): Feature {
  const { kind: _kind, ...described } = patch;
  return { ...existing, ...Object.fromEntries(Object.entries(described).filter(([, v]) => v !== undefined)) };
}
