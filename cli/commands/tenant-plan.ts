import { assignPlan } from '../../services/admin/assign-plan.js';
import { JSON_OPTION, UsageError, flag, optInt, optString, reqString, type CommandSpec } from '../command.js';
import { printJson, readPassword, shortDate } from '../io.js';

// `tenure tenants plan assign`: enterprise onboarding through the same use case as
// POST /admin/tenants/:id/plan. See docs/operations.md, "Assign a plan".

const path = ['tenants', 'plan', 'assign'];
const EFFECTIVE = ['now', 'period_end'] as const;

export const tenantsPlanAssign: CommandSpec = {
  path,
  summary: "Put a tenant on a plan without a card checkout (invoiced for a manualInvoicing plan); re-authenticates with the admin's password.",
  args: ['tenantId'],
  options: {
    plan: { type: 'string', value: 'planId', description: 'the plan to subscribe the tenant to; required' },
    version: { type: 'string', value: 'n', description: 'the plan version (default: the latest)' },
    effective: { type: 'string', value: 'now|period_end', description: 'now: bill from now; period_end: let a running trial finish first; required' },
    admin: { type: 'string', value: 'adminId', description: 'the admin performing the action (recorded in the audit log); required' },
    reason: { type: 'string', value: 'text', description: 'why (recorded in the audit log)' },
    'password-stdin': { type: 'boolean', description: "read the admin's password from stdin instead of prompting (it is never a flag)" },
    ...JSON_OPTION,
  },
  details: "Example: printf '%s\\n' \"$PW\" | tenure tenants plan assign acme --plan enterprise-acme --effective now --admin alice --password-stdin\nRefused for a tenant with a live subscription (CONFLICT): change that with an upgrade or downgrade.",
  async run(ctx, input) {
    const effective = reqString(input, 'effective', path);
    if (!(EFFECTIVE as readonly string[]).includes(effective)) throw new UsageError(`--effective must be one of ${EFFECTIVE.join(', ')}, got '${effective}'`, path);
    const adminId = reqString(input, 'admin', path);
    const planId = reqString(input, 'plan', path);
    const version = optString(input, 'version') === undefined ? undefined : optInt(input, 'version', 1, path, 1);
    const password = await readPassword(ctx, { fromStdin: flag(input, 'password-stdin'), prompt: `Password for admin ${adminId}: `, path });
    const deps = { ...(await ctx.adminDeps()), redis: ctx.redis() };
    const reason = optString(input, 'reason');
    const { id, status, priceId, collectionMethod, daysUntilDue, trialEnd } = await assignPlan(deps, input.positionals[0]!, adminId, {
      planId, effective: effective as (typeof EFFECTIVE)[number], password, ...(version === undefined ? {} : { version }), ...(reason === undefined ? {} : { reason }),
    });
    if (flag(input, 'json')) return printJson(ctx, { subscription: { id, status, planId, priceId, collectionMethod, daysUntilDue, trialEnd } });
    const billing = collectionMethod === 'send_invoice' ? `invoiced, due in ${daysUntilDue} day(s)` : 'charged automatically';
    ctx.out(`${input.positionals[0]} subscribed to ${planId} (${priceId}): subscription ${id} ${status}, ${billing}${trialEnd ? `, trial until ${shortDate(trialEnd)}` : ''}`);
  },
};
