import type { FastifyInstance, FastifyRequest } from 'fastify';
import { readCounters } from '../../../../services/usage/read-usage.js';
import type { TenantState } from '../../../../domain/lifecycle/index.js';
import { cancelPendingChangeUpdate, cancelUpdate, reactivateUpdate } from '../../../../workflows/messages.js';
import { tenantOf } from '../../../plugins/auth.js';
import { intervalProperty, planBody, reasonBody, secured, tenantErrors, type PlanChangeBody } from './schemas.js';
import { requireLifecycleState, runLifecycleUpdate } from '../../../../services/lifecycle/lifecycle-client.js';
import { previewUpgrade } from '../../../../services/billing/preview-upgrade.js';
import { scheduleDowngrade } from '../../../../services/billing/schedule-downgrade.js';
import { upgrade } from '../../../../services/billing/upgrade.js';
import { createCheckout, type CheckoutInput } from '../../../../services/billing/create-checkout.js';
import { assertRedirectTargets } from '../../../../services/billing/redirect-targets.js';
import { subscriptionViewSchema, toSubscriptionView } from './view.js';


// The tenant's own subscription. The tenant always comes from the token; every change goes through a
// workflow update, so the workflow stays the source of truth and its validation errors come back as 4xx.
export default async function subscriptionRoutes(app: FastifyInstance): Promise<void> {
  const { deps } = app;
  const owner = app.requireRoles('tenant_owner');
  const view = async (state: TenantState) => toSubscriptionView(state, await readCounters(deps.redis, state.tenantId, state.usagePeriod.start, await deps.features.list()), Date.now());

  app.get('/billings/subscription', { onRequest: app.requireRoles('tenant_user', 'tenant_owner'), schema: { ...secured, response: { 200: subscriptionViewSchema, ...tenantErrors } } },
    async (req) => view(await requireLifecycleState(deps, tenantOf(req))));

  app.post<{ Body: CheckoutInput }>('/billings/subscription/checkout', {
    onRequest: owner,
    schema: {
      ...secured,
      body: { type: 'object', required: ['planId', 'successUrl', 'cancelUrl'], additionalProperties: false, properties: {
        planId: { type: 'string', minLength: 1, maxLength: 100 }, successUrl: { type: 'string', format: 'uri', pattern: '^https?://', maxLength: 2048 }, cancelUrl: { type: 'string', format: 'uri', pattern: '^https?://', maxLength: 2048 },
        promotionCode: { type: 'string', minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9_-]+$', description: 'a Stripe promotion code as the customer types it (raw coupon ids are for admins only)' },
        interval: { ...intervalProperty, default: 'month', description: "the plan's monthly or annual Stripe price" } } },
      response: { 200: { type: 'object', required: ['url', 'sessionId'], properties: { url: { type: 'string' }, sessionId: { type: 'string' } } }, ...tenantErrors },
    },
  }, async (req: FastifyRequest<{ Body: CheckoutInput }>) => {
    assertRedirectTargets(deps.config, { successUrl: req.body.successUrl, cancelUrl: req.body.cancelUrl });
    return createCheckout(deps, tenantOf(req), req.user.sub, req.body);
  });

  app.post<{ Body: PlanChangeBody }>('/billings/subscription/upgrade/preview', {
    onRequest: owner,
    schema: { ...secured, body: planBody, response: { 200: { type: 'object', additionalProperties: true, properties: { fromPlanId: { type: 'string' }, toPlanId: { type: 'string' }, currency: { type: 'string' }, amountDue: { type: 'integer' }, total: { type: 'integer' }, prorationAmount: { type: 'integer' }, lines: { type: 'array', items: { type: 'object', properties: { description: { type: 'string' }, amount: { type: 'integer' }, proration: { type: 'boolean' } } } } } }, ...tenantErrors } },
  }, async (req) => previewUpgrade(deps, tenantOf(req), req.body.planId, req.body.interval));

  const change = (url: string, method: 'POST' | 'DELETE', run: (tenantId: string, req: FastifyRequest) => Promise<TenantState>, body?: object) =>
    app.route({ method, url, onRequest: owner, schema: { ...secured, ...(body ? { body } : {}), response: { 200: subscriptionViewSchema, ...tenantErrors } }, handler: async (req) => view(await run(tenantOf(req), req)) });

  const planChange = (req: FastifyRequest) => req.body as PlanChangeBody;
  change('/billings/subscription/upgrade', 'POST', (t, req) => upgrade(deps, t, planChange(req).planId, planChange(req).interval), planBody);
  change('/billings/subscription/downgrade', 'POST', (t, req) => scheduleDowngrade(deps, t, planChange(req).planId, planChange(req).interval), planBody);
  change('/billings/subscription/downgrade', 'DELETE', (t) => runLifecycleUpdate(deps, t, cancelPendingChangeUpdate, []));
  change('/billings/subscription/cancel', 'POST', (t, req) => runLifecycleUpdate(deps, t, cancelUpdate, [{ reason: (req.body as { reason?: string } | null)?.reason ?? null }]), reasonBody);
  change('/billings/subscription/reactivate', 'POST', (t) => runLifecycleUpdate(deps, t, reactivateUpdate, []));
}
