import type { FastifyInstance } from 'fastify';
import { MAX_PREVIEW_INPUTS, PREVIEW_INPUT_TYPES, type PreviewInputRequest } from '../../../domain/lifecycle/preview-inputs.js';
import { previewTenant } from '../../../services/admin/preview-tenant.js';
import { errors, extension, params, reason, secured } from './schemas.js';

// The what-if preview (role platform_admin): the tenant's live state run forward through the
// lifecycle's rules with a fake clock, through scripted inputs and the deadlines that come due.
// Nothing is signalled, published or written, so it needs no password.

const when = { type: 'string', maxLength: 40, description: 'an ISO date-time (now if absent or past)' };
const inputSchema = {
  type: 'object', required: ['type'], additionalProperties: false,
  properties: {
    type: { type: 'string', enum: [...PREVIEW_INPUT_TYPES] },
    at: when, after: { ...extension, description: 'a duration from now, e.g. 3d (instead of at)' },
    planId: { type: 'string', minLength: 1, maxLength: 100, description: 'upgrade, downgrade: the target plan' },
    reason, duration: { ...extension, description: 'extend_trial: by how long; lock: for how long' },
  },
} as const;

const view = { type: 'object', properties: { status: { type: 'string' }, paymentStatus: { type: 'string' }, access: { type: 'string' }, planId: { type: 'string' } } };
const stepSchema = {
  type: 'object',
  properties: {
    ...view.properties, at: { type: 'string', format: 'date-time' }, input: { type: 'string' },
    events: { type: 'array', items: { type: 'object', properties: { type: { type: 'string' }, data: { type: 'object', additionalProperties: true } } } },
    refused: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } } },
  },
};
const previewResponse = {
  type: 'object', required: ['tenantId', 'from', 'until', 'timeline', 'final', 'truncated'],
  properties: {
    tenantId: { type: 'string' }, from: { type: 'string', format: 'date-time' }, until: { type: 'string', format: 'date-time' },
    timeline: { type: 'array', items: stepSchema }, final: view, truncated: { type: 'boolean' },
  },
};

export default async function adminPreviewRoutes(app: FastifyInstance): Promise<void> {
  const admin = app.requireRoles('platform_admin');
  const { deps } = app;
  app.post<{ Params: { id: string }; Body: { inputs?: PreviewInputRequest[]; until: string } }>('/admin/tenants/:id/preview', {
    onRequest: admin,
    schema: {
      ...secured, summary: 'What-if preview of a tenant lifecycle (no side effects)', params,
      body: {
        type: 'object', required: ['until'], additionalProperties: false,
        properties: {
          inputs: { type: 'array', maxItems: MAX_PREVIEW_INPUTS, items: inputSchema, default: [] },
          until: { type: 'string', minLength: 1, maxLength: 40, description: 'the end: an ISO date-time or a duration from now (e.g. 30d), at most 400d ahead' },
        },
      },
      response: { 200: previewResponse, ...errors },
    },
  }, async (req) => previewTenant(deps, req.params.id, { inputs: req.body.inputs ?? [], until: req.body.until, actor: req.user.sub }));
}
