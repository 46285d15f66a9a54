import type { FastifyInstance } from 'fastify';
import { readCounters, readEnforcement } from '../../../services/usage/read-usage.js';
import { checkTenantFeature, readEntitlements, type ReadEntitlementsDeps } from '../../../services/usage/read-entitlements.js';
import { TenureError } from '../../../domain/errors.js';
import { isMeteredKind } from '../../../domain/entitlements/features.js';
import { grantedLimit } from '../../../domain/plans/types.js';
import { remainingCapacity } from '../../../domain/usage/limits.js';
import { errorResponses } from '../../schemas/errors.js';
import { consumeReply, releaseReply, unavailable } from './decisions.js';
import { rememberedServiceAuth } from './service-auth.js';
import {
  consumeBody, consumeResponse, entitlementsResponse, featureCheckResponse, featureParams, releaseBody, releaseResponse, tenantParams, usageReadResponse,
  type UsageBody,
} from './schemas.js';

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
    const outcome = await app.usage.service.consume({ tenantId: req.params.id, metric, amount, idempotencyKey, dryRun }).catch(unavailable(app));
    return consumeReply(app, reply, req.params.id, metric, amount, outcome);
  });

  app.post<{ Params: { id: string }; Body: UsageBody }>('/internal/tenants/:id/usage/release', {
    onRequest: hotService, config: HOT, logLevel,
    schema: { ...common, body: releaseBody, response: { 200: releaseResponse, ...errorResponses(400, 401, 403, 404, 409, 503) } },
  }, async (req, reply) => {
    const { metric, amount, idempotencyKey } = req.body;
    const outcome = await app.usage.service.release({ tenantId: req.params.id, metric, amount, idempotencyKey }).catch(unavailable(app));
    return releaseReply(reply, req.params.id, metric, outcome);
  });

  app.get<{ Params: { id: string } }>('/internal/tenants/:id/usage', {
    onRequest: service,
    schema: { ...common, response: { 200: usageReadResponse, ...errorResponses(400, 401, 403, 404) } },
  }, async (req, reply) => {
    const id = req.params.id;
    let view = await readEnforcement(app.deps.redis, id);
    if (!view && (await app.usage.service.ensureRebuilt(id))) view = await readEnforcement(app.deps.redis, id);
    if (!view) throw new TenureError('TENANT_NOT_FOUND', `tenant ${id} not found`);
    const catalog = await app.deps.features.list();
    const counters = await readCounters(app.deps.redis, id, view.periodStart, catalog);
    const grace = app.deps.config.usage.gracePercent;
    const metrics = Object.fromEntries(catalog.flatMap((f) => {
      if (!isMeteredKind(f.kind)) return [];
      const used = counters[f.key] ?? null;
      const limit = grantedLimit(view.limits, f.key);
      return [[f.key, { kind: f.kind, used, limit, remaining: used === null ? null : remainingCapacity(used, limit, grace) }]];
    }));
    void reply.header('cache-control', 'private, no-store');
    return { tenantId: id, planId: view.planId, metrics };
  });

  const reads: ReadEntitlementsDeps = {
    redis: app.deps.redis, features: app.deps.features, gracePercent: app.deps.config.usage.gracePercent,
    ensureRebuilt: (tenantId) => app.usage.service.ensureRebuilt(tenantId),
  };

  app.get<{ Params: { id: string } }>('/internal/tenants/:id/entitlements', {
    onRequest: hotService, config: HOT, logLevel,
    schema: { ...common, summary: 'Every feature of the catalog as the tenant is entitled to it', response: { 200: entitlementsResponse, ...errorResponses(400, 401, 403, 404, 503) } },
  }, async (req, reply) => {
    const view = await readEntitlements(reads, req.params.id).catch(unavailable(app));
    void reply.header('cache-control', 'private, no-store');
    return view;
  });

  app.get<{ Params: { id: string; key: string } }>('/internal/tenants/:id/features/:key', {
    onRequest: hotService, config: HOT, logLevel,
    schema: {
      ...common, params: featureParams, summary: 'Whether the tenant may use a feature now (off without access, for an unknown key, or when not granted)',
      response: { 200: featureCheckResponse, ...errorResponses(400, 401, 403, 404, 503) },
    },
  }, async (req, reply) => {
    const check = await checkTenantFeature(reads, req.params.id, req.params.key).catch(unavailable(app));
    void reply.header('cache-control', 'private, no-store');
    return check;
  });
}
