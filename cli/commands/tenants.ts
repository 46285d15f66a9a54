import { showTenant } from '../../services/admin/show-tenant.js';
import type { TenantState } from '../../domain/lifecycle/index.js';
import { listTenants } from '../../db/queries/tenant-list.js';
import type { TenantRow } from '../../db/queries/tenants.js';
import { workflowIdOf } from '../../workflows/messages.js';
import { JSON_OPTION, UsageError, flag, optInt, optString, type CommandSpec } from '../command.js';
import { formatTable, printJson, shortDate } from '../io.js';

// `tenure tenants list` (the Postgres projection) and `tenure tenants show` (projection + live workflow).

const STATUSES = ['active', 'suspended', 'locked', 'closed'];
const PAYMENT_STATUSES = ['active', 'past_due', 'restricted', 'locked'];

function oneOf(value: string | undefined, allowed: string[], name: string, path: string[]): string | undefined {
  if (value !== undefined && !allowed.includes(value)) throw new UsageError(`--${name} must be one of ${allowed.join(', ')}, got '${value}'`, path);
  return value;
}

const listPath = ['tenants', 'list'];
export const tenantsList: CommandSpec = {
  path: listPath,
  summary: 'List tenants from the billing projection (Postgres `tenants`), ordered by id.',
  options: {
    status: { type: 'string', value: 'status', description: `admin status: ${STATUSES.join(' | ')}` },
    'payment-status': { type: 'string', value: 'status', description: `dunning status: ${PAYMENT_STATUSES.join(' | ')}` },
    plan: { type: 'string', value: 'planId', description: 'plan id, e.g. starter, growth, free' },
    limit: { type: 'string', value: 'n', description: 'page size (default 50, max 1000)' },
    offset: { type: 'string', value: 'n', description: 'rows to skip (default 0)' },
    ...JSON_OPTION,
  },
  details: 'Example: tenure tenants list --payment-status past_due --plan growth',
  async run(ctx, input) {
    const filter = {
      status: oneOf(optString(input, 'status'), STATUSES, 'status', listPath),
      paymentStatus: oneOf(optString(input, 'payment-status'), PAYMENT_STATUSES, 'payment-status', listPath),
      planId: optString(input, 'plan'),
      limit: Math.min(optInt(input, 'limit', 50, listPath, 1), 1000),
      offset: optInt(input, 'offset', 0, listPath),
    };
    const page = await listTenants(ctx.db(), filter);
    if (flag(input, 'json')) return printJson(ctx, { total: page.total, limit: filter.limit, offset: filter.offset, tenants: page.tenants.map(listItem) });
    const rows = page.tenants.map((t) => [t.tenantId, t.status, t.paymentStatus, t.access, t.planId, shortDate(t.trialEndsAt), shortDate(t.lockedUntil), String(t.version)]);
    ctx.out(formatTable(['TENANT', 'STATUS', 'PAYMENT', 'ACCESS', 'PLAN', 'TRIAL ENDS', 'LOCKED UNTIL', 'VERSION'], rows));
    ctx.err(`${page.tenants.length} of ${page.total} tenant(s)${filter.offset ? `, from offset ${filter.offset}` : ''}`);
  },
};

function listItem(t: TenantRow) {
  const { state: _state, ...rest } = t;
  return rest;
}

export const tenantsShow: CommandSpec = {
  path: ['tenants', 'show'],
  summary: "Show one tenant: its Postgres projection and its workflow's live state (query `state`).",
  args: ['tenantId'],
  options: { ...JSON_OPTION },
  async run(ctx, input) {
    const tenantId = input.positionals[0]!;
    const { projection, workflow } = await showTenant(await ctx.adminDeps(), tenantId);
    if (flag(input, 'json')) return printJson(ctx, { projection: projection && listItem(projection), workflow });
    ctx.out(describeTenant(tenantId, projection, workflow));
  },
};

function describeTenant(tenantId: string, projection: TenantRow | null, wf: TenantState | null): string {
  const lines = [`tenant ${tenantId}  (workflow ${workflowIdOf(tenantId)})`];
  if (wf) {
    lines.push(
      `  status          ${wf.status}${wf.statusReason ? ` (${wf.statusReason})` : ''}${wf.lockedUntil ? `, locked until ${shortDate(wf.lockedUntil)}` : ''}`,
      `  payment status  ${wf.paymentStatus}${wf.pastDueSince ? `, past due since ${shortDate(wf.pastDueSince)}` : ''}`,
      `  plan            ${wf.plan.id} (${wf.plan.name})${wf.pendingChange ? `, changing to ${wf.pendingChange.plan.id} at ${shortDate(wf.pendingChange.effectiveAt)}` : ''}`,
      `  trial           ${wf.trial ? `ends ${shortDate(wf.trial.endsAt)}` : 'none'}`,
      `  subscription    ${wf.subscription ? `${wf.subscription.id} ${wf.subscription.status}${wf.subscription.cancelAtPeriodEnd ? ', cancels at period end' : ''}` : 'none'}`,
      `  overrides       ${(wf.overrides ?? []).length ? wf.overrides.map((o) => `${o.key}=${'enabled' in o ? String(o.enabled) : o.limit ?? 'unlimited'}`).join(', ') : 'none'}`,
      `  discount        ${wf.discount ? wf.discount.couponId : 'none'}`,
      `  usage period    ${shortDate(wf.usagePeriod.start)} .. ${shortDate(wf.usagePeriod.end)}`,
      `  version         ${wf.version}`,
    );
  } else {
    lines.push('  workflow        none (run `tenure backfill` to start lifecycles for imported tenants)');
  }
  if (projection) {
    lines.push(`  projection      v${projection.version}, access ${projection.access}, updated ${shortDate(projection.updatedAt)}${wf && projection.version < wf.version ? ' (behind the workflow)' : ''}`);
  } else {
    lines.push('  projection      none');
  }
  return lines.join('\n');
}
