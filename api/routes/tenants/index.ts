import type { FastifyInstance } from 'fastify';
import { registerTenant, type RegisterTenantInput } from '../../../services/tenants/register-tenant.js';
import { toTenantStatusView } from '../../convert/tenant-status.js';
import { registerTenantSchema } from './schemas.js';

// POST /tenants: product backends (service) and operators (platform_admin) register tenants.
export default async function tenantRoutes(app: FastifyInstance): Promise<void> {
  app.post<{ Body: RegisterTenantInput }>('/tenants', { onRequest: app.requireRoles('service', 'platform_admin'), schema: registerTenantSchema }, async (req, reply) => {
    const { tenant, created } = await registerTenant(app.deps, req.body);
    return reply.status(created ? 201 : 200).send({ tenant: toTenantStatusView(tenant), created });
  });
}
