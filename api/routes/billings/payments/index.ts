import type { FastifyInstance } from 'fastify';
import { tenantOf } from '../../../plugins/auth.js';
import { card, errors, idParam, invoice, secured } from './schemas.js';
import { invoicePdf, listInvoices, upcomingInvoice } from '../../../../services/billing/invoices.js';
import { createSetupIntent, detachPaymentMethod, listPaymentMethods, setDefaultPaymentMethod } from '../../../../services/billing/payment-methods.js';
import { createPortalSession } from '../../../../services/billing/portal.js';
import { assertRedirectTargets } from '../../../../services/billing/redirect-targets.js';


// Cards, invoices and the Stripe billing portal for the tenant in the token.
export default async function paymentRoutes(app: FastifyInstance): Promise<void> {
  const { deps } = app;
  const owner = app.requireRoles('tenant_owner');
  const member = app.requireRoles('tenant_user', 'tenant_owner');

  app.post('/billings/payment-methods', { onRequest: owner, schema: { ...secured, response: { 200: { type: 'object', properties: { setupIntentId: { type: 'string' }, clientSecret: { type: ['string', 'null'] } } }, ...errors } } },
    async (req) => createSetupIntent(deps, tenantOf(req)));
  app.get('/billings/payment-methods', { onRequest: owner, schema: { ...secured, response: { 200: { type: 'object', properties: { paymentMethods: { type: 'array', items: card } } }, ...errors } } },
    async (req) => ({ paymentMethods: await listPaymentMethods(deps, tenantOf(req)) }));
  app.delete<{ Params: { id: string } }>('/billings/payment-methods/:id', { onRequest: owner, schema: { ...secured, params: idParam('pm'), response: { 204: { type: 'null' }, ...errors } } },
    async (req, reply) => { await detachPaymentMethod(deps, tenantOf(req), req.params.id); return reply.status(204).send(); });
  app.post<{ Params: { id: string } }>('/billings/payment-methods/:id/default', { onRequest: owner, schema: { ...secured, params: idParam('pm'), response: { 204: { type: 'null' }, ...errors } } },
    async (req, reply) => { await setDefaultPaymentMethod(deps, tenantOf(req), req.params.id); return reply.status(204).send(); });

  app.get<{ Querystring: { limit?: number; startingAfter?: string } }>('/billings/invoices', {
    onRequest: member,
    schema: { ...secured, querystring: { type: 'object', additionalProperties: false, properties: { limit: { type: 'integer', minimum: 1, maximum: 100, default: 20 }, startingAfter: { type: 'string', pattern: '^in_[A-Za-z0-9]+$' } } }, response: { 200: { type: 'object', properties: { invoices: { type: 'array', items: invoice }, hasMore: { type: 'boolean' } } }, ...errors } },
  }, async (req) => listInvoices(deps, tenantOf(req), req.query.limit ?? 20, req.query.startingAfter));
  app.get('/billings/invoices/upcoming', { onRequest: member, schema: { ...secured, response: { 200: { type: 'object', additionalProperties: true }, ...errors } } },
    async (req) => upcomingInvoice(deps, tenantOf(req)));
  app.get<{ Params: { id: string } }>('/billings/invoices/:id/pdf', { onRequest: member, schema: { ...secured, params: idParam('in'), response: { 200: { type: 'object', properties: { url: { type: 'string' } } }, ...errors } } },
    async (req) => invoicePdf(deps, tenantOf(req), req.params.id));

  app.post<{ Body: { returnUrl: string } }>('/billings/portal', {
    onRequest: owner,
    schema: { ...secured, body: { type: 'object', required: ['returnUrl'], additionalProperties: false, properties: { returnUrl: { type: 'string', format: 'uri', pattern: '^https?://', maxLength: 2048 } } }, response: { 200: { type: 'object', properties: { url: { type: 'string' } } }, ...errors } },
  }, async (req) => {
    assertRedirectTargets(deps.config, { returnUrl: req.body.returnUrl });
    return createPortalSession(deps, tenantOf(req), req.body.returnUrl);
  });
}
