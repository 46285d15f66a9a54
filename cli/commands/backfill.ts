import { countTenants } from '../../db/queries/tenant-list.js';
import { JSON_OPTION, flag, optInt, type CommandSpec } from '../command.js';
import { printJson } from '../io.js';
import { backfillLifecycles, type BackfillOutcome, type BackfillResult } from '../lib/backfill-lifecycles.js';
import { createProgress } from '../lib/progress.js';

// `tenure backfill`: starts a lifecycle for every tenant row without a workflow (imported tenants).

const path = ['backfill'];
const LABELS: Record<BackfillResult, string> = { started: 'started', running: 'already running', closed: 'closed (left alone)', would_start: 'would start', failed: 'failed' };

export const backfill: CommandSpec = {
  path,
  summary: 'Start a lifecycle workflow for every tenant in Postgres `tenants` that has none (imported tenants).',
  options: {
    batch: { type: 'string', value: 'n', description: 'tenants per batch, started concurrently (default 50)' },
    'dry-run': { type: 'boolean', description: 'only report which tenants would be started' },
    timeout: { type: 'string', value: 'seconds', description: 'how long to wait for the worker to answer each start (default 30)' },
    ...JSON_OPTION,
  },
  details: `
Each tenant is checked with describe (no workflow = WorkflowNotFoundError) and started with
update-with-start (USE_EXISTING), with the configured trial and dunning durations. A second run starts
nothing. Workflows that exist but are closed (terminated, failed) are reported and left alone.
Progress goes to stderr (a bar on a terminal, one line per batch otherwise); the summary to stdout.
The exit code is 1 if any tenant failed. A worker must be polling TEMPORAL_TASK_QUEUE.`,
  async run(ctx, input) {
    const batch = optInt(input, 'batch', 50, path, 1);
    const startTimeoutMs = optInt(input, 'timeout', 30, path, 1) * 1000;
    const dryRun = flag(input, 'dry-run');
    const total = await countTenants(ctx.db());
    const progress = createProgress(ctx.stderr, dryRun ? 'backfill (dry run)' : 'backfill', total);
    const counts: Record<string, number> = { started: 0, running: 0, closed: 0, would_start: 0, failed: 0 };
    const outcomes = await backfillLifecycles({ db: ctx.db(), temporal: await ctx.temporal(), config: ctx.config }, {
      batch, dryRun, startTimeoutMs,
      onOutcome: (o) => { counts[o.result]!++; progress.tick(counts); },
      onBatch: () => progress.batch(counts),
    });
    progress.finish();
    if (flag(input, 'json')) printJson(ctx, { dryRun, total: outcomes.length, counts, outcomes });
    else ctx.out(formatSummary(outcomes, counts, dryRun));
    return counts.failed! > 0 ? 1 : 0;
  },
};

function formatSummary(outcomes: BackfillOutcome[], counts: Record<string, number>, dryRun: boolean): string {
  const lines = [`backfill${dryRun ? ' (dry run)' : ''}: ${outcomes.length} tenant(s) checked`];
  for (const [result, label] of Object.entries(LABELS)) if (counts[result]) lines.push(`  ${label.padEnd(20)} ${counts[result]}`);
  const noteworthy = outcomes.filter((o) => o.result === 'failed' || o.result === 'closed' || (dryRun && o.result === 'would_start'));
  for (const o of noteworthy.slice(0, 200)) lines.push(`  - ${o.tenantId}: ${LABELS[o.result]}${o.detail ? `: ${o.detail}` : ''}`);
  if (noteworthy.length > 200) lines.push(`  ... and ${noteworthy.length - 200} more (use --json for all)`);
  return lines.join('\n');
}
