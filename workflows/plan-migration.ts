import { ApplicationFailure, allHandlersFinished, condition, continueAsNew, log, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { PlanMigrationActivities } from './activity-contract.js';
import {
  cancelMigrationUpdate, migrationProgressQuery, pauseMigrationUpdate, resumeMigrationUpdate,
  type MigrationProgress, type MigrationStatus, type PlanMigrationArgs,
} from './plan-migration-messages.js';

// A plan migration (POST /admin/plans/:id/migrations): records the tenants it selects, then takes
// them in batches, each batch an activity that migrates (or previews) its tenants at the rate asked
// for and records each outcome. Pause, resume and cancel act between batches. A worker crash retries
// the batch, which skips the tenants already recorded, and the lifecycle's update id makes a
// repeated tenant update return its first answer: no tenant is applied twice. The history stays
// bounded: continue-as-new every BATCHES_PER_RUN batches.

const BATCHES_PER_RUN = 50;
/** A batch holds about this many seconds of work, so pause and cancel take effect that soon. */
const BATCH_SECONDS = 2;

const activities = proxyActivities<PlanMigrationActivities>({
  startToCloseTimeout: '10 minutes',
  // A batch heartbeats per tenant: a crashed worker's batch is retried elsewhere within this.
  heartbeatTimeout: '15 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

function refuse(message: string): never {
  throw ApplicationFailure.create({ type: 'INVALID_TRANSITION', message, nonRetryable: true });
}

const isOver = (status: MigrationStatus) => status === 'completed' || status === 'cancelled';

export async function planMigration(args: PlanMigrationArgs): Promise<MigrationProgress> {
  const progress: MigrationProgress = args.carried?.progress ?? { status: 'running', total: 0, done: 0, outcomes: {} };
  let written: MigrationStatus | null = args.carried?.written ?? null;

  setHandler(migrationProgressQuery, () => progress);
  setHandler(pauseMigrationUpdate, () => { progress.status = 'paused'; return progress; }, {
    validator: () => { if (progress.status !== 'running') refuse(`the migration is ${progress.status}, not running`); },
  });
  setHandler(resumeMigrationUpdate, () => { progress.status = 'running'; return progress; }, {
    validator: () => { if (progress.status !== 'paused') refuse(`the migration is ${progress.status}, not paused`); },
  });
  setHandler(cancelMigrationUpdate, () => { progress.status = 'cancelled'; return progress; }, {
    validator: () => { if (isOver(progress.status)) refuse(`the migration is already ${progress.status}`); },
  });

  if (!args.carried) progress.total = (await activities.selectMigrationTenants({ migrationId: args.migrationId })).total;
  const limit = Math.max(1, Math.round(args.ratePerSecond * BATCH_SECONDS));
  for (let batches = 0; ; batches++) {
    if (progress.status !== written) {
      const status = progress.status;
      await activities.setMigrationStatus({ migrationId: args.migrationId, status });
      written = status;
    }
    if (isOver(progress.status)) break;
    if (progress.status === 'paused') {
      await condition(() => progress.status !== 'paused');
      continue;
    }
    if (batches >= BATCHES_PER_RUN || workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof planMigration>({ ...args, carried: { progress, written } });
    }
    const batch = await activities.runMigrationBatch({ migrationId: args.migrationId, limit });
    // Counts of the whole migration as recorded, so a batch retried after a crash counts nothing twice.
    progress.outcomes = batch.outcomes;
    progress.done = Object.values(batch.outcomes).reduce((sum, n) => sum + n, 0);
    if (batch.remaining === 0 && progress.status === 'running') progress.status = 'completed';
  }
  await condition(allHandlersFinished);
  log.info('plan migration finished', { migrationId: args.migrationId, status: progress.status, done: progress.done, total: progress.total });
  return progress;
}
