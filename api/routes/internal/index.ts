import type { FastifyInstance } from 'fastify';
import { TenureError } from '../../../domain/errors.js';
import { tenantStatusSchema } from '../../convert/tenant-status.js';
import { tenantParams } from '../../schemas/common.js';
import { errorResponses } from '../../schemas/errors.js';
import { readTenantStatus } from '../../../services/usage/read-tenant-status.js';

// Internal routes for product backends (role `service`).
export default async function internalRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Params: { id: string } }>('/internal/tenants/:id/status', {
    onRequest: app.requireRoles('service'),
    schema: {
      tags: ['internal'],
      security: [{ bearer: [] }],
      params: tenantParams,
      response: { 200: tenantStatusSchema, ...errorResponses(400, 401, 403, 404) },
    },
  }, async (req, reply) => {
    // Served from Redis, falling back to the Postgres projection (see api/routes/usage/tenant-status.ts).
    const view = await readTenantStatus({ ...app.deps, log: req.log, ensureRebuilt: app.usage.service.ensureRebuilt }, req.params.id);
    if (!view) throw new TenureError('TENANT_NOT_FOUND', `tenant ${req.params.id} not found`);
    void reply.header('cache-control', 'private, max-age=5');
    return view;
  });
}
