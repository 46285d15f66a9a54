import type { FastifyInstance } from 'fastify';
import { readCounters } from '../../../../services/usage/read-usage.js';
import { findTenant } from '../../../../db/queries/tenants.js';
import { periodHistory } from '../../../../db/queries/usage-records.js';
import { TenureError } from '../../../../domain/errors.js';
import { tenantOf } from '../../../plugins/auth.js';
import { errorResponses } from '../../../schemas/errors.js';
import { buildUsageReport, HISTORY_PERIODS, usageReportSchema } from './report.js';

// GET /billings/usage: the tenant's own usage per metric (the tenant comes from the token only).
export default async function billingUsageRoutes(app: FastifyInstance): Promise<void> {
  app.get('/billings/usage', {
    onRequest: app.requireRoles('tenant_user', 'tenant_owner'),
    schema: { tags: ['billings'], security: [{ bearer: [] }], response: { 200: usageReportSchema, ...errorResponses(401, 403, 404) } },
  }, async (req, reply) => {
    const tenantId = tenantOf(req);
    const row = await findTenant(app.deps.db, tenantId);
    if (!row) throw new TenureError('TENANT_NOT_FOUND', `tenant ${tenantId} not found`);
    // Counters live in Redis; make sure they are there (rebuilt from the record if Redis lost them).
    await app.usage.service.ensurePresent(tenantId);
    const periodStart = row.usagePeriodStart?.getTime() ?? 0;
    const [counters, history] = await Promise.all([readCounters(app.deps.redis, tenantId, periodStart), periodHistory(app.deps.db, tenantId, HISTORY_PERIODS)]);
    const period = row.usagePeriodStart && row.usagePeriodEnd ? { start: row.usagePeriodStart.getTime(), end: row.usagePeriodEnd.getTime() } : null;
    const metrics = buildUsageReport({ limits: row.limits, counters, history, period, now: Date.now() });
    void reply.header('cache-control', 'private, no-store');
    return {
      tenantId, planId: row.planId,
      period: period && { start: new Date(period.start).toISOString(), end: new Date(period.end).toISOString() },
      metrics,
    };
  });
}
