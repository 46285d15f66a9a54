import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { lifecycleArgs } from '../../services/lifecycle/lifecycle-args.js';
import { startLifecycle } from '../../services/lifecycle/lifecycle-client.js';
import type { Config } from '../../config/config.js';
import type { Db } from '../../db/client.js';
import { listTenantsAfter } from '../../db/queries/tenant-list.js';
import { workflowIdOf } from '../../workflows/messages.js';

// Starts the lifecycle workflow of every tenant row that has none: tenants imported into the
// projection from a legacy system. Idempotent: a tenant whose workflow exists is left alone, and
// the start itself is update-with-start with USE_EXISTING, so a race with another start is harmless.

export type BackfillResult = 'started' | 'running' | 'closed' | 'would_start' | 'failed';
export interface BackfillOutcome { tenantId: string; result: BackfillResult; detail?: string }
export interface BackfillDeps { db: Db; temporal: Client; config: Config }
export interface BackfillOptions {
  batch: number;
  dryRun: boolean;
  /** How long to wait for the worker to answer each start (its `register` update). */
  startTimeoutMs: number;
  onOutcome?(outcome: BackfillOutcome): void;
  onBatch?(done: number): void;
}

type Row = { tenantId: string; name: string | null; email: string | null };

/** Walks the tenants table in id order, `batch` tenants at a time (concurrently within a batch). */
export async function backfillLifecycles(deps: BackfillDeps, opts: BackfillOptions): Promise<BackfillOutcome[]> {
  const outcomes: BackfillOutcome[] = [];
  let after: string | null = null;
  for (;;) {
    const rows = await listTenantsAfter(deps.db, after, opts.batch);
    if (rows.length === 0) break;
    const batch = await Promise.all(rows.map(async (row) => {
      const outcome = await backfillOne(deps, row, opts);
      opts.onOutcome?.(outcome);
      return outcome;
    }));
    outcomes.push(...batch);
    opts.onBatch?.(outcomes.length);
    after = rows[rows.length - 1]!.tenantId;
  }
  return outcomes;
}

async function existingStatus(client: Client, tenantId: string): Promise<string | null> {
  try {
    return (await client.workflow.getHandle(workflowIdOf(tenantId)).describe()).status.name;
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return null;
    throw err;
  }
}

async function backfillOne(deps: BackfillDeps, row: Row, opts: BackfillOptions): Promise<BackfillOutcome> {
  const { tenantId } = row;
  let deadline = Number.POSITIVE_INFINITY;
  try {
    const status = await existingStatus(deps.temporal, tenantId);
    // A closed lifecycle was ended on purpose (terminated, failed): an operator decides, not a backfill.
    if (status !== null) return { tenantId, result: status === 'RUNNING' ? 'running' : 'closed', detail: status === 'RUNNING' ? undefined : status.toLowerCase() };
    if (opts.dryRun) return { tenantId, result: 'would_start' };
    const args = await lifecycleArgs(deps, tenantId, row.name, row.email);
    deadline = Date.now() + opts.startTimeoutMs;
    await deps.temporal.withDeadline(deadline, () => startLifecycle(deps, args, { name: row.name, email: row.email }));
    return { tenantId, result: 'started' };
  } catch (err) {
    return { tenantId, result: 'failed', detail: failureReason(err, deps.config, opts.startTimeoutMs, deadline) };
  }
}

function failureReason(err: unknown, config: Config, timeoutMs: number, deadline: number): string {
  const message = err instanceof Error ? err.message : String(err);
  // gRPC reports a passed deadline as DEADLINE_EXCEEDED or, under load, as a cancelled call.
  if (/DEADLINE_EXCEEDED|deadline/i.test(message) || Date.now() >= deadline) {
    return `no answer within ${timeoutMs / 1000}s: is a worker polling task queue '${config.temporal.taskQueue}'? (the workflow may have started; re-run to check)`;
  }
  return message.split('\n')[0]!;
}
