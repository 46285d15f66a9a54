import type { FastifyInstance } from 'fastify';
import { checkDependencies } from '../../../services/system/check-dependencies.js';
import { check } from './schemas.js';


// Liveness, readiness (every dependency), and Prometheus metrics.
export default async function systemRoutes(app: FastifyInstance): Promise<void> {
  app.get('/healthz', { schema: { tags: ['system'], response: { 200: { type: 'object', properties: { status: { type: 'string' } }, required: ['status'] } } } }, async () => ({ status: 'ok' }));

  app.get('/readyz', {
    schema: {
      tags: ['system'],
      response: {
        200: { type: 'object', properties: { status: { type: 'string' }, dependencies: { type: 'object', additionalProperties: check } }, required: ['status', 'dependencies'] },
        503: { type: 'object', properties: { status: { type: 'string' }, dependencies: { type: 'object', additionalProperties: check } }, required: ['status', 'dependencies'] },
      },
    },
  }, async (_req, reply) => {
    const dependencies = await checkDependencies(app.deps);
    const ready = Object.values(dependencies).every((d) => d.status === 'up');
    return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not_ready', dependencies });
  });

  app.get('/metrics', { schema: { tags: ['system'], produces: ['text/plain'] } }, async (_req, reply) => {
    const body = await app.deps.metrics.registry.metrics();
    return reply.type(app.deps.metrics.registry.contentType).send(body);
  });
}
