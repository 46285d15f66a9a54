import type { FastifyInstance } from 'fastify';
import { tenantOf } from '../../../plugins/auth.js';
import { errorResponses } from '../../../schemas/errors.js';
import { invoicePdf, listInvoices, upcomingInvoice } from '../../../../services/billing/invoices.js';
import { createSetupIntent, detachPaymentMethod, listPaymentMethods, setDefaultPaymentMethod } from '../../../../services/billing/payment-methods.js';
import { createPortalSession } from '../../../../services/billing/portal.js';

const secured = { tags: ['payments'], security: [{ bearer: [] }] };
const errors = errorResponses(400, 401, 403, 404, 409, 502);
const idParam = (prefix: string) => ({ type: 'object', required: ['id'], properties: { id: { type: 'string', pattern: `^${prefix}_[A-Za-z0-9]+$`, maxLength: 255 } } });
const invoice = { type: 'object', additionalProperties: true, properties: { id: { type: ['string', 'null'] }, number: { type: ['string', 'null'] }, status: { type: ['string', 'null'] }, currency: { type: 'string' }, amountDue: { type: 'integer' }, amountPaid: { type: 'integer' }, total: { type: 'integer' }, createdAt: { type: 'string' }, periodStart: { type: 'string' }, periodEnd: { type: 'string' }, hostedInvoiceUrl: { type: ['string', 'null'] } } };
const card = { type: 'object', properties: { id: { type: 'string' }, brand: { type: ['string', 'null'] }, last4: { type: ['string', 'null'] }, expMonth: { type: ['integer', 'null'] }, expYear: { type: ['integer', 'null'] }, isDefault: { type: 'boolean' } } };

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
    schema: { ...secured, body: { type: 'object', required: ['returnUrl'], additionalProperties: false, properties: { returnUrl: { type: 'string', format: 'uri', pattern: '^https?://' } } }, response: { 200: { type: 'object', properties: { url: { type: 'string' } } }, ...errors } },
  }, async (req) => createPortalSession(deps, tenantOf(req), req.body.returnUrl));
}
