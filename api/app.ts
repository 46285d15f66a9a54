import { randomUUID } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from '../config/logger.js';
import { TenureError } from '../domain/errors.js';
import type { AppDeps } from './deps.js';
import { frameworkErrors, registerErrorHandler } from './errors.js';
import { documentFrameworkStatuses, UNTHROTTLED_URLS } from './schemas/errors.js';
import { coerceQuerystrings } from './schemas/querystring.js';
import { rejectUnstorableText } from './schemas/storable-text.js';
import authPlugin from './plugins/auth.js';
import depsPlugin from './plugins/deps.js';
import { failClosedRedisStore } from './plugins/rate-limit-store.js';
import billingUsageRoutes from './routes/billings/usage/index.js';
import internalRoutes from './routes/internal/index.js';
import planRoutes from './routes/plans/index.js';
import systemRoutes from './routes/system/index.js';
import tenantRoutes from './routes/tenants/index.js';
import webhookRoutes from './routes/webhooks/index.js';
import subscriptionRoutes from './routes/billings/subscription/index.js';
import paymentRoutes from './routes/billings/payments/index.js';
import contactRoutes from './routes/billings/contact/index.js';
import adminTenantRoutes from './routes/admin/tenants.js';
import adminAssignPlanRoutes from './routes/admin/assign-plan.js';
import adminOverrideRoutes from './routes/admin/overrides.js';
import adminPreviewRoutes from './routes/admin/preview.js';
import webRoutes from './routes/web/index.js';
import usageRoutes from './routes/usage/index.js';
import usagePlugin from './routes/usage/usage-plugin.js';
import featureRoutes from './routes/features/index.js';
import webhookEndpointRoutes from './routes/webhook-endpoints/index.js';

/** Builds the Fastify app around already-constructed clients; server.ts and tests both call this. */
export async function buildApp(deps: AppDeps, logger: Logger): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    genReqId: (req) => (typeof req.headers['x-request-id'] === 'string' && req.headers['x-request-id'].length <= 128 ? req.headers['x-request-id'] : randomUUID()),
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: true } },
    bodyLimit: 1_048_576,
    // During a graceful shutdown a request that still arrives on an open connection is served (its
    // answer says Connection: close, api/drain.ts), not shed with Fastify's bare 503.
    return503OnClosing: false,
    frameworkErrors,
  });
  registerErrorHandler(app);
  // Before swagger registers: every route's documented responses include what the framework can answer.
  app.addHook('onRoute', documentFrameworkStatuses);
  rejectUnstorableText(app);
  coerceQuerystrings(app);
  await app.register(swagger, {
    openapi: {
      info: { title: 'Tenure API', version: '0.1.0', description: 'Billing orchestrator for multi-tenant SaaS' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  await app.register(depsPlugin, deps);
  await app.register(authPlugin, { secret: deps.config.auth.jwtSecret, policy: deps.config.auth });
  // The admin routes fail closed when the limiter cannot count (Redis down): 503, nothing done.
  // Registered before the rate limiter, so its own onRoute hook sees the route's config.
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/admin/') && route.config?.rateLimit !== false) route.config = { ...route.config, rateLimit: { skipOnError: false } };
  });
  await app.register(rateLimit, {
    global: true,
    max: deps.config.auth.rateLimitMax,
    timeWindow: deps.config.auth.rateLimitWindowMs,
    store: failClosedRedisStore(deps.redis, `${deps.config.redis.keyPrefix}ratelimit:`),
    skipOnError: true,
    errorResponseBuilder: (_req, ctx) => new TenureError('RATE_LIMITED', `too many requests: retry in ${ctx.after}`),
    // /readyz is not listed: it has its own per-address limit (api/routes/system).
    allowList: (req) => UNTHROTTLED_URLS.includes(req.url),
    keyGenerator: (req) => identityKey(app, req.headers.authorization, req.ip),
  });
  app.addHook('onResponse', async (req, reply) => {
    deps.metrics.httpRequestDuration.labels(req.method, req.routeOptions.url ?? 'unknown', String(reply.statusCode)).observe(reply.elapsedTime / 1000);
  });
  await app.register(usagePlugin);
  const routes = [systemRoutes, tenantRoutes, webhookRoutes, subscriptionRoutes, paymentRoutes, contactRoutes, adminTenantRoutes, adminAssignPlanRoutes, adminOverrideRoutes, adminPreviewRoutes, webRoutes, internalRoutes, planRoutes, usageRoutes, billingUsageRoutes];
  for (const plugin of routes) await app.register(plugin);
  await app.register(featureRoutes);
  await app.register(webhookEndpointRoutes);
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  return app;
}

// Rate limits key on the verified token subject when there is one (so callers behind one proxy are
// counted apart), and on the client address otherwise; an unverifiable token counts as its address.
function identityKey(app: FastifyInstance, authorization: string | undefined, ip: string): string {
  if (!authorization?.startsWith('Bearer ')) return `ip:${ip}`;
  try {
    return `sub:${app.jwt.verify<{ sub: string }>(authorization.slice(7)).sub}`;
  } catch {
    return `ip:${ip}`;
  }
}
