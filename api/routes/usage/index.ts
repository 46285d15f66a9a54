import type { FastifyInstance } from 'fastify';
import { readCounters, readEnforcement } from '../../../services/usage/read-usage.js';
import { TenureError } from '../../../domain/errors.js';
import { METRICS } from '../../../domain/plans/types.js';
import { remainingCapacity } from '../../../domain/usage/limits.js';
import { METRIC_KINDS } from '../../../domain/usage/metrics.js';
import { errorResponses } from '../../schemas/errors.js';
import { consumeReply, releaseReply, unavailable } from './decisions.js';
import { rememberedServiceAuth } from './service-auth.js';
import { consumeBody, consumeResponse, releaseBody, releaseResponse, tenantParams, usageReadResponse, type UsageBody } from './schemas.js';

// The enforcement hot path for product backends (role `service`). Not rate limited per caller:
// these are trusted backends asking thousands of times a second; and logged at warn, not per request.
const HOT = { rateLimit: false } as const;
const LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
type Level = (typeof LEVELS)[number];
/** At least `warn`, and never louder than the configured level. */
const quieter = (configured: Level): Level => (LEVELS.indexOf(configured) > LEVELS.indexOf('warn') ? configured : 'warn');
const common = { tags: ['usage'], security: [{ bearer: [] }], params: tenantParams } as const;

export default async function usageRoutes(app: FastifyInstance): Promise<void> {
  const service = app.requireRoles('service');
  const hotService = rememberedServiceAuth(app);
  const logLevel = quieter(app.deps.config.logLevel);

  app.post<{ Params: { id: string }; Body: UsageBody }>('/internal/tenants/:id/usage/consume', {
    onRequest: hotService, config: HOT, logLevel,
    schema: { ...common, body: consumeBody, response: { 200: consumeResponse, ...errorResponses(400, 401, 402, 403, 404, 409, 503) } },
  }, async (req, reply) => {
    const { metric, amount, idempotencyKey, dryRun } = req.body;
    if (METRIC_KINDS[metric] === 'read') throw new TenureError('METRIC_NOT_CONSUMABLE', `${metric} is a read limit: it is reported, not consumed`, { metric });
    const outcome = await app.usage.service.consume({ tenantId: req.params.id, metric, amount, idempotencyKey, dryRun }).catch(unavailable(app));
    return consumeReply(app, reply, req.params.id, metric, amount, outcome);
  });

  app.post<{ Params: { id: string }; Body: UsageBody }>('/internal/tenants/:id/usage/release', {
    onRequest: hotService, config: HOT, logLevel,
    schema: { ...common, body: releaseBody, response: { 200: releaseResponse, ...errorResponses(400, 401, 403, 404, 409, 503) } },
  }, async (req, reply) => {
    const { metric, amount, idempotencyKey } = req.body;
    if (METRIC_KINDS[metric] !== 'gauge') throw new TenureError('METRIC_NOT_RELEASABLE', `${metric} is not a gauge: only live resources (${METRICS.filter((m) => METRIC_KINDS[m] === 'gauge').join(', ')}) are released`, { metric });
    const outcome = await app.usage.service.release({ tenantId: req.params.id, metric, amount, idempotencyKey }).catch(unavailable(app));
    return releaseReply(reply, req.params.id, outcome);
  });

  app.get<{ Params: { id: string } }>('/internal/tenants/:id/usage', {
    onRequest: service,
    schema: { ...common, response: { 200: usageReadResponse, ...errorResponses(400, 401, 403, 404) } },
  }, async (req, reply) => {
    const id = req.params.id;
    let view = await readEnforcement(app.deps.redis, id);
    if (!view && (await app.usage.service.ensureRebuilt(id))) view = await readEnforcement(app.deps.redis, id);
    if (!view) throw new TenureError('TENANT_NOT_FOUND', `tenant ${id} not found`);
    const counters = await readCounters(app.deps.redis, id, view.periodStart);
    const grace = app.deps.config.usage.gracePercent;
    const metrics = Object.fromEntries(METRICS.map((m) => {
      const used = counters[m] ?? null;
      return [m, { kind: METRIC_KINDS[m], used, limit: view.limits[m], remaining: used === null ? null : remainingCapacity(used, view.limits[m], grace) }];
    }));
    void reply.header('cache-control', 'private, no-store');
    return { tenantId: id, planId: view.planId, metrics };
  });
}
