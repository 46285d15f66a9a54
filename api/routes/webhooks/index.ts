import type { FastifyInstance, FastifyRequest } from 'fastify';
import { TenureError } from '../../../domain/errors.js';
import { errorResponses } from '../../schemas/errors.js';
import { okSchema } from './schemas.js';
import { receiveStripeEvent, verifyStripeEvent } from '../../../services/webhooks/receive-stripe-event.js';

// Stripe webhooks. Encapsulated (no fastify-plugin) so the raw-body JSON parser applies only here:
// the signature is computed over the exact bytes Stripe sent.
export default async function webhookRoutes(app: FastifyInstance): Promise<void> {
  app.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: 1_048_576 }, (_req, body, done) => done(null, body));
  const handler = async (req: FastifyRequest) => {
    const { metrics } = app.deps;
    let event;
    try {
      if (!Buffer.isBuffer(req.body)) throw new TenureError('INVALID_SIGNATURE', 'expected a JSON body signed by Stripe');
      event = verifyStripeEvent(app.deps, req.body, req.headers['stripe-signature'] as string | undefined);
    } catch (err) {
      metrics.webhooksFailed.labels('signature').inc();
      throw err;
    }
    try {
      const { outcome, tenantId, reason } = await receiveStripeEvent(app.deps, event);
      metrics.webhooksReceived.labels(outcome).inc();
      if (outcome === 'orphan') metrics.webhooksOrphaned.inc();
      if (outcome === 'ignored' && reason) metrics.webhooksIgnored.labels(reason).inc();
      req.log.info({ eventId: event.id, type: event.type, outcome, tenantId, reason }, 'stripe webhook');
      return { received: true, outcome };
    } catch (err) {
      metrics.webhooksFailed.labels(err instanceof TenureError && err.code === 'DEPENDENCY_UNAVAILABLE' ? 'unavailable' : 'error').inc();
      throw err;
    }
  };
  for (const url of ['/webhooks/stripe', '/api/v1/webhook/stripe']) {
    app.post(url, {
      config: { rateLimit: false },
      schema: {
        tags: ['webhooks'],
        summary: url === '/webhooks/stripe' ? 'Stripe webhook endpoint' : 'Legacy alias of /webhooks/stripe',
        headers: { type: 'object', properties: { 'stripe-signature': { type: 'string' } } },
        response: { 200: okSchema, ...errorResponses(400, 503) },
      },
    }, handler);
  }
}
