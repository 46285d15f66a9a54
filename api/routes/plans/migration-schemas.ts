import { TENANT_ID_PATTERN } from '../../../domain/plans/rules.js';
import { entitlementsSchema } from './schemas.js';

// JSON Schemas of the plan migration routes.

const version = { type: 'integer', minimum: 1, maximum: 1_000_000 } as const;

export const startMigrationBody = {
  type: 'object',
  required: ['toVersion', 'effective'],
  additionalProperties: false,
  properties: {
    toVersion: { ...version, description: 'the version to move tenants to' },
    fromVersions: { type: 'array', minItems: 1, maxItems: 100, uniqueItems: true, items: version, description: 'only tenants on these versions (default: every other version)' },
    tenantIds: { type: 'array', minItems: 1, maxItems: 10_000, uniqueItems: true, items: { type: 'string', pattern: TENANT_ID_PATTERN }, description: 'only these tenants' },
    effective: { type: 'string', enum: ['now', 'period_end'], description: 'now (Stripe prorates) or at the end of the billing period (a Stripe schedule)' },
    dryRun: { type: 'boolean', default: false, description: 'report what would happen, change nothing' },
    ratePerSecond: { type: 'integer', minimum: 1, maximum: 100, default: 5, description: 'tenants per second' },
    force: { type: 'boolean', default: false, description: 'also migrate tenants whose gauges exceed the new limits' },
  },
} as const;

export const migrationParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', minLength: 1, maxLength: 100 } } } as const;

export const migrationReportQuery = {
  type: 'object', additionalProperties: false,
  properties: { limit: { type: 'integer', minimum: 1, maximum: 1000, default: 500 }, offset: { type: 'integer', minimum: 0, maximum: 1_000_000, default: 0 } },
} as const;

export const startedMigrationResponse = {
  type: 'object', required: ['id', 'status'],
  properties: { id: { type: 'string' }, status: { type: 'string' } },
} as const;

const counts = { type: 'object', additionalProperties: { type: 'integer' } } as const;

export const migrationProgressResponse = {
  type: 'object', required: ['status', 'total', 'done', 'outcomes'],
  properties: { status: { type: 'string' }, total: { type: 'integer' }, done: { type: 'integer' }, outcomes: counts },
} as const;

const violation = { type: 'object', properties: { feature: { type: 'string' }, usage: { type: 'integer' }, limit: { type: ['integer', 'null'] }, over: { type: 'integer' } } } as const;

const tenantReport = {
  type: ['object', 'null'],
  description: 'a dry run: entitlements before and after, the gauges over the new limits, the refusal it would get, and for `now` Stripe\'s proration preview; otherwise the refusal\'s details',
  properties: {
    fromVersion: { type: 'integer' }, toVersion: { type: 'integer' }, before: entitlementsSchema, after: entitlementsSchema,
    exceeded: { type: 'array', items: violation },
    refusal: { type: ['object', 'null'], properties: { code: { type: 'string' }, message: { type: 'string' } } },
    proration: {
      type: ['object', 'null'],
      properties: {
        currency: { type: 'string' }, amountDue: { type: 'integer' }, total: { type: 'integer' }, prorationAmount: { type: 'integer' },
        lines: { type: 'array', items: { type: 'object', properties: { description: { type: 'string' }, amount: { type: 'integer' }, proration: { type: 'boolean' } } } },
      },
    },
    details: { type: 'object', additionalProperties: true },
  },
} as const;

export const migrationReportResponse = {
  type: 'object',
  required: ['id', 'planId', 'toVersion', 'fromVersions', 'tenantIds', 'effective', 'dryRun', 'force', 'ratePerSecond', 'status', 'createdAt', 'updatedAt', 'progress', 'tenants'],
  properties: {
    id: { type: 'string' }, planId: { type: 'string' }, toVersion: { type: 'integer' },
    fromVersions: { type: ['array', 'null'], items: { type: 'integer' } }, tenantIds: { type: ['array', 'null'], items: { type: 'string' } },
    effective: { type: 'string' }, dryRun: { type: 'boolean' }, force: { type: 'boolean' }, ratePerSecond: { type: 'integer' },
    status: { type: 'string', enum: ['selecting', 'running', 'paused', 'completed', 'cancelled'] }, createdBy: { type: ['string', 'null'] },
    createdAt: { type: 'string', format: 'date-time' }, updatedAt: { type: 'string', format: 'date-time' },
    progress: { type: 'object', required: ['total', 'done', 'outcomes'], properties: { total: { type: 'integer' }, done: { type: 'integer' }, outcomes: counts } },
    tenants: {
      type: 'array', description: 'per tenant, in the order the migration takes them',
      items: {
        type: 'object', required: ['tenantId', 'fromVersion', 'outcome', 'code', 'message', 'report'],
        properties: {
          tenantId: { type: 'string' }, fromVersion: { type: 'integer' },
          outcome: { type: 'string', enum: ['pending', 'applied', 'scheduled', 'skipped', 'failed', 'previewed'] },
          code: { type: ['string', 'null'] }, message: { type: ['string', 'null'] }, report: tenantReport,
        },
      },
    },
  },
} as const;
