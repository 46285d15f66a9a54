import { statusFromRow } from '../../services/usage/read-tenant-status.js';

// The JSON Schema of the status DTO that product backends read (see services/usage/read-tenant-status.ts).
export const tenantStatusSchema = {
  type: 'object',
  required: ['tenantId', 'status', 'paymentStatus', 'access', 'plan', 'trial', 'limits', 'features', 'paymentActionUrl', 'version'],
  properties: {
    tenantId: { type: 'string' },
    status: { type: 'string', enum: ['active', 'suspended', 'locked', 'closed'] },
    paymentStatus: { type: 'string', enum: ['active', 'past_due', 'restricted', 'locked'] },
    access: { type: 'string', enum: ['full', 'read_only', 'none'] },
    plan: { type: 'object', required: ['id', 'name'], properties: { id: { type: 'string' }, name: { type: 'string' } } },
    trial: { anyOf: [{ type: 'null' }, { type: 'object', required: ['endsAt'], properties: { endsAt: { type: 'string', format: 'date-time' } } }] },
    limits: { type: 'object', description: 'metered features: the effective limit (null = unlimited)', additionalProperties: { type: ['integer', 'null'] } },
    features: { type: 'object', description: 'boolean features: on or off (access is not applied; see access)', additionalProperties: { type: 'boolean' } },
    paymentActionUrl: { type: ['string', 'null'], description: "Stripe's hosted invoice page where the customer must authenticate a payment (3-D Secure); null when none waits" },
    version: { type: 'integer' },
    nextTransition: {
      description: 'when access or plan will next change if nothing else happens (trial end, dunning step, scheduled downgrade, lock expiry); null if no deadline will',
      anyOf: [{ type: 'null' }, {
        type: 'object', required: ['at', 'to', 'reason'],
        properties: {
          at: { type: 'string', format: 'date-time' },
          to: { type: 'object', required: ['access', 'planId'], properties: { access: { type: 'string', enum: ['full', 'read_only', 'none'] }, planId: { type: 'string' } } },
          reason: { type: 'array', description: 'the event types the change publishes', items: { type: 'string' } },
        },
      }],
    },
  },
} as const;

/** Builds the status view from the projection row. */
export const toTenantStatusView = statusFromRow;
