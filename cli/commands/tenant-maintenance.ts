import { repairTenant } from '../../services/tenants/repair-tenant.js';
import { reprojectAllTenants, reprojectTenant, type ReprojectOutcome, type ReprojectResult } from '../../services/tenants/reproject-tenant.js';
import type { Attention } from '../../workflows/messages.js';
import { JSON_OPTION, UsageError, flag, optInt, type CommandSpec } from '../command.js';
import { printJson, shortDate } from '../io.js';
import { createProgress } from '../lib/progress.js';

// `tenure tenants reproject` (write lost projections again from the workflows) and
// `tenure tenants repair` (run the commands a permanent failure held back). See docs/operations.md.

const reprojectPath = ['tenants', 'reproject'];
const LABELS: Record<ReprojectResult, string> = { reprojected: 'reprojected', needs_attention: 'needs attention', not_running: 'no running lifecycle', failed: 'failed' };
const isProblem = (o: ReprojectOutcome) => o.result !== 'reprojected';

export const tenantsReproject: CommandSpec = {
  path: reprojectPath,
  summary: 'Ask running lifecycles to write their Postgres projection and Redis enforcement again (update `reproject`).',
  optionalArgs: ['tenantId'],
  options: {
    all: { type: 'boolean', description: 'every running lifecycle on TEMPORAL_TASK_QUEUE (found in Temporal visibility)' },
    concurrency: { type: 'string', value: 'n', description: 'lifecycles reprojected at once with --all (default 20)' },
    ...JSON_OPTION,
  },
  details: `
Use after Postgres lost rows of \`tenants\` (a restore from an older backup, a database recreated):
the workflow holds the truth. The API already reprojects a tenant it finds without a row; this
restores them all. A lifecycle whose write fails for good is reported as 'needs attention' (see
\`tenure tenants repair\`). With --all, progress goes to stderr and the summary to stdout.
The exit code is 1 if any tenant was not reprojected. A worker must be polling TEMPORAL_TASK_QUEUE.`,
  async run(ctx, input) {
    const tenantId = input.positionals[0];
    const all = flag(input, 'all');
    if (all === (tenantId !== undefined)) throw new UsageError('give either a <tenantId> or --all', reprojectPath);
    const deps = { temporal: await ctx.temporal() };
    if (tenantId !== undefined) {
      const outcome = await reprojectTenant(deps, tenantId);
      if (flag(input, 'json')) printJson(ctx, outcome);
      else ctx.out(`${tenantId}: ${LABELS[outcome.result]}${outcome.detail ? `: ${outcome.detail}` : ''}`);
      return isProblem(outcome) ? 1 : 0;
    }
    const counts: Record<string, number> = { reprojected: 0, needs_attention: 0, not_running: 0, failed: 0 };
    let progress = createProgress(ctx.stderr, 'reproject', 0);
    const outcomes = await reprojectAllTenants(deps, {
      taskQueue: ctx.config.temporal.taskQueue,
      concurrency: optInt(input, 'concurrency', 20, reprojectPath, 1),
      onTotal: (total) => { progress = createProgress(ctx.stderr, 'reproject', total); },
      onOutcome: (o) => { counts[o.result]!++; progress.tick(counts); },
      onBatch: () => progress.batch(counts),
    });
    progress.finish();
    if (flag(input, 'json')) printJson(ctx, { total: outcomes.length, counts, outcomes });
    else ctx.out(reprojectSummary(outcomes, counts));
    return outcomes.some(isProblem) ? 1 : 0;
  },
};

function reprojectSummary(outcomes: ReprojectOutcome[], counts: Record<string, number>): string {
  const lines = [`reproject: ${outcomes.length} running lifecycle(s)`];
  for (const [result, n] of Object.entries(counts)) if (n > 0) lines.push(`  ${LABELS[result as ReprojectResult].padEnd(22)} ${n}`);
  const problems = outcomes.filter(isProblem);
  lines.push(...problems.slice(0, 200).map((o) => `  - ${o.tenantId}: ${LABELS[o.result]}${o.detail ? `: ${o.detail}` : ''}`));
  if (problems.length > 200) lines.push(`  ... and ${problems.length - 200} more (use --json for all)`);
  return lines.join('\n');
}

export const tenantsRepair: CommandSpec = {
  path: ['tenants', 'repair'],
  summary: 'Run the side effects a permanent failure held back again, and clear NeedsAttention (update `repair`).',
  args: ['tenantId'],
  options: { ...JSON_OPTION },
  details: `
Fix the cause first (the reason is the NeedsAttention search attribute, the details are in
\`temporal workflow query --type attention\`): the held-back commands run again in order, with the
lifecycle's current state. The exit code is 1 if something still fails (it stays marked).
Find the tenants to repair with: temporal workflow list --query "NeedsAttention IS NOT NULL"`,
  async run(ctx, input) {
    const tenantId = input.positionals[0]!;
    const outcome = await repairTenant({ temporal: await ctx.temporal() }, tenantId);
    if (flag(input, 'json')) printJson(ctx, outcome);
    else ctx.out(outcome.repaired ? `${tenantId}: repaired, nothing waits for a repair` : describeAttention(tenantId, outcome.attention!));
    return outcome.repaired ? 0 : 1;
  },
};

function describeAttention(tenantId: string, attention: Attention): string {
  return [
    `${tenantId}: still needs attention (${attention.reason}), since ${shortDate(attention.since)}`,
    ...attention.failures.map((f) => `  ${f.activity}: ${f.code}: ${f.message}`),
    `  held back: ${attention.pending.map((c) => (c.type === 'publishEvent' ? `publishEvent ${c.event.type}` : c.type)).join(', ')}`,
  ].join('\n');
}
