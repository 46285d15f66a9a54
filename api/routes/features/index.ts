import type { FastifyInstance } from 'fastify';
import type { CreateFeatureInput, UpdateFeatureInput } from '../../../domain/entitlements/features.js';
import { createFeature } from '../../../services/features/create-feature.js';
import { deleteFeature } from '../../../services/features/delete-feature.js';
import { getFeature } from '../../../services/features/get-feature.js';
import { listFeatures } from '../../../services/features/list-features.js';
import { updateFeature } from '../../../services/features/update-feature.js';
import { errorResponses } from '../../schemas/errors.js';
import { toFeatureView } from './convert.js';
import { createFeatureBody, featureListResponse, featureParams, featureSchema, updateFeatureBody } from './schemas.js';

const common = { tags: ['features (admin)'], security: [{ bearer: [] }] } as const;
type Key = { Params: { key: string } };

// The feature catalog for operators (role platform_admin): what plans may grant and overrides may set.
export default async function featureRoutes(app: FastifyInstance): Promise<void> {
  const admin = app.requireRoles('platform_admin');
  const { deps } = app;

  app.get('/admin/features', {
    onRequest: admin,
    schema: { ...common, summary: 'List the feature catalog, by key', response: { 200: featureListResponse, ...errorResponses(401, 403) } },
  }, async () => ({ features: (await listFeatures(deps)).map(toFeatureView) }));

  app.post<{ Body: CreateFeatureInput }>('/admin/features', {
    onRequest: admin,
    schema: { ...common, summary: 'Add a feature to the catalog', body: createFeatureBody, response: { 201: featureSchema, ...errorResponses(400, 401, 403, 409) } },
  }, async (req, reply) => reply.status(201).send(toFeatureView(await createFeature(deps, req.body))));

  app.get<Key>('/admin/features/:key', {
    onRequest: admin,
    schema: { ...common, summary: 'Read a feature', params: featureParams, response: { 200: featureSchema, ...errorResponses(401, 403, 404) } },
  }, async (req) => toFeatureView(await getFeature(deps, req.params.key)));

  app.put<Key & { Body: UpdateFeatureInput }>('/admin/features/:key', {
    onRequest: admin,
    schema: { ...common, summary: 'Change a feature\'s name, unit or description (never its kind)', params: featureParams, body: updateFeatureBody, response: { 200: featureSchema, ...errorResponses(400, 401, 403, 404) } },
  }, async (req) => toFeatureView(await updateFeature(deps, req.params.key, req.body)));

  app.delete<Key>('/admin/features/:key', {
    onRequest: admin,
    schema: {
      ...common, summary: 'Remove a feature from the catalog',
      description: 'Refused with 409 FEATURE_IN_USE (details: feature, plans, tenants) while a plan\'s entitlements or a tenant override names it.',
      params: featureParams, response: { 204: { type: 'null', description: 'deleted' }, ...errorResponses(401, 403, 404, 409) },
    },
  }, async (req, reply) => {
    await deleteFeature(deps, req.params.key);
    return reply.status(204).send();
  });
}
