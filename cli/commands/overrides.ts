import { applyAdminAction, needsPassword } from '../../services/admin/apply-admin-action.js';
import { isFeatureKey } from '../../domain/entitlements/features.js';
import type { AdminAction, TenantState } from '../../domain/lifecycle/index.js';
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
  /** Positional arguments (default: the tenant id). */
  args?: string[];
  options?: Record<string, OptionSpec>;
  details?: string;
  /** true: always re-authenticates; 'per-action': when the service says the action needs it (overrides that may cut access). */
  needsPassword?: boolean | 'per-action';
  toAction(input: ParsedInput, actor: string, path: string[]): AdminAction;
}

function override(o: OverrideSpec): CommandSpec {
  return {
    path: o.path,
    summary: o.summary,
    args: o.args ?? ['tenantId'],
    options: { ...ADMIN, ...o.options, ...(o.needsPassword ? { 'password-stdin': PASSWORD_STDIN } : {}), ...JSON_OPTION },
    details: o.details,
    async run(ctx, input) {
      const tenantId = input.positionals[0]!;
      const action = o.toAction(input, reqString(input, 'admin', o.path), o.path);
      const asks = o.needsPassword === 'per-action' ? needsPassword(action) : o.needsPassword === true;
      const password = asks
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
    action.type === 'overrideLimits' || action.type === 'setOverride' || action.type === 'removeOverride' ? `overrides ${describeOverrides(s)}` : null,
    action.type === 'applyDiscount' && s.discount ? `discount ${s.discount.couponId}` : null,
    action.type === 'close' && s.closure ? (s.closure.closedAt === null ? `closes at ${shortDate(s.closure.closesAt)}` : 'closed; its lifecycle has ended') : null,
  ].filter(Boolean);
  ctx.out(`${action.type} applied to ${s.tenantId}: status ${s.status}, payment ${s.paymentStatus}, plan ${s.plan.id}, version ${s.version}${extra.length ? `; ${extra.join('; ')}` : ''}`);
}

function describeOverrides(s: TenantState): string {
  if (s.overrides.length === 0) return 'none';
  return s.overrides.map((o) => `${o.key}=${'enabled' in o ? String(o.enabled) : o.limit ?? 'unlimited'}${o.until === null ? '' : ` until ${shortDate(o.until)}`}`).join(', ');
}

/** Parses `--set api_calls=10 --set seats=unlimited` into limits by feature key (the server checks the keys against the catalog). */
export function parseLimitAssignments(assignments: string[], path: string[] = []): Record<string, number | null> {
  if (assignments.length === 0) throw new UsageError('at least one --set feature=value is required', path);
  const limits: Record<string, number | null> = {};
  for (const a of assignments) {
    const m = /^([^=]+)=(\d+|unlimited)$/.exec(a.trim());
    if (!m) throw new UsageError(`--set '${a}': expected feature=<non-negative integer|unlimited>`, path);
    if (!isFeatureKey(m[1])) throw new UsageError(`--set '${a}': '${m[1]}' is not a feature key (lowercase letters, digits, _ and -)`, path);
    limits[m[1]!] = m[2] === 'unlimited' ? null : Number(m[2]);
  }
  return limits;
}

/** `--enabled true|false` or `--limit N|unlimited`, exactly one. */
function overrideValue(i: ParsedInput, path: string[]): { enabled: boolean } | { limit: number | null } {
  const enabled = optString(i, 'enabled');
  const limit = optString(i, 'limit');
  if ((enabled === undefined) === (limit === undefined)) throw new UsageError('give exactly one of --enabled true|false and --limit N|unlimited', path);
  if (enabled !== undefined) {
    if (enabled !== 'true' && enabled !== 'false') throw new UsageError(`--enabled must be true or false, got '${enabled}'`, path);
    return { enabled: enabled === 'true' };
  }
  if (limit === 'unlimited') return { limit: null };
  if (!/^\d{1,10}$/.test(limit!)) throw new UsageError(`--limit must be a non-negative integer or 'unlimited', got '${limit}'`, path);
  return { limit: Number(limit) };
}

function untilOption(i: ParsedInput, path: string[]): number | null {
  const until = optString(i, 'until');
  if (until === undefined) return null;
  const ms = Date.parse(until);
  if (!Number.isFinite(ms) || ms <= Date.now()) throw new UsageError(`--until must be an ISO date-time in the future, got '${until}'`, path);
  return ms;
}

function featureKeyArg(i: ParsedInput, path: string[]): string {
  const key = i.positionals[1];
  if (!isFeatureKey(key)) throw new UsageError(`the second argument must be a feature key, got '${String(key)}'`, path);
  return key;
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
  options: { set: { type: 'string', multiple: true, value: 'feature=value', description: "a metered feature's limit: integer or 'unlimited'" }, reason: REASON },
  details: "Example: printf '%s\\n' \"$PW\" | tenure tenants limits override acme --set api_calls=10000 --set seats=unlimited --admin alice --password-stdin\nSame as one `tenants features override` per feature, without an end.",
  toAction: (i, actor, path) => ({ type: 'overrideLimits', limits: parseLimitAssignments(list(i, 'set'), path), actor, reason: optString(i, 'reason') }),
});

