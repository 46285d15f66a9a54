import { applyAdminAction } from '../../services/admin/apply-admin-action.js';
import type { AdminAction, TenantState } from '../../domain/lifecycle/index.js';
import { METRICS, type Limits, type MetricName } from '../../domain/plans/types.js';
import type { CliContext } from '../context.js';
import {
  JSON_OPTION, UsageError, flag, list, optDuration, optString, reqString, type CommandSpec, type OptionSpec, type ParsedInput,
} from '../command.js';
import { printJson, readPassword, shortDate } from '../io.js';

// The admin overrides, through the same use case as the HTTP admin routes (applyAdminAction): each is
// validated by the workflow's `admin` update and written to the admin audit log; the actions that
// cut access (suspend, lock, limit overrides) and unlock first re-authenticate the admin with their
// own password.

const ADMIN: Record<string, OptionSpec> = { admin: { type: 'string', value: 'adminId', description: 'the admin performing the action (recorded as actor and in the audit log); required' } };
const REASON: OptionSpec = { type: 'string', value: 'text', description: 'why (recorded in the event and the audit log)' };
const PASSWORD_STDIN: OptionSpec = { type: 'boolean', description: "read the admin's password from stdin instead of prompting (it is never a flag)" };

interface OverrideSpec {
  path: string[];
  summary: string;
  options?: Record<string, OptionSpec>;
  details?: string;
  needsPassword?: boolean;
  toAction(input: ParsedInput, actor: string, path: string[]): AdminAction;
}

function override(o: OverrideSpec): CommandSpec {
  return {
    path: o.path,
    summary: o.summary,
    args: ['tenantId'],
    options: { ...ADMIN, ...o.options, ...(o.needsPassword ? { 'password-stdin': PASSWORD_STDIN } : {}), ...JSON_OPTION },
    details: o.details,
    async run(ctx, input) {
      const tenantId = input.positionals[0]!;
      const action = o.toAction(input, reqString(input, 'admin', o.path), o.path);
      const password = o.needsPassword
        ? await readPassword(ctx, { fromStdin: flag(input, 'password-stdin'), prompt: `Password for admin ${action.actor}: `, path: o.path })
        : undefined;
      const state = await applyAdminAction(await ctx.adminDeps(), tenantId, action, { password, reason: optString(input, 'reason') ?? null });
      report(ctx, input, action, state);
    },
  };
}

function report(ctx: CliContext, input: ParsedInput, action: AdminAction, s: TenantState): void {
  if (flag(input, 'json')) return printJson(ctx, s);
  const extra = [
    s.lockedUntil ? `locked until ${shortDate(s.lockedUntil)}` : null,
    action.type === 'extendTrial' && s.trial ? `trial ends ${shortDate(s.trial.endsAt)}` : null,
    action.type === 'overrideLimits' ? `overrides ${JSON.stringify(s.limitOverrides)}` : null,
    action.type === 'applyDiscount' && s.discount ? `discount ${s.discount.couponId}` : null,
  ].filter(Boolean);
  ctx.out(`${action.type} applied to ${s.tenantId}: status ${s.status}, payment ${s.paymentStatus}, plan ${s.plan.id}, version ${s.version}${extra.length ? `; ${extra.join('; ')}` : ''}`);
}

/** Parses `--set campaigns=10 --set seats=unlimited` into a limits patch. */
export function parseLimitAssignments(assignments: string[], path: string[] = []): Partial<Limits> {
  if (assignments.length === 0) throw new UsageError('at least one --set metric=value is required', path);
  const limits: Partial<Limits> = {};
  for (const a of assignments) {
    const m = /^([a-z_]+)=(\d+|unlimited)$/.exec(a.trim());
    if (!m) throw new UsageError(`--set '${a}': expected metric=<non-negative integer|unlimited>`, path);
    const metric = m[1] as MetricName;
    if (!METRICS.includes(metric)) throw new UsageError(`--set '${a}': unknown metric '${metric}' (known: ${METRICS.join(', ')})`, path);
    limits[metric] = m[2] === 'unlimited' ? null : Number(m[2]);
  }
  return limits;
}

