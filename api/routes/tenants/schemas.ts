import { tenantStatusSchema } from '../../convert/tenant-status.js';
import { bearerSecurity, tenantIdSchema } from '../../schemas/common.js';
import { errorResponses } from '../../schemas/errors.js';

// JSON Schemas of POST /tenants.
const registered = { type: 'object', required: ['tenant', 'created'], properties: { tenant: tenantStatusSchema, created: { type: 'boolean' } } } as const;

export const registerTenantSchema = {
  tags: ['tenants'],
  security: bearerSecurity,
  body: {
    type: 'object',
    required: ['tenantId'],
    additionalProperties: false,
    properties: {
      tenantId: tenantIdSchema,
      name: { type: 'string', minLength: 1, maxLength: 200 },
      email: { type: 'string', format: 'email', maxLength: 320 },
    },
  },
  response: { 200: registered, 201: registered, ...errorResponses(400, 401, 403, 409) },
};
