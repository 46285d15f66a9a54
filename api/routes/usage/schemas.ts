import { METRICS } from '../../../domain/plans/types.js';
import { MAX_EVENT_AMOUNT } from '../../../domain/usage/usage-event.js';

// JSON Schemas of the internal usage routes.
const nullableInt = { type: ['integer', 'null'] } as const;

export { tenantParams } from '../../schemas/common.js';

const usageBodyProperties = {
  metric: { type: 'string', enum: [...METRICS] },
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

export interface UsageBody { metric: (typeof METRICS)[number]; amount: number; idempotencyKey?: string; dryRun?: boolean }
