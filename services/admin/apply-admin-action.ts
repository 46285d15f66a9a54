import { TenureError } from '../../domain/errors.js';
import type { AdminAction, TenantState } from '../../domain/lifecycle/index.js';
import { recordAdminAudit } from '../../db/queries/admins.js';
import { adminUpdate } from '../../workflows/messages.js';
import type { ServiceDeps } from '../deps.js';
import { validateCoupon } from '../billing/validate-coupon.js';
import { runLifecycleUpdate } from '../lifecycle/lifecycle-client.js';
import { verifyAdminPassword } from './passwords.js';

// The admin overrides, shared by the HTTP routes and the tenure CLI. Each goes through the workflow's
// `admin` update (so it is validated and ordered with everything else) and is audited, refused or not.

export type AdminActionType = AdminAction['type'];
const NEEDS_PASSWORD: ReadonlySet<AdminActionType> = new Set(['lock', 'unlock']);

/** The deps an admin action needs (the API's, or the CLI's own clients). */
export type AdminDeps = Pick<ServiceDeps, 'db' | 'temporal' | 'stripe' | 'log'>;

/** Runs one admin override on a tenant; lock and unlock first re-authenticate the admin with `password`. */
export async function applyAdminAction(deps: AdminDeps, tenantId: string, action: AdminAction, opts: { password?: string; reason?: string | null } = {}): Promise<TenantState> {
  const audit = (outcome: string, details: Record<string, unknown> = {}) => recordAdminAudit(deps.db, {
    adminId: action.actor, tenantId, action: action.type, reason: opts.reason ?? ('reason' in action ? (action.reason ?? null) : null), details: { ...actionDetails(action), ...details }, outcome,
  });
  try {
    if (NEEDS_PASSWORD.has(action.type)) await verifyAdminPassword(deps.db, action.actor, opts.password);
    if (action.type === 'applyDiscount') await validateCoupon(deps, action.couponId);
    const state = await runLifecycleUpdate(deps.temporal, tenantId, adminUpdate, [action]);
    await audit('applied', { version: state.version });
    return state;
  } catch (err) {
    await audit('rejected', { code: err instanceof TenureError ? err.code : 'INTERNAL' });
    throw err;
  }
}

function actionDetails(action: AdminAction): Record<string, unknown> {
  const { type: _t, actor: _a, ...rest } = action as AdminAction & Record<string, unknown>;
  return rest;
}
