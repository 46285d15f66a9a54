import { FEATURE_KEY_MAX_LENGTH, FEATURE_KEY_PATTERN } from '../../../domain/entitlements/features.js';
import { MAX_EVENT_AMOUNT } from '../../../domain/usage/usage-event.js';

// JSON Schemas of the internal usage routes.
const nullableInt = { type: ['integer', 'null'] } as const;

import { tenantParams } from '../../schemas/common.js';

export { tenantParams };

const usageBodyProperties = {
  metric: { type: 'string', pattern: FEATURE_KEY_PATTERN, maxLength: FEATURE_KEY_MAX_LENGTH, description: 'a gauge or monthly feature of the catalog' },
  amount: { type: 'integer', minimum: 1, maximum: MAX_EVENT_AMOUNT, default: 1 },
  idempotencyKey: { type: 'string', minLength: 1, maxLength: 200, pattern: '^[\\x21-\\x7e]+$' },
} as const;

export const consumeBody = {
  type: 'object', required: ['metric'], additionalProperties: false,
  properties: { ...usageBodyProperties, dryRun: { type: 'boolean', default: false, description: 'check only: answer as consume would, without counting' } },
} as const;

export const releaseBody = { type: 'object', required: ['metric'], additionalProperties: false, properties: usageBodyProperties } as const;

export const consumeResponse = {
  type: 'object', required: ['allowed', 'used', 'limit', 'remaining'],
  properties: { allowed: { type: 'boolean' }, used: { type: 'integer' }, limit: nullableInt, remaining: nullableInt },
} as const;

export const releaseResponse = {
  type: 'object', required: ['used', 'limit', 'remaining'],
  properties: { used: { type: 'integer' }, limit: nullableInt, remaining: nullableInt },
} as const;

export const usageReadResponse = {
  type: 'object', required: ['tenantId', 'planId', 'metrics'],
  properties: {
    tenantId: { type: 'string' },
    planId: { type: 'string' },
    metrics: {
      type: 'object',
      additionalProperties: {
        type: 'object', required: ['kind', 'used', 'limit', 'remaining'],
        properties: { kind: { type: 'string', enum: ['gauge', 'monthly', 'read'] }, used: nullableInt, limit: nullableInt, remaining: nullableInt },
      },
    },
  },
} as const;

export const featureParams = {
  type: 'object', required: ['id', 'key'],
  properties: { id: tenantParams.properties.id, key: { type: 'string', pattern: FEATURE_KEY_PATTERN, maxLength: FEATURE_KEY_MAX_LENGTH } },
} as const;

const source = { type: 'string', enum: ['plan', 'override'] } as const;

export const entitlementsResponse = {
  type: 'object', required: ['tenantId', 'access', 'features'],
  properties: {
    tenantId: { type: 'string' },
    access: { type: 'string', enum: ['full', 'read_only', 'none'] },
    features: {
      type: 'object', description: 'every catalog feature, by key',
      additionalProperties: {
        type: 'object', required: ['kind', 'enabled', 'limit', 'used', 'remaining', 'source'],
        properties: {
          kind: { type: 'string', enum: ['boolean', 'gauge', 'monthly', 'read'] }, enabled: { type: 'boolean' },
          limit: { ...nullableInt, description: 'null: unlimited (metered) or not applicable (boolean)' },
          used: { ...nullableInt, description: 'null for boolean and read features' }, remaining: nullableInt, source,
        },
      },
    },
  },
} as const;

export const featureCheckResponse = {
  type: 'object', required: ['key', 'enabled', 'reason'],
  properties: {
    key: { type: 'string' }, enabled: { type: 'boolean' },
    reason: { type: 'string', enum: ['plan', 'override', 'access_none', 'unknown_feature'], description: 'where the answer came from, or why it is off' },
  },
} as const;

export interface UsageBody { metric: string; amount: number; idempotencyKey?: string; dryRun?: boolean }
