import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { activeCatalogPlans } from '../../../services/plans/plan-catalog.js';
import { createThresholdPublisher, type ThresholdPublisher } from '../../../services/usage/threshold-publisher.js';
import { createUsageService, type UsageService } from '../../../services/usage/usage-service.js';
import type { Logger } from '../../../config/logger.js';
import type { Plan } from '../../../domain/plans/types.js';

export interface UsageApi { service: UsageService; publisher: ThresholdPublisher; plans(): Promise<Plan[]> }

declare module 'fastify' {
  interface FastifyInstance { usage: UsageApi }
}

// Decorates the app with the usage service (consume/release), the threshold outbox publisher (runs
// while the app is open) and the plan catalog (cached in Redis) for upgrade suggestions.
async function usagePlugin(app: FastifyInstance): Promise<void> {
  const { redis, db, config } = app.deps;
  const log = app.log as Logger;
  const publisher = createThresholdPublisher({ redis, db, log });
  const service = createUsageService({
    redis, db, log, features: app.deps.features, gracePercent: config.usage.gracePercent, idempotencyTtlMs: config.usage.idempotencyTtlMs, onThresholdCrossed: () => publisher.kick(),
  });
  app.decorate('usage', { service, publisher, plans: () => activeCatalogPlans({ db, redis }) });
  app.addHook('onReady', async () => publisher.start());
  app.addHook('onClose', async () => publisher.stop());
}

export default fp(usagePlugin, { name: 'usage', dependencies: ['deps'] });
