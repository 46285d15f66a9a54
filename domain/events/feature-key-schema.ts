// Schemas for payload fields named by feature keys: the operator's catalog decides the keys, so the
// schemas check the key's form (FEATURE_KEY_PATTERN), never a fixed list.
import { FEATURE_KEY_MAX_LENGTH, FEATURE_KEY_PATTERN } from '../entitlements/features.js';
import type { JsonSchema } from './json-schema.js';

/** The largest limit an entitlement may carry (a Postgres integer). */
export const LIMIT_MAX = 2_147_483_647;

/** A string that is a well-formed feature key. */
export const featureKey = (description: string): JsonSchema => ({ type: 'string', pattern: FEATURE_KEY_PATTERN, maxLength: FEATURE_KEY_MAX_LENGTH, description });

/** A limit: a non-negative integer, or null for unlimited. */
export const nullableLimit = (description: string): JsonSchema => ({ type: ['integer', 'null'], minimum: 0, maximum: LIMIT_MAX, description });

/** An object whose keys are feature keys, each holding `value`; any other key is refused. */
export function byFeatureKey(value: JsonSchema, description: string, minProperties?: number): JsonSchema {
  return {
    type: 'object',
    description,
    patternProperties: { [FEATURE_KEY_PATTERN]: value },
    propertyNames: { maxLength: FEATURE_KEY_MAX_LENGTH },
    additionalProperties: false,
    ...(minProperties === undefined ? {} : { minProperties }),
  };
}
