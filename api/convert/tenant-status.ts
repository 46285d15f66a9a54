import type { TenantRow } from '../../db/queries/tenants.js';

// Maps the projection row to the stable, versionable status DTO that product backends read.
export interface TenantStatusView {
  tenantId: string;
  status: string;
  paymentStatus: string;
  access: string;
  plan: { id: string; name: string };
  trial: { endsAt: string } | null;
  limits: Record<string, number | null>;
  version: number;
}

export const tenantStatusSchema = {
  type: 'object',
  required: ['tenantId', 'status', 'paymentStatus', 'access', 'plan', 'trial', 'limits', 'version'],
  properties: {
    tenantId: { type: 'string' },
    status: { type: 'string', enum: ['active', 'suspended', 'locked'] },
    paymentStatus: { type: 'string', enum: ['active', 'past_due', 'restricted', 'locked'] },
    access: { type: 'string', enum: ['full', 'read_only', 'none'] },
    plan: { type: 'object', required: ['id', 'name'], properties: { id: { type: 'string' }, name: { type: 'string' } } },
    trial: { anyOf: [{ type: 'null' }, { type: 'object', required: ['endsAt'], properties: { endsAt: { type: 'string', format: 'date-time' } } }] },
    limits: { type: 'object', additionalProperties: { type: ['integer', 'null'] } },
    version: { type: 'integer' },
  },
} as const;

/** Builds the status view from the projection row. */
export function toTenantStatusView(row: TenantRow): TenantStatusView {
  return {
    tenantId: row.tenantId,
    status: row.status,
    paymentStatus: row.paymentStatus,
    access: row.access,
    plan: { id: row.planId, name: row.planName },
    trial: row.trialEndsAt ? { endsAt: row.trialEndsAt.toISOString() } : null,
    limits: row.limits,
    version: row.version,
  };
}
