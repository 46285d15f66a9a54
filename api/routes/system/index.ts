import type { FastifyInstance } from 'fastify';
import { cachedDependencyCheck } from '../../../services/system/check-dependencies.js';
import { readinessResponses } from './schemas.js';

// Probes are public, so /readyz is throttled per client address on top of the dependency cache.
const READYZ_RATE_LIMIT = { max: 60, timeWindow: 60_000, keyGenerator: (req: { ip: string }) => `readyz:${req.ip}` };

// Liveness, readiness (every dependency up or down, the outbox; ready, degraded or not_ready), and Prometheus metrics (here unless METRICS_PORT
// gives them their own listener, see api/metrics-listener.ts).
export default async function systemRoutes(app: FastifyInstance): Promise<void> {
  app.get('/healthz', { schema: { tags: ['system'], response: { 200: { type: 'object', properties: { status: { type: 'string' } }, required: ['status'] } } } }, async () => ({ status: 'ok' }));

  const readiness = cachedDependencyCheck(app.deps);
  app.get('/readyz', { config: { rateLimit: READYZ_RATE_LIMIT }, schema: { tags: ['system'], response: readinessResponses } }, async (_req, reply) => {
    const answer = await readiness();
    return reply.status(answer.status === 'not_ready' ? 503 : 200).send(answer);
  });

  if (app.deps.config.metrics.port !== 0) return;
  app.get('/metrics', { schema: { tags: ['system'], produces: ['text/plain'] } }, async (_req, reply) => {
    const body = await app.deps.metrics.registry.metrics();
    return reply.type(app.deps.metrics.registry.contentType).send(body);
  });
}
