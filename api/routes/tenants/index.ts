import type { FastifyInstance } from 'fastify';
import { tenantStatusSchema, toTenantStatusView } from '../../convert/tenant-status.js';
import { errorResponses } from '../../schemas/errors.js';
import { registerTenant, type RegisterTenantInput } from '../../../services/tenants/register-tenant.js';

export const TENANT_ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$';

// POST /tenants: product backends (service) and operators (platform_admin) register tenants.
export default async function tenantRoutes(app: FastifyInstance): Promise<void> {
  app.post<{ Body: RegisterTenantInput }>('/tenants', {
    onRequest: app.requireRoles('service', 'platform_admin'),
    schema: {
      tags: ['tenants'],
      security: [{ bearer: [] }],
      body: {
        type: 'object',
        required: ['tenantId'],
        additionalProperties: false,
        properties: {
          tenantId: { type: 'string', pattern: TENANT_ID_PATTERN },
          name: { type: 'string', minLength: 1, maxLength: 200 },
          email: { type: 'string', format: 'email', maxLength: 320 },
        },
      },
      response: {
        200: { type: 'object', required: ['tenant', 'created'], properties: { tenant: tenantStatusSchema, created: { type: 'boolean' } } },
        201: { type: 'object', required: ['tenant', 'created'], properties: { tenant: tenantStatusSchema, created: { type: 'boolean' } } },
        ...errorResponses(400, 401, 403),
      },
    },
  }, async (req, reply) => {
    const { tenant, created } = await registerTenant(app.deps, req.body);
    return reply.status(created ? 201 : 200).send({ tenant: toTenantStatusView(tenant), created });
  });
}
