import { TenureError } from '../../domain/errors.js';
import { LIMIT_OVERRIDE_REASON } from '../../domain/entitlements/legacy.js';
import { overrideValue, validateOverride } from '../../domain/entitlements/overrides.js';
import type { AdminAction, TenantState } from '../../domain/lifecycle/index.js';
import { recordAdminAudit, settleAdminAudit } from '../../db/queries/admins.js';
import { adminUpdate } from '../../workflows/messages.js';
import type { ServiceDeps } from '../deps.js';
import { validateCoupon } from '../billing/validate-coupon.js';
import { runLifecycleUpdate } from '../lifecycle/lifecycle-client.js';
import { verifyAdminPassword } from './passwords.js';

// The admin overrides, shared by the HTTP routes and the tenure CLI. Each goes through the workflow's
// `admin` update (so it is validated and ordered with everything else) and is audited, refused or not.

export type AdminActionType = AdminAction['type'];
/** The actions that remove or reduce a tenant's access (and unlock) re-authenticate the admin. */
export const NEEDS_PASSWORD: ReadonlySet<AdminActionType> = new Set(['lock', 'unlock', 'suspend', 'overrideLimits', 'removeOverride', 'close']);

/** True when the action must re-authenticate: an override needs it unless it only grants (on, or unlimited). */
export function needsPassword(action: AdminAction): boolean {
  if (action.type !== 'setOverride') return NEEDS_PASSWORD.has(action.type);
  const o = action.override;
  return !(('enabled' in o && o.enabled) || ('limit' in o && o.limit === null));
}

/** The deps an admin action needs (the API's, or the CLI's own clients). */
export type AdminDeps = Pick<ServiceDeps, 'db' | 'temporal' | 'config' | 'stripe' | 'log' | 'features'>;

/** An override must name a catalog feature with a value of its kind (the workflow has no catalog to check it). */
async function checkAgainstCatalog(deps: Pick<ServiceDeps, 'features'>, action: AdminAction): Promise<void> {
  if (action.type !== 'setOverride' && action.type !== 'overrideLimits') return;
  const catalog = await deps.features.list();
  const inputs = action.type === 'setOverride'
    ? [{ ...overrideValue(action.override), key: action.override.key, reason: action.override.reason, until: action.override.until }]
    : Object.entries(action.limits).map(([key, limit]) => ({ key, limit, reason: action.reason ?? LIMIT_OVERRIDE_REASON }));
  for (const input of inputs) {
    const invalid = validateOverride(input, catalog, Date.now());
    if (invalid) throw invalid;
  }
}

/**
 * Runs one admin override on a tenant; the actions in NEEDS_PASSWORD first re-authenticate the admin
 * with `password`. The audit row is written first (`requested`), so an action that was applied always
 * has its row, even if the process dies before the row is moved to its outcome.
 */
export async function applyAdminAction(deps: AdminDeps, tenantId: string, action: AdminAction, opts: { password?: string; reason?: string | null } = {}): Promise<TenantState> {
  const entry = { adminId: action.actor, tenantId, action: action.type, reason: opts.reason ?? ('reason' in action ? (action.reason ?? null) : null), details: actionDetails(action) };
  return runAudited(deps, entry, async () => {
    if (needsPassword(action)) await verifyAdminPassword(deps.db, action.actor, opts.password);
    await checkAgainstCatalog(deps, action);
    if (action.type === 'applyDiscount') await validateCoupon(deps, action.couponId);
    return runLifecycleUpdate(deps, tenantId, adminUpdate, [action]);
  }, (state) => ({ version: state.version }));
}

/** What an audited admin action records before it runs. */
export interface AuditedAction { adminId: string; tenantId: string; action: string; reason: string | null; details: Record<string, unknown> }

/**
 * Runs an admin action with its audit row: written first (`requested`), then moved to `applied` (with
 * `outcome(result)`), `rejected` or `locked_out` (with the error's code).
 */
export async function runAudited<T>(deps: Pick<AdminDeps, 'db' | 'log'>, entry: AuditedAction, run: () => Promise<T>, outcome: (result: T) => Record<string, unknown>): Promise<T> {
  const auditId = await recordAdminAudit(deps.db, { ...entry, outcome: 'requested' });
  let result: T;
  try {
    result = await run();
  } catch (err) {
    const code = err instanceof TenureError ? err.code : 'INTERNAL';
    await settle(deps, auditId, code === 'REAUTH_LOCKED' ? 'locked_out' : 'rejected', { code });
    throw err;
  }
  await settle(deps, auditId, 'applied', outcome(result));
  return result;
}

// The action's answer does not depend on the outcome write: a failed one leaves the row `requested`.
async function settle(deps: Pick<AdminDeps, 'db' | 'log'>, auditId: number, outcome: string, details: Record<string, unknown>): Promise<void> {
  await settleAdminAudit(deps.db, auditId, outcome, details).catch((err: unknown) => deps.log.error({ err, auditId, outcome }, 'admin audit: could not record the outcome'));
}

function actionDetails(action: AdminAction): Record<string, unknown> {
  const { type: _t, actor: _a, ...rest } = action as AdminAction & Record<string, unknown>;
  return rest;
}
