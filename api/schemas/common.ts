import { TENANT_ID_PATTERN } from '../../domain/plans/rules.js';

// Schema pieces every area shares.
export const tenantIdSchema = { type: 'string', pattern: TENANT_ID_PATTERN } as const;

/** `/:id` of a tenant. */
export const tenantParams = { type: 'object', required: ['id'], properties: { id: tenantIdSchema } } as const;

export const bearerSecurity = [{ bearer: [] }];
