import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { Config } from '../../config/config.js';
import type { Db } from '../../db/client.js';
import { listTenantsAfter } from '../../db/queries/tenant-list.js';
import { TenureError } from '../../domain/errors.js';
import { workflowIdOf, type TenantLifecycleArgs } from '../../workflows/messages.js';
import { lifecycleArgs } from '../lifecycle/lifecycle-args.js';
import { startLifecycle } from '../lifecycle/lifecycle-client.js';

// `tenure backfill` without a file: starts the lifecycle workflow of every tenant row that has none
// (tenants imported into the projection from a legacy system), as a new tenant's (a trial).
// Idempotent: a tenant whose workflow exists is left alone, and the start itself is
// update-with-start with USE_EXISTING, so a race with another start is harmless. The file variant
// (backfill-imported.ts) shares the per-tenant step, startIfAbsent.

export type BackfillResult = 'started' | 'running' | 'closed' | 'would_start' | 'invalid' | 'failed';
/** One tenant's outcome; `ref` says where its row is in a backfill file (`line 3`, `item 2`). */
export interface BackfillOutcome { tenantId: string | null; result: BackfillResult; detail?: string; ref?: string }
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

/** Runs `each` over the items `batch` at a time (concurrently within a batch), reporting each outcome. */
export async function inBatches<T>(items: AsyncIterable<T[]>, opts: BackfillOptions, each: (item: T) => Promise<BackfillOutcome>): Promise<BackfillOutcome[]> {
  const outcomes: BackfillOutcome[] = [];
  for await (const batch of items) {
    outcomes.push(...await Promise.all(batch.map(async (item) => {
      const outcome = await each(item);
      opts.onOutcome?.(outcome);
      return outcome;
    })));
    opts.onBatch?.(outcomes.length);
  }
  return outcomes;
}

async function* tenantRowPages(db: Db, batch: number): AsyncGenerator<Row[]> {
  let after: string | null = null;
  for (;;) {
    const rows = await listTenantsAfter(db, after, batch);
    if (rows.length === 0) return;
    yield rows;
    after = rows[rows.length - 1]!.tenantId;
  }
}

/** Walks the tenants table in id order, `batch` tenants at a time, and starts those without a lifecycle. */
export function backfillLifecycles(deps: BackfillDeps, opts: BackfillOptions): Promise<BackfillOutcome[]> {
  return inBatches(tenantRowPages(deps.db, opts.batch), opts, (row) => startIfAbsent(deps, row.tenantId, opts, async () => ({
    args: await lifecycleArgs(deps, row.tenantId, row.name, row.email), name: row.name, email: row.email,
  })));
}

async function existingStatus(client: Client, tenantId: string): Promise<string | null> {
  try {
    return (await client.workflow.getHandle(workflowIdOf(tenantId)).describe()).status.name;
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return null;
    throw err;
  }
}

/** How to start one tenant: its start args and its contact. `dryRun` is set when nothing may be written. */
export type PrepareStart = (dryRun: boolean) => Promise<{ args: TenantLifecycleArgs; name: string | null; email: string | null }>;

/**
 * One tenant: a tenant whose lifecycle exists is reported (running, or closed and left alone), else
 * `prepare` builds its start and the lifecycle is started. A refusal of the row by `prepare`
 * (VALIDATION_FAILED) is `invalid`; anything else that fails is `failed`.
 */
export async function startIfAbsent(deps: BackfillDeps, tenantId: string, opts: BackfillOptions, prepare: PrepareStart): Promise<BackfillOutcome> {
  let deadline = Number.POSITIVE_INFINITY;
  try {
    const status = await existingStatus(deps.temporal, tenantId);
    // A closed lifecycle was ended on purpose (terminated, failed): an operator decides, not a backfill.
    if (status !== null) return { tenantId, result: status === 'RUNNING' ? 'running' : 'closed', detail: status === 'RUNNING' ? undefined : status.toLowerCase() };
    const start = await prepare(opts.dryRun);
    if (opts.dryRun) return { tenantId, result: 'would_start' };
    deadline = Date.now() + opts.startTimeoutMs;
    await deps.temporal.withDeadline(deadline, () => startLifecycle(deps, start.args, { name: start.name, email: start.email }));
    return { tenantId, result: 'started' };
  } catch (err) {
    if (err instanceof TenureError && err.code === 'VALIDATION_FAILED') return { tenantId, result: 'invalid', detail: err.message };
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
