import type { Logger } from '../../config/logger.js';
import { findTenant, type TenantRow } from '../../db/queries/tenants.js';
import { reprojectUpdate } from '../../workflows/messages.js';
import type { ServiceDeps } from '../deps.js';
import { countRunningTenants, listRunningTenants, maintainLifecycle, onTaskQueue } from '../lifecycle/lifecycle-client.js';
import { toTenantRow } from './persist-projection.js';

// The workflow holds the truth; the `tenants` row is its projection. When Postgres loses rows under
// running lifecycles (a restore from an older backup, a database recreated), each lifecycle is asked
// to write its projection and enforcement again (the `reproject` update).

export type ReprojectDeps = Pick<ServiceDeps, 'db' | 'temporal'> & { log: Pick<Logger, 'warn'> };
export type ReprojectResult = 'reprojected' | 'needs_attention' | 'not_running' | 'failed';
export interface ReprojectOutcome { tenantId: string; result: ReprojectResult; detail?: string }

/**
 * The tenant's projection row. When it is missing while the lifecycle runs, asks the workflow to
 * write it again and answers from the workflow's state if the write has not landed (it failed for
 * good: the tenant is then marked NeedsAttention). Null when there is no row and no running lifecycle,
 * or when Temporal cannot be asked (logged): the caller answers as for an unknown tenant.
 */
export async function findOrReprojectTenant(deps: ReprojectDeps, tenantId: string): Promise<TenantRow | null> {
  const row = await findTenant(deps.db, tenantId);
  if (row) return row;
  const health = await maintainLifecycle(deps.temporal, tenantId, reprojectUpdate, 10_000).catch((err: unknown) => {
    deps.log.warn({ err, tenantId }, 'projection missing and the lifecycle could not be asked to reproject');
    return null;
  });
  if (!health) return null;
  deps.log.warn({ tenantId, version: health.state.version, needsAttention: health.attention?.reason ?? null }, 'projection was missing: reprojected from the lifecycle');
  return (await findTenant(deps.db, tenantId)) ?? toTenantRow(health.state);
}

/** Asks one tenant's lifecycle to write its projection and enforcement again. */
export async function reprojectTenant(deps: Pick<ServiceDeps, 'temporal'>, tenantId: string): Promise<ReprojectOutcome> {
  try {
    const health = await maintainLifecycle(deps.temporal, tenantId, reprojectUpdate);
    if (!health) return { tenantId, result: 'not_running' };
    const held = health.attention?.pending.some((c) => c.type === 'persistProjection' || c.type === 'syncEnforcement');
    return held ? { tenantId, result: 'needs_attention', detail: health.attention!.reason } : { tenantId, result: 'reprojected' };
  } catch (err) {
    return { tenantId, result: 'failed', detail: (err instanceof Error ? err.message : String(err)).split('\n')[0] };
  }
}

export interface ReprojectAllOptions {
  /** The deployment's task queue: only its lifecycles are reprojected. */
  taskQueue: string;
  /** Lifecycles reprojected concurrently. */
  concurrency: number;
  /** Called once with how many running lifecycles visibility counts (before the walk). */
  onTotal?(total: number): void;
  onOutcome?(outcome: ReprojectOutcome): void;
  onBatch?(done: number): void;
}

/** Reprojects every running lifecycle of the task queue (found through Temporal visibility), `concurrency` at a time. */
export async function reprojectAllTenants(deps: Pick<ServiceDeps, 'temporal'>, opts: ReprojectAllOptions): Promise<ReprojectOutcome[]> {
  const query = onTaskQueue(opts.taskQueue);
  opts.onTotal?.(await countRunningTenants(deps.temporal, query));
  const outcomes: ReprojectOutcome[] = [];
  let batch: string[] = [];
  const flush = async () => {
    outcomes.push(...(await Promise.all(batch.map(async (tenantId) => {
      const outcome = await reprojectTenant(deps, tenantId);
      opts.onOutcome?.(outcome);
      return outcome;
    }))));
    batch = [];
    opts.onBatch?.(outcomes.length);
  };
  for await (const tenantId of listRunningTenants(deps.temporal, query)) {
    batch.push(tenantId);
    if (batch.length >= opts.concurrency) await flush();
  }
  if (batch.length > 0) await flush();
  return outcomes;
}