export const suspend = override({
  path: ['tenants', 'suspend'], summary: "Suspend a tenant (access none) until unsuspended; re-authenticates with the admin's password.",
  options: { reason: { ...REASON, description: `${REASON.description}; required` } },
  needsPassword: true,
  toAction: (i, actor, path) => ({ type: 'suspend', reason: reqString(i, 'reason', path), actor }),
});

export const unsuspend = override({
  path: ['tenants', 'unsuspend'], summary: 'Lift an admin suspension.', options: { reason: REASON },
  toAction: (i, actor) => ({ type: 'unsuspend', reason: optString(i, 'reason'), actor }),
});

export const lock = override({
  path: ['tenants', 'lock'], summary: "Lock a tenant (access none); re-authenticates with the admin's password.",
  options: {
    reason: { ...REASON, description: `${REASON.description}; required` },
    duration: { type: 'string', value: 'duration', description: 'auto-unlock after e.g. 7d, 12h (default: ADMIN_LOCK_DEFAULT of the workflow, else indefinite)' },
    indefinite: { type: 'boolean', description: 'lock until an explicit unlock, whatever the default' },
  },
  needsPassword: true,
  details: "Example: printf '%s\\n' \"$PW\" | tenure tenants lock acme --reason 'chargeback' --duration 7d --admin alice --password-stdin",
  toAction: (i, actor, path) => {
    const durationMs = optDuration(i, 'duration', path);
    if (durationMs !== undefined && flag(i, 'indefinite')) throw new UsageError('use either --duration or --indefinite', path);
    return { type: 'lock', reason: reqString(i, 'reason', path), actor, ...(flag(i, 'indefinite') ? { durationMs: null } : durationMs !== undefined ? { durationMs } : {}) };
  },
});

export const unlock = override({
  path: ['tenants', 'unlock'], summary: "Lift an admin lock (not a payment lock); re-authenticates with the admin's password.",
  options: { reason: REASON }, needsPassword: true,
  toAction: (i, actor) => ({ type: 'unlock', reason: optString(i, 'reason'), actor }),
});

export const trialExtend = override({
  path: ['tenants', 'trial', 'extend'], summary: 'Extend a running trial.',
  options: { by: { type: 'string', value: 'duration', description: 'how much longer, e.g. 7d; required' } },
  toAction: (i, actor, path) => {
    const byMs = optDuration(i, 'by', path);
    if (byMs === undefined) throw new UsageError('--by is required, e.g. --by 7d', path);
    return { type: 'extendTrial', byMs, actor };
  },
});

export const limitsOverride = override({
  path: ['tenants', 'limits', 'override'], summary: "Override some of a tenant's limits (on top of its plan); re-authenticates with the admin's password.",
  needsPassword: true,
  options: { set: { type: 'string', multiple: true, value: 'metric=value', description: `a limit: ${METRICS.join(', ')} = integer or 'unlimited'` }, reason: REASON },
  details: "Example: printf '%s\\n' \"$PW\" | tenure tenants limits override acme --set campaigns=10 --set seats=unlimited --admin alice --password-stdin",
  toAction: (i, actor, path) => ({ type: 'overrideLimits', limits: parseLimitAssignments(list(i, 'set'), path), actor, reason: optString(i, 'reason') }),
});

export const discount = override({
  path: ['tenants', 'discount'], summary: 'Apply a Stripe coupon to the tenant (the coupon must exist and be valid).',
  options: { coupon: { type: 'string', value: 'couponId', description: 'Stripe coupon id; required' }, reason: REASON },
  toAction: (i, actor, path) => ({ type: 'applyDiscount', couponId: reqString(i, 'coupon', path), actor }),
});

export const OVERRIDES = [suspend, unsuspend, lock, unlock, trialExtend, limitsOverride, discount];
