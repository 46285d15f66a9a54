import {
  FEATURE_DESCRIPTION_MAX_LENGTH, FEATURE_KEY_MAX_LENGTH, FEATURE_KEY_PATTERN, FEATURE_KINDS, FEATURE_NAME_MAX_LENGTH, FEATURE_UNIT_MAX_LENGTH,
} from '../../../domain/entitlements/features.js';

// JSON Schemas of the feature catalog routes: the shape is checked here, the rules (a kind that
// never changes, text Postgres can store) by the domain's validateFeature(Update).

export const featureKey = { type: 'string', minLength: 1, maxLength: FEATURE_KEY_MAX_LENGTH, pattern: FEATURE_KEY_PATTERN } as const;
const kind = { type: 'string', enum: [...FEATURE_KINDS] } as const;
const name = { type: 'string', minLength: 1, maxLength: FEATURE_NAME_MAX_LENGTH } as const;
const unit = { type: 'string', maxLength: FEATURE_UNIT_MAX_LENGTH, description: 'what the limit counts, as shown to people (`emails`, `MB`)' } as const;
const description = { type: 'string', maxLength: FEATURE_DESCRIPTION_MAX_LENGTH } as const;

export const featureParams = { type: 'object', required: ['key'], properties: { key: featureKey } } as const;

export const createFeatureBody = {
  type: 'object',
  required: ['key', 'name', 'kind'],
  additionalProperties: false,
  properties: { key: featureKey, name, kind, unit, description },
} as const;

/** `kind` may be sent only as the feature's current kind (a 400 otherwise): the kind never changes. */
export const updateFeatureBody = {
  type: 'object',
  minProperties: 1,
  additionalProperties: false,
  properties: { name, unit, description, kind: { ...kind, description: 'must equal the current kind, which never changes' } },
} as const;

export const featureSchema = {
  type: 'object',
  required: ['key', 'name', 'kind', 'createdAt', 'updatedAt'],
  properties: {
    key: { type: 'string' }, name: { type: 'string' }, kind, unit: { type: 'string' }, description: { type: 'string' },
    createdAt: { type: 'string', format: 'date-time' }, updatedAt: { type: 'string', format: 'date-time' },
  },
} as const;

export const featureListResponse = { type: 'object', required: ['features'], properties: { features: { type: 'array', items: featureSchema } } } as const;
