import type { FastifyInstance } from 'fastify';
import { tenantUsageReport } from '../../../../services/usage/usage-report.js';
import { tenantOf } from '../../../plugins/auth.js';
import { errorResponses } from '../../../schemas/errors.js';
import { usageReportSchema } from './schemas.js';

// GET /billings/usage: the tenant's own usage per metric (the tenant comes from the token only).
export default async function billingUsageRoutes(app: FastifyInstance): Promise<void> {
  app.get('/billings/usage', {
    onRequest: app.requireRoles('tenant_user', 'tenant_owner'),
    schema: { tags: ['billings'], security: [{ bearer: [] }], response: { 200: usageReportSchema, ...errorResponses(401, 403, 404) } },
  }, async (req, reply) => {
    const report = await tenantUsageReport({ ...app.deps, ensurePresent: app.usage.service.ensurePresent }, tenantOf(req));
    void reply.header('cache-control', 'private, no-store');
    return report;
  });
}
