import { readFile } from 'node:fs/promises';
import { countTenants } from '../../db/queries/tenant-list.js';
import { BACKFILL_COLUMNS, parseBackfillFile, type ParsedRow } from '../../domain/backfill/backfill-rows.js';
import { backfillImported } from '../../services/tenants/backfill-imported.js';
import { backfillLifecycles, type BackfillOptions, type BackfillOutcome, type BackfillResult } from '../../services/tenants/backfill-lifecycles.js';
import { JSON_OPTION, UsageError, flag, optInt, type CommandSpec } from '../command.js';
import type { CliContext } from '../context.js';
import { printJson, readAll } from '../io.js';
import { createProgress } from '../lib/progress.js';

// `tenure backfill`: starts a lifecycle for every tenant row without a workflow (imported tenants);
// `tenure backfill <file>`: starts each tenant of a CSV or JSON file in the state it is imported with.

const path = ['backfill'];
const LABELS: Record<BackfillResult, string> = {
  started: 'started', running: 'already running', closed: 'closed (left alone)', would_start: 'would start', invalid: 'invalid (not started)', failed: 'failed',
};

export const backfill: CommandSpec = {
  path,
  summary: 'Start lifecycles for imported tenants: every `tenants` row without a workflow, or each tenant of a CSV/JSON file, in its state.',
  optionalArgs: ['file'],
  options: {
    batch: { type: 'string', value: 'n', description: 'tenants per batch, started concurrently (default 50)' },
    'dry-run': { type: 'boolean', description: 'only report which tenants would be started (a file\'s rows are still checked, Stripe read)' },
    timeout: { type: 'string', value: 'seconds', description: 'how long to wait for the worker to answer each start (default 30)' },
    ...JSON_OPTION,
  },
  details: `
Without <file>: each tenant row is checked with describe (no workflow = WorkflowNotFoundError) and
started with update-with-start (USE_EXISTING) like a new tenant (a trial), with the configured
durations.
With <file> (CSV with a header line, or a JSON array of objects; '-' reads stdin), the columns
${BACKFILL_COLUMNS.join(', ')} (the last four optional; times in ISO 8601): each tenant starts in its
state, not a fresh trial. With stripeSubscriptionId the subscription is read from Stripe first and the
tenant starts on it, as its webhook would put it; else with trialEndsAt in the future, in a trial of
planId ending then; else on planId, without a trial. The Stripe customer is linked to the tenant. A
bad row (unknown planId, bad email, malformed CSV line, a subscription on another plan) is reported
with its line and reason, and the others go on. See docs/operations.md.
A second run starts nothing: tenants whose workflow exists are reported as already running (so an
interrupted run is resumed by running it again). Closed workflows (terminated, failed) are left alone.
Progress goes to stderr (a bar on a terminal, one line per batch otherwise); the summary to stdout.
The exit code is 1 if any tenant failed or any row was invalid, 2 if the file cannot be read. A worker
must be polling TEMPORAL_TASK_QUEUE.`,
  async run(ctx, input) {
    const opts = { batch: optInt(input, 'batch', 50, path, 1), startTimeoutMs: optInt(input, 'timeout', 30, path, 1) * 1000, dryRun: flag(input, 'dry-run') };
    const file = input.positionals[0];
    const rows = file === undefined ? null : await readRows(ctx, file);
    const total = rows ? rows.length : await countTenants(ctx.db());
    const progress = createProgress(ctx.stderr, opts.dryRun ? 'backfill (dry run)' : 'backfill', total);
    const counts: Record<string, number> = { started: 0, running: 0, closed: 0, would_start: 0, invalid: 0, failed: 0 };
    const run: BackfillOptions = { ...opts, onOutcome: (o) => { counts[o.result]!++; progress.tick(counts); }, onBatch: () => progress.batch(counts) };
    const deps = { db: ctx.db(), temporal: await ctx.temporal(), config: ctx.config };
    const outcomes = rows ? await backfillImported({ ...deps, stripe: ctx.stripe(), log: ctx.log }, rows, run) : await backfillLifecycles(deps, run);
    progress.finish();
    if (flag(input, 'json')) printJson(ctx, { dryRun: opts.dryRun, ...(file === undefined ? {} : { file }), total: outcomes.length, counts, outcomes });
    else ctx.out(formatSummary(outcomes, counts, opts.dryRun, file));
    return counts.failed! + counts.invalid! > 0 ? 1 : 0;
  },
};

async function readRows(ctx: CliContext, file: string): Promise<ParsedRow[]> {
  let content: string;
  try {
    content = file === '-' ? await readAll(ctx.stdin) : await readFile(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${(err as Error).message}`, path);
  }
  const parsed = parseBackfillFile(content, Date.now());
  if (!parsed.ok) throw new UsageError(`${file}: ${parsed.reason}`, path);
  return parsed.rows;
}

const noteworthy = (o: BackfillOutcome, dryRun: boolean) => o.result === 'failed' || o.result === 'invalid' || o.result === 'closed' || (dryRun && o.result === 'would_start');
const where = (o: BackfillOutcome) => [o.ref, o.tenantId].filter((x) => x != null).join(' ');

function formatSummary(outcomes: BackfillOutcome[], counts: Record<string, number>, dryRun: boolean, file: string | undefined): string {
  const what = file === undefined ? `${outcomes.length} tenant(s) checked` : `${outcomes.length} row(s) of ${file}`;
  const lines = [`backfill${dryRun ? ' (dry run)' : ''}: ${what}`];
  for (const [result, label] of Object.entries(LABELS)) if (counts[result]) lines.push(`  ${label.padEnd(21)} ${counts[result]}`);
  const listed = outcomes.filter((o) => noteworthy(o, dryRun));
  for (const o of listed.slice(0, 200)) lines.push(`  - ${where(o)}: ${LABELS[o.result]}${o.detail ? `: ${o.detail}` : ''}`);
  if (listed.length > 200) lines.push(`  ... and ${listed.length - 200} more (use --json for all)`);
  return lines.join('\n');
}