export const discount = override({
  path: ['tenants', 'discount'], summary: 'Apply a Stripe coupon to the tenant (the coupon must exist and be valid).',
  options: { coupon: { type: 'string', value: 'couponId', description: 'Stripe coupon id; required' }, reason: REASON },
  toAction: (i, actor, path) => ({ type: 'applyDiscount', couponId: reqString(i, 'coupon', path), actor }),
});

export const featuresOverride = override({
  path: ['tenants', 'features', 'override'], args: ['tenantId', 'featureKey'],
  summary: "Override one feature for a tenant (on top of its plan), optionally until a time; re-authenticates unless it only grants.",
  options: {
    enabled: { type: 'string', value: 'true|false', description: 'a boolean feature: on or off' },
    limit: { type: 'string', value: 'N|unlimited', description: "a metered feature's limit" },
    until: { type: 'string', value: 'ISO time', description: 'the lifecycle removes the override then (default: until removed)' },
    reason: { ...REASON, description: `${REASON.description}; required` },
  },
  needsPassword: 'per-action',
  details: 'Example: tenure tenants features override acme sso --enabled true --until 2027-01-31T00:00:00Z --reason "pilot" --admin alice',
  toAction: (i, actor, path) => ({
    type: 'setOverride', actor,
    override: { key: featureKeyArg(i, path), ...overrideValue(i, path), reason: reqString(i, 'reason', path), until: untilOption(i, path) },
  }),
});

export const featuresUnoverride = override({
  path: ['tenants', 'features', 'unoverride'], args: ['tenantId', 'featureKey'], summary: "Remove a tenant's override of one feature (back to its plan's value); re-authenticates with the admin's password.",
  options: { reason: REASON }, needsPassword: true,
  toAction: (i, actor, path) => ({ type: 'removeOverride', key: featureKeyArg(i, path), actor, ...(optString(i, 'reason') ? { reason: optString(i, 'reason')! } : {}) }),
});

export const close = override({
  path: ['tenants', 'close'], summary: "Close a tenant's account for good: cancel its subscription, access none, end its lifecycle; re-authenticates with the admin's password.",
  options: {
    reason: { ...REASON, description: `${REASON.description}; required` },
    effective: { type: 'string', value: 'now|period_end', description: 'now: cancel the subscription at once; period_end: let it run out and close then; required' },
  },
  needsPassword: true,
  details: "Example: printf '%s\\n' \"$PW\" | tenure tenants close acme --reason 'customer left' --effective period_end --admin alice --password-stdin\nFinal: afterwards the tenant's webhooks are stored and ignored, and `tenure tenants erase` may remove its personal data.",
  toAction: (i, actor, path) => {
    const effective = reqString(i, 'effective', path);
    if (effective !== 'now' && effective !== 'period_end') throw new UsageError(`--effective must be now or period_end, got '${effective}'`, path);
    return { type: 'close', reason: reqString(i, 'reason', path), actor, effective };
  },
});

export const OVERRIDES = [suspend, unsuspend, lock, unlock, trialExtend, limitsOverride, featuresOverride, featuresUnoverride, discount, close];
