import type { FastifyInstance } from 'fastify';
import { syncPlansFromStripe } from '../../../services/plans/sync-plans.js';
import type { ListPlansQuery } from '../../../db/queries/plan-catalog.js';
import { errorResponses } from '../../schemas/errors.js';
import { toAdminPlanView } from './convert.js';
import { getPlanWithVersions } from '../../../services/plans/plan-versions.js';
import { createPlan, deactivatePlan, listPlans, updatePlan, type CreatePlanInput, type UpdatePlanInput } from '../../../services/plans/manage-plans.js';
import { adminPlanDetailSchema, adminPlanSchema, createPlanBody, listPlansQuery, planListResponse, planParams, syncSummaryResponse, updatePlanBody } from './schemas.js';

const common = { tags: ['plans (admin)'], security: [{ bearer: [] }] } as const;
type Id = { Params: { id: string } };

// The plan catalog for operators (role platform_admin): CRUD, enterprise plans bound to a tenant, and the Stripe sync.
export default async function adminPlanRoutes(app: FastifyInstance): Promise<void> {
  const admin = app.requireRoles('platform_admin');

  app.get<{ Querystring: ListPlansQuery }>('/admin/plans', {
    onRequest: admin,
    schema: { ...common, summary: 'List plans, paged', querystring: listPlansQuery, response: { 200: planListResponse, ...errorResponses(400, 401, 403) } },
  }, async (req) => {
    const { plans, total } = await listPlans(app.deps, req.query);
    return { plans: plans.map(toAdminPlanView), total, limit: req.query.limit, offset: req.query.offset };
  });

  app.post<{ Body: CreatePlanInput }>('/admin/plans', {
    onRequest: admin,
    schema: { ...common, summary: 'Create a public or enterprise plan', body: createPlanBody, response: { 201: adminPlanSchema, ...errorResponses(400, 401, 403, 409) } },
  }, async (req, reply) => reply.status(201).send(toAdminPlanView(await createPlan(app.deps, req.body))));

  app.post('/admin/plans/sync', {
    onRequest: admin,
    schema: { ...common, summary: 'Sync plans from Stripe Products and Prices', response: { 200: syncSummaryResponse, ...errorResponses(401, 403, 502, 503) } },
  }, async (req) => syncPlansFromStripe({ db: app.deps.db, redis: app.deps.redis, stripe: app.deps.stripe, log: req.log, features: app.deps.features }));

  app.get<Id>('/admin/plans/:id', {
    onRequest: admin,
    schema: { ...common, summary: 'Read a plan, active or not, with its versions and the tenants on each', params: planParams, response: { 200: adminPlanDetailSchema, ...errorResponses(401, 403, 404) } },
  }, async (req) => {
    const plan = await getPlanWithVersions(app.deps, req.params.id);
    return { ...toAdminPlanView(plan), versions: plan.versions };
  });

  // PATCH and PUT both take the fields to change (PUT with the whole plan keeps working).
  for (const method of ['put', 'patch'] as const) {
    app[method]<Id & { Body: UpdatePlanInput }>('/admin/plans/:id', {
      onRequest: admin,
      schema: {
        ...common, summary: 'Change the given fields of a plan', description: 'A change to the prices or entitlements makes a new version; tenants stay on theirs until a migration moves them.',
        params: planParams, body: updatePlanBody, response: { 200: adminPlanSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    }, async (req) => toAdminPlanView(await updatePlan(app.deps, req.params.id, req.body)));
  }

  app.delete<Id>('/admin/plans/:id', {
    onRequest: admin,
    schema: { ...common, summary: 'Soft-delete a plan (is_active = false)', params: planParams, response: { 204: { type: 'null', description: 'deactivated' }, ...errorResponses(401, 403, 404, 409) } },
  }, async (req, reply) => {
    await deactivatePlan(app.deps, req.params.id);
    return reply.status(204).send();
  });
}
