import { eraseTenant } from '../../services/admin/erase-tenant.js';
import { JSON_OPTION, flag, reqString, type CommandSpec } from '../command.js';
import { printJson } from '../io.js';

// `tenure tenants erase`: the personal data of a closed account, through the same use case as
// POST /admin/tenants/:id/erase. See docs/operations.md, "Closing an account".

const path = ['tenants', 'erase'];

export const tenantsErase: CommandSpec = {
  path,
  summary: "Remove a closed account's personal data (names, emails, addresses) from the projection and the audit payloads; ids and amounts stay.",
  args: ['tenantId'],
  options: { admin: { type: 'string', value: 'adminId', description: 'the admin performing the erasure (recorded in the audit log); required' }, ...JSON_OPTION },
  details: 'Only after `tenure tenants close` (TENANT_NOT_CLOSED otherwise). Idempotent: a repeat removes nothing.',
  async run(ctx, input) {
    const report = await eraseTenant(await ctx.adminDeps(), input.positionals[0]!, reqString(input, 'admin', path));
    if (flag(input, 'json')) return printJson(ctx, report);
    const { removed, kept } = report;
    ctx.out([
      `erased ${report.tenantId}: removed ${removed.projectionValues} value(s) from the projection and ${removed.auditValues} from audit payloads${removed.fields.length ? ` (${removed.fields.join(', ')})` : ''}`,
      `kept: ${kept.fields.join('; ')}`,
      `kept rows: ${kept.billingEvents} billing event(s), ${kept.adminAuditRows} admin audit row(s)`,
    ].join('\n'));
  },
};
