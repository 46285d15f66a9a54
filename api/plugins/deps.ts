import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { AppDeps } from '../deps.js';

declare module 'fastify' {
  interface FastifyInstance { deps: AppDeps }
}

// Decorates the instance with the clients the entry point built (config, db, redis, temporal, kafka, stripe, metrics).
async function depsPlugin(app: FastifyInstance, deps: AppDeps): Promise<void> {
  app.decorate('deps', deps);
}

export default fp(depsPlugin, { name: 'deps' });
