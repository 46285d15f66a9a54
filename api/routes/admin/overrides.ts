import type { FastifyInstance } from 'fastify';
import { FEATURE_KEY_MAX_LENGTH, FEATURE_KEY_PATTERN } from '../../../domain/entitlements/features.js';
import { toOverride } from '../../../domain/entitlements/overrides.js';
import { MAX_TIMESTAMP_MS } from '../../../domain/bounds.js';
import { TenureError } from '../../../domain/errors.js';
import { applyAdminAction } from '../../../services/admin/apply-admin-action.js';
import { actionResponse, errors, limitValue, params, password, reason, secured } from './schemas.js';

// Per-tenant feature overrides (role platform_admin): set `enabled` or `limit` for one feature above the
// tenant's plan, with a reason and an optional `until` at which the lifecycle removes it. An override that
// may cut access (off, or a limit) and every removal re-authenticate with the admin's password.

type Params = { id: string; key: string };
interface SetBody { enabled?: boolean; limit?: number | null; until?: string; reason: string; password?: string }
interface RemoveBody { reason?: string; password?: string }

const featureParams = {
  type: 'object', required: ['id', 'key'],
  properties: { id: params.properties.id, key: { type: 'string', pattern: FEATURE_KEY_PATTERN, maxLength: FEATURE_KEY_MAX_LENGTH } },
} as const;

const setBody = {
  type: 'object', required: ['reason'], additionalProperties: false,
  properties: {
    enabled: { type: 'boolean', description: 'boolean features' }, limit: { ...limitValue, description: 'metered features; null = unlimited' },
    until: { type: 'string', format: 'date-time', maxLength: 40, description: 'the lifecycle removes the override then' }, reason, password,
  },
  oneOf: [{ required: ['enabled'] }, { required: ['limit'] }],
} as const;

const removeBody = { type: 'object', additionalProperties: false, properties: { reason, password } } as const;

/** `until` as epoch ms: a date-time the projection can store, in the future. */
function untilMs(until: string | undefined): number | null {
  if (until === undefined) return null;
  const ms = Date.parse(until);
  if (!Number.isFinite(ms) || ms <= Date.now() || ms > MAX_TIMESTAMP_MS) {
    throw new TenureError('VALIDATION_FAILED', 'until must be a date-time in the future (and before the year 10000)', { field: 'until', until });
  }
  return ms;
}

export default async function adminOverrideRoutes(app: FastifyInstance): Promise<void> {
  const admin = app.requireRoles('platform_admin');
  const { deps } = app;

  app.post<{ Params: Params; Body: SetBody }>('/admin/tenants/:id/features/:key/override', {
    onRequest: admin,
    schema: { ...secured, summary: 'Override one feature for one tenant', params: featureParams, body: setBody, response: { 200: actionResponse, ...errors } },
  }, async (req) => {
    const { enabled, limit, reason: why, password: pw } = req.body;
    const override = toOverride({ key: req.params.key, ...(enabled !== undefined ? { enabled } : { limit }), reason: why, until: untilMs(req.body.until) });
    const state = await applyAdminAction(deps, req.params.id, { type: 'setOverride', override, actor: req.user.sub }, { password: pw, reason: why });
    return { tenant: state };
  });

  app.delete<{ Params: Params; Body: RemoveBody | undefined }>('/admin/tenants/:id/features/:key/override', {
    onRequest: admin,
    schema: { ...secured, summary: 'Remove a tenant\'s override of one feature (back to the plan\'s value)', params: featureParams, body: removeBody, response: { 200: actionResponse, ...errors } },
  }, async (req) => {
    const body = req.body ?? {};
    const action = { type: 'removeOverride' as const, key: req.params.key, actor: req.user.sub, ...(body.reason ? { reason: body.reason } : {}) };
    const state = await applyAdminAction(deps, req.params.id, action, { password: body.password, reason: body.reason ?? null });
    return { tenant: state };
  });
}
