import type { FastifyInstance, FastifyRequest } from 'fastify';
import { parseDuration } from '../../../domain/durations.js';
import { TenureError } from '../../../domain/errors.js';
import { MAX_ADMIN_DURATION_MS, type AdminAction } from '../../../domain/lifecycle/index.js';
import { FEATURE_KEY_MAX_LENGTH, FEATURE_KEY_PATTERN } from '../../../domain/entitlements/features.js';
import { tenantStatusSchema, toTenantStatusView } from '../../convert/tenant-status.js';
import { actionResponse, erasureResponse, errors, extension, limitValue, params, password, reason, secured } from './schemas.js';
import { applyAdminAction } from '../../../services/admin/apply-admin-action.js';
import { listTenants, tenantAudit } from '../../../services/admin/list-tenants.js';
import { showTenant } from '../../../services/admin/show-tenant.js';
import { eraseTenant } from '../../../services/admin/erase-tenant.js';

type Body = { effective?: 'now' | 'period_end'; reason?: string; durationSeconds?: number; password?: string; days?: number; duration?: string; limits?: Record<string, number | null>; couponId?: string };
type Req = FastifyRequest<{ Params: { id: string }; Body: Body }>;


// Admin overrides (role platform_admin). Those that cut access (suspend, lock, limit overrides) and
// unlock re-authenticate with the admin's password (NEEDS_PASSWORD in services/admin).
const ACTIONS: { path: string; body: object; toAction: (req: Req) => AdminAction }[] = [
  { path: 'suspend', body: { required: ['reason', 'password'], properties: { reason, password } }, toAction: (r) => ({ type: 'suspend', reason: r.body.reason!, actor: r.user.sub }) },
  { path: 'unsuspend', body: { properties: { reason } }, toAction: (r) => ({ type: 'unsuspend', reason: r.body.reason, actor: r.user.sub }) },
  { path: 'lock', body: { required: ['reason', 'password'], properties: { reason, password, durationSeconds: { type: 'integer', minimum: 1, maximum: 31_536_000 } } },
    // Without durationSeconds the workflow applies ADMIN_LOCK_DEFAULT (none: until unlocked).
    toAction: (r) => ({ type: 'lock', reason: r.body.reason!, actor: r.user.sub, ...(r.body.durationSeconds ? { durationMs: r.body.durationSeconds * 1000 } : {}) }) },
  { path: 'unlock', body: { required: ['password'], properties: { reason, password } }, toAction: (r) => ({ type: 'unlock', reason: r.body.reason, actor: r.user.sub }) },
  { path: 'trial/extend', body: { properties: { reason, days: { type: 'integer', minimum: 1, maximum: 365 }, duration: extension }, oneOf: [{ required: ['days'] }, { required: ['duration'] }] },
    toAction: (r) => ({ type: 'extendTrial', byMs: r.body.days ? r.body.days * 86_400_000 : boundedExtension(r.body.duration!), actor: r.user.sub }) },
  { path: 'limits/override', body: { required: ['limits', 'password'], properties: { reason, password, limits: { type: 'object', minProperties: 1, maxProperties: 200, propertyNames: { pattern: FEATURE_KEY_PATTERN, maxLength: FEATURE_KEY_MAX_LENGTH }, additionalProperties: limitValue } } },
    toAction: (r) => ({ type: 'overrideLimits', limits: r.body.limits!, actor: r.user.sub, reason: r.body.reason }) },
  // Closing is final and cuts access: the subscription is cancelled (now, or at its period end) and the lifecycle ends.
  { path: 'close', body: { required: ['reason', 'password', 'effective'], properties: { reason, password, effective: { type: 'string', enum: ['now', 'period_end'] } } },
    toAction: (r) => ({ type: 'close', reason: r.body.reason!, actor: r.user.sub, effective: r.body.effective! }) },
  { path: 'discount', body: { required: ['couponId'], properties: { reason, couponId: { type: 'string', minLength: 1, maxLength: 100 } } }, toAction: (r) => ({ type: 'applyDiscount', couponId: r.body.couponId!, actor: r.user.sub }) },
];

// The schema bounds the text; the sum of its parts is bounded here, before anything reaches the workflow.
function boundedExtension(duration: string): number {
  const ms = parseDuration(duration);
  if (ms <= 0 || ms > MAX_ADMIN_DURATION_MS) throw new TenureError('VALIDATION_FAILED', `invalid body: duration must be more than 0 and at most 365d, got ${duration}`, { field: 'duration', maxMs: MAX_ADMIN_DURATION_MS });
  return ms;
}

export default async function adminTenantRoutes(app: FastifyInstance): Promise<void> {
  const admin = app.requireRoles('platform_admin');
  const { deps } = app;

  app.get<{ Querystring: { status?: string; paymentStatus?: string; plan?: string; limit: number; offset: number } }>('/admin/tenants', {
    onRequest: admin,
    schema: {
      ...secured,
      querystring: { type: 'object', additionalProperties: false, properties: {
        status: { type: 'string', enum: ['active', 'suspended', 'locked', 'closed'] }, paymentStatus: { type: 'string', enum: ['active', 'past_due', 'restricted', 'locked'] },
        plan: { type: 'string', maxLength: 100 }, limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 }, offset: { type: 'integer', minimum: 0, maximum: 1_000_000, default: 0 } } },
      response: { 200: { type: 'object', properties: { tenants: { type: 'array', items: tenantStatusSchema }, total: { type: 'integer' }, limit: { type: 'integer' }, offset: { type: 'integer' } } }, ...errors },
    },
  }, async (req) => {
    const { status, paymentStatus, plan, limit, offset } = req.query;
    const page = await listTenants(deps, { status, paymentStatus, planId: plan, limit, offset });
    return { tenants: page.tenants.map(toTenantStatusView), total: page.total, limit, offset };
  });

  app.get<{ Params: { id: string } }>('/admin/tenants/:id', {
    onRequest: admin,
    schema: { ...secured, params, response: { 200: { type: 'object', properties: { projection: { anyOf: [{ type: 'null' }, { type: 'object', additionalProperties: true }] }, workflow: { anyOf: [{ type: 'null' }, { type: 'object', additionalProperties: true }] }, audit: { type: 'array', items: { type: 'object', additionalProperties: true } } } }, ...errors } },
  }, async (req) => ({ ...(await showTenant(deps, req.params.id)), audit: await tenantAudit(deps, req.params.id) }));

  app.post<{ Params: { id: string } }>('/admin/tenants/:id/erase', {
    onRequest: admin,
    schema: { ...secured, summary: "Remove a closed account's personal data from the projection and the audit payloads (idempotent)", params, response: { 200: erasureResponse, ...errors } },
  }, async (req) => eraseTenant(deps, req.params.id, req.user.sub));

  for (const a of ACTIONS) {
    app.post(`/admin/tenants/:id/${a.path}`, {
      onRequest: admin,
      schema: { ...secured, params, body: { type: 'object', additionalProperties: false, ...a.body }, response: { 200: actionResponse, ...errors } },
    }, async (req) => {
      const r = req as Req;
      const state = await applyAdminAction(deps, r.params.id, a.toAction(r), { password: r.body.password, reason: r.body.reason ?? null });
      return { tenant: state };
    });
  }
}
