import type { FastifyInstance, FastifyRequest } from 'fastify';
import { TenureError } from '../../../domain/errors.js';
import { errorResponses } from '../../schemas/errors.js';
import adminPlanRoutes from './admin-routes.js';
import planMigrationRoutes from './migration-routes.js';
import { toPublicPlanView } from './convert.js';
import { publicCatalog } from '../../../services/plans/public-catalog.js';
import { catalogResponse } from './schemas.js';

// GET /plans (public) and the admin plan catalog routes.
export default async function planRoutes(app: FastifyInstance): Promise<void> {
  app.get('/plans', {
    schema: {
      tags: ['plans'],
      summary: 'The plan catalog, compared side by side, with annual savings and a recommendation',
      description: 'No token needed. With a tenant token, the tenant\'s own enterprise plans are included and the recommendation follows its usage. A token that fails verification is rejected, not ignored.',
      security: [{}, { bearer: [] }],
      response: { 200: catalogResponse, ...errorResponses(401) },
    },
  }, async (req, reply) => {
    const tenantId = await optionalTenant(req);
    // A tenant's answer holds its own plans and usage: shared caches must not keep it.
    void reply.header('vary', 'authorization');
    if (tenantId !== null) void reply.header('cache-control', 'private, no-store');
    const catalog = await publicCatalog(app.deps, tenantId);
    return { ...catalog, plans: catalog.plans.map(toPublicPlanView) };
  });
  await app.register(adminPlanRoutes);
  await app.register(planMigrationRoutes);
}

/** The tenant of a verified bearer token, or null without one (or for tokens bound to no tenant). */
async function optionalTenant(req: FastifyRequest): Promise<string | null> {
  if (req.headers.authorization === undefined) return null;
  try {
    await req.jwtVerify();
  } catch {
    throw new TenureError('UNAUTHENTICATED', 'invalid or expired bearer token (omit it to read the public catalog)');
  }
  return req.user.tenantId;
}
