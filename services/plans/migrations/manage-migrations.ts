import { randomUUID } from 'node:crypto';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure, type UpdateDefinition } from '@temporalio/common';
import { TenureError, fromFailure } from '../../../domain/errors.js';
import { countOutcomes, findPlanMigration, insertPlanMigration, listMigrationTenants, type PlanMigrationRow } from '../../../db/queries/plan-migrations.js';
import {
  cancelMigrationUpdate, migrationWorkflowIdOf, pauseMigrationUpdate, PLAN_MIGRATION_WORKFLOW_TYPE, resumeMigrationUpdate,
  type MigrationProgress, type PlanMigrationArgs,
} from '../../../workflows/plan-migration-messages.js';
import type { ServiceDeps } from '../../deps.js';
import { withTemporalDeadline } from '../../lifecycle/temporal-call.js';
import { findPlanVersion } from '../plan-versions.js';

// Plan migrations for operators: start one (a planMigration workflow), read its report, pause, resume, cancel.

type Deps = Pick<ServiceDeps, 'db' | 'temporal' | 'config'>;

export interface StartMigrationInput {
  toVersion: number;
  fromVersions?: number[];
  tenantIds?: string[];
  effective: 'now' | 'period_end';
  dryRun?: boolean;
  ratePerSecond?: number;
  force?: boolean;
}

export const DEFAULT_MIGRATION_RATE = 5;

/** Records the migration and starts its workflow; the tenants are selected by the workflow's first step. */
export async function startPlanMigration(deps: Deps, planId: string, input: StartMigrationInput, actor: string | null): Promise<PlanMigrationRow> {
  await findPlanVersion(deps, planId, input.toVersion);
  if (input.fromVersions?.includes(input.toVersion)) {
    throw new TenureError('VALIDATION_FAILED', `fromVersions must not hold the target version ${input.toVersion}`, { field: 'fromVersions' });
  }
  const id = `mig_${randomUUID()}`;
  const ratePerSecond = input.ratePerSecond ?? DEFAULT_MIGRATION_RATE;
  await insertPlanMigration(deps.db, {
    id, planId, toVersion: input.toVersion, fromVersions: input.fromVersions ?? null, tenantIds: input.tenantIds ?? null, effective: input.effective,
    dryRun: input.dryRun ?? false, force: input.force ?? false, ratePerSecond, status: 'selecting', createdBy: actor,
  });
  const args: PlanMigrationArgs = { migrationId: id, ratePerSecond };
  await withTemporalDeadline(deps, () => deps.temporal.workflow.start(PLAN_MIGRATION_WORKFLOW_TYPE, { workflowId: migrationWorkflowIdOf(id), taskQueue: deps.config.temporal.taskQueue, args: [args] }));
  return (await findPlanMigration(deps.db, id))!;
}

async function requireMigration(deps: Pick<Deps, 'db'>, id: string): Promise<PlanMigrationRow> {
  const m = await findPlanMigration(deps.db, id);
  if (!m) throw new TenureError('NOT_FOUND', `no plan migration '${id}'`, { migrationId: id });
  return m;
}

/** The migration's report: its request, status, counts by outcome and one page of per-tenant outcomes (with the dry run's report). */
export async function getPlanMigration(deps: Pick<Deps, 'db'>, id: string, page: { limit: number; offset: number } = { limit: 500, offset: 0 }) {
  const m = await requireMigration(deps, id);
  const [outcomes, rows] = await Promise.all([countOutcomes(deps.db, id), listMigrationTenants(deps.db, id, page.limit, page.offset)]);
  const total = Object.values(outcomes).reduce((sum, n) => sum + n, 0);
  const tenants = rows.map((r) => ({ tenantId: r.tenantId, fromVersion: r.fromVersion, outcome: r.outcome, code: r.code, message: r.message, report: r.report }));
  return { ...m, progress: { total, done: total - (outcomes.pending ?? 0), outcomes }, tenants };
}

export type MigrationControl = 'pause' | 'resume' | 'cancel';
const CONTROLS: Record<MigrationControl, UpdateDefinition<MigrationProgress, []>> = { pause: pauseMigrationUpdate, resume: resumeMigrationUpdate, cancel: cancelMigrationUpdate };

/** Pauses, resumes or cancels a migration (a workflow update); refused INVALID_TRANSITION when its status does not allow it. */
export async function controlPlanMigration(deps: Deps, id: string, control: MigrationControl): Promise<MigrationProgress> {
  const m = await requireMigration(deps, id);
  const handle = deps.temporal.workflow.getHandle(migrationWorkflowIdOf(id));
  try {
    return await withTemporalDeadline(deps, () => handle.executeUpdate(CONTROLS[control]));
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) throw fromFailure(err.cause, 'INVALID_TRANSITION');
    if (err instanceof WorkflowNotFoundError || isClosedWorkflowError(err)) throw new TenureError('INVALID_TRANSITION', `the migration is ${m.status}: it cannot ${control}`, { status: m.status });
    throw err;
  }
}

// An update to a workflow that has completed: Temporal answers "workflow execution already completed".
function isClosedWorkflowError(err: unknown): boolean {
  return err instanceof Error && /already completed|already finished/i.test(err.message);
}
