import type { FastifyInstance } from 'fastify';
import { assignPlan, type AssignPlanInput } from '../../../services/admin/assign-plan.js';
import { errors, params, password, reason, secured } from './schemas.js';

// Enterprise onboarding (issue 13, item 4): an admin assigns a plan to a tenant, without a card checkout.
// It bills the tenant, so it re-authenticates like the access-cutting overrides (the admin's `password`).
const assignedSubscription = {
  type: 'object',
  required: ['id', 'status', 'planId', 'priceId', 'collectionMethod', 'daysUntilDue', 'trialEnd'],
  properties: {
    id: { type: 'string' }, status: { type: 'string' }, planId: { type: 'string' }, priceId: { type: 'string' },
    collectionMethod: { type: 'string', enum: ['send_invoice', 'charge_automatically'] }, daysUntilDue: { type: ['integer', 'null'] },
    trialEnd: { type: ['string', 'null'], format: 'date-time', description: 'with effective "period_end": billing starts when the running trial ends' },
  },
} as const;

export default async function adminAssignPlanRoutes(app: FastifyInstance): Promise<void> {
  const { deps } = app;
  app.post<{ Params: { id: string }; Body: AssignPlanInput }>('/admin/tenants/:id/plan', {
    onRequest: app.requireRoles('platform_admin'),
    schema: {
      ...secured,
      summary: 'Assign a plan to a tenant without a card checkout: a manualInvoicing plan is invoiced (send_invoice, due in the plan\'s daysUntilDue)',
      params,
      body: {
        type: 'object', required: ['planId', 'effective', 'password'], additionalProperties: false,
        properties: {
          planId: { type: 'string', minLength: 1, maxLength: 100 },
          version: { type: 'integer', minimum: 1, maximum: 1_000_000, description: 'the plan version to subscribe to (GET /admin/plans/:id lists them); absent: the latest' },
          effective: { type: 'string', enum: ['now', 'period_end'], description: '"period_end" lets a running trial finish before billing starts' },
          password, reason,
        },
      },
      response: { 200: { type: 'object', required: ['subscription'], properties: { subscription: assignedSubscription } }, ...errors },
    },
  }, async (req) => ({ subscription: await assignPlan(deps, req.params.id, req.user.sub, req.body) }));
}
