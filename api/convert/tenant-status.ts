import { statusFromRow } from '../../services/usage/read-tenant-status.js';

// The JSON Schema of the status DTO that product backends read (see services/usage/read-tenant-status.ts).
export const tenantStatusSchema = {
  type: 'object',
  required: ['tenantId', 'status', 'paymentStatus', 'access', 'plan', 'trial', 'limits', 'features', 'version'],
  properties: {
    tenantId: { type: 'string' },
    status: { type: 'string', enum: ['active', 'suspended', 'locked', 'closed'] },
    paymentStatus: { type: 'string', enum: ['active', 'past_due', 'restricted', 'locked'] },
    access: { type: 'string', enum: ['full', 'read_only', 'none'] },
    plan: { type: 'object', required: ['id', 'name'], properties: { id: { type: 'string' }, name: { type: 'string' } } },
    trial: { anyOf: [{ type: 'null' }, { type: 'object', required: ['endsAt'], properties: { endsAt: { type: 'string', format: 'date-time' } } }] },
    limits: { type: 'object', description: 'metered features: the effective limit (null = unlimited)', additionalProperties: { type: ['integer', 'null'] } },
    features: { type: 'object', description: 'boolean features: on or off (access is not applied; see access)', additionalProperties: { type: 'boolean' } },
    version: { type: 'integer' },
  },
} as const;

/** Builds the status view from the projection row. */
export const toTenantStatusView = statusFromRow;
