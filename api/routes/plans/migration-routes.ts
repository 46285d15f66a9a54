import type { FastifyInstance } from 'fastify';
import { controlPlanMigration, getPlanMigration, startPlanMigration, type MigrationControl, type StartMigrationInput } from '../../../services/plans/migrations/manage-migrations.js';
import { errorResponses } from '../../schemas/errors.js';
import { planParams } from './schemas.js';
import { migrationParams, migrationProgressResponse, migrationReportQuery, migrationReportResponse, startMigrationBody, startedMigrationResponse } from './migration-schemas.js';

const common = { tags: ['plans (admin)'], security: [{ bearer: [] }] } as const;
type Id = { Params: { id: string } };

// Plan migrations (role platform_admin): start one, read its report, pause, resume, cancel.
export default async function planMigrationRoutes(app: FastifyInstance): Promise<void> {
  const admin = app.requireRoles('platform_admin');

  app.post<Id & { Body: StartMigrationInput }>('/admin/plans/:id/migrations', {
    onRequest: admin,
    schema: {
      ...common, summary: 'Migrate tenants to another version of the plan (or a dry run)', params: planParams, body: startMigrationBody,
      description: 'Answers 202 with the migration id; GET /admin/migrations/:id follows it.',
      response: { 202: startedMigrationResponse, ...errorResponses(400, 401, 403, 404, 503) },
    },
  }, async (req, reply) => {
    const m = await startPlanMigration(app.deps, req.params.id, req.body, req.user.sub ?? null);
    return reply.status(202).send({ id: m.id, status: m.status });
  });

  app.get<Id & { Querystring: { limit: number; offset: number } }>('/admin/migrations/:id', {
    onRequest: admin,
    schema: { ...common, summary: 'A plan migration\'s progress and per-tenant report', params: migrationParams, querystring: migrationReportQuery, response: { 200: migrationReportResponse, ...errorResponses(400, 401, 403, 404) } },
  }, async (req) => {
    const m = await getPlanMigration(app.deps, req.params.id, req.query);
    return { ...m, createdAt: m.createdAt.toISOString(), updatedAt: m.updatedAt.toISOString() };
  });

  for (const control of ['pause', 'resume', 'cancel'] as const satisfies MigrationControl[]) {
    app.post<Id>(`/admin/migrations/:id/${control}`, {
      onRequest: admin,
      schema: { ...common, summary: `${control[0]!.toUpperCase()}${control.slice(1)} a plan migration`, params: migrationParams, response: { 200: migrationProgressResponse, ...errorResponses(401, 403, 404, 409, 503) } },
    }, async (req) => controlPlanMigration(app.deps, req.params.id, control));
  }
}
