import type { FastifyInstance } from 'fastify';
import { listDeliveries } from '../../../services/webhook-endpoints/list-deliveries.js';
import {
  createEndpoint, getEndpoint, listEndpoints, removeEndpoint, rotateSecret, updateEndpoint, type CreateEndpointInput, type UpdateEndpointInput,
} from '../../../services/webhook-endpoints/manage-endpoints.js';
import { errorResponses } from '../../schemas/errors.js';
import {
  createEndpointBody, deliveriesQuery, deliveriesSchema, endpointListSchema, endpointParams, endpointSchema, endpointWithSecretSchema, updateEndpointBody,
} from './schemas.js';

const common = { tags: ['webhook endpoints (admin)'], security: [{ bearer: [] }] } as const;
type Id = { Params: { id: string } };

// Outbound webhook endpoints for operators (role platform_admin); see docs/webhooks.md.
export default async function webhookEndpointRoutes(app: FastifyInstance): Promise<void> {
  const admin = app.requireRoles('platform_admin');

  app.post<{ Body: CreateEndpointInput }>('/admin/webhook-endpoints', {
    onRequest: admin,
    schema: { ...common, summary: 'Register an endpoint; the answer holds its signing secret, shown once', body: createEndpointBody, response: { 201: endpointWithSecretSchema, ...errorResponses(400, 401, 403, 422) } },
  }, async (req, reply) => reply.status(201).send(await createEndpoint(app.deps, req.body)));

  app.get('/admin/webhook-endpoints', {
    onRequest: admin,
    schema: { ...common, summary: 'List endpoints (no secrets)', response: { 200: endpointListSchema, ...errorResponses(401, 403) } },
  }, async () => ({ endpoints: await listEndpoints(app.deps) }));

  app.get<Id>('/admin/webhook-endpoints/:id', {
    onRequest: admin,
    schema: { ...common, summary: 'Read an endpoint (no secret)', params: endpointParams, response: { 200: endpointSchema, ...errorResponses(401, 403, 404) } },
  }, async (req) => getEndpoint(app.deps, req.params.id));

  app.patch<Id & { Body: UpdateEndpointInput }>('/admin/webhook-endpoints/:id', {
    onRequest: admin,
    schema: { ...common, summary: 'Change url, events, description, or enable / disable', params: endpointParams, body: updateEndpointBody, response: { 200: endpointSchema, ...errorResponses(400, 401, 403, 404, 422) } },
  }, async (req) => updateEndpoint(app.deps, req.params.id, req.body));

  app.delete<Id>('/admin/webhook-endpoints/:id', {
    onRequest: admin,
    schema: { ...common, summary: 'Delete an endpoint and its delivery log', params: endpointParams, response: { 204: { type: 'null', description: 'deleted' }, ...errorResponses(401, 403, 404) } },
  }, async (req, reply) => {
    await removeEndpoint(app.deps, req.params.id);
    return reply.status(204).send();
  });

  app.post<Id>('/admin/webhook-endpoints/:id/rotate-secret', {
    onRequest: admin,
    schema: { ...common, summary: 'New signing secret; the old one also signs for 24 h', params: endpointParams, response: { 200: endpointWithSecretSchema, ...errorResponses(401, 403, 404) } },
  }, async (req) => rotateSecret(app.deps, req.params.id));

  app.get<Id & { Querystring: { limit: number; offset: number } }>('/admin/webhook-endpoints/:id/deliveries', {
    onRequest: admin,
    schema: { ...common, summary: 'Delivery attempts, newest first', params: endpointParams, querystring: deliveriesQuery, response: { 200: deliveriesSchema, ...errorResponses(401, 403, 404) } },
  }, async (req) => ({ ...(await listDeliveries(app.deps, req.params.id, req.query)), limit: req.query.limit, offset: req.query.offset }));
}
