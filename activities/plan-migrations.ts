import { Context } from '@temporalio/activity';
import { TenureError } from '../domain/errors.js';
import { runMigrationBatch, selectTenantsOf, setMigrationStatus, type BatchDeps } from '../services/plans/migrations/run-migration-batch.js';
import type { ActivityDeps } from './deps.js';
import { toActivity } from './to-activity.js';

/** The plan migration workflow's activities; the tenant updates use the Temporal client of `reconcile` (the worker's). */
export function planMigrationActivities(deps: ActivityDeps) {
  const batchDeps = (): BatchDeps => {
    if (!deps.reconcile) throw new TenureError('INTERNAL', 'the worker was built without a Temporal client and config (deps.reconcile): plan migrations cannot signal tenants');
    return { ...deps, temporal: deps.reconcile.temporal, config: deps.reconcile.config, heartbeat: () => Context.current().heartbeat() };
  };
  return {
    selectMigrationTenants: toActivity((input: { migrationId: string }) => selectTenantsOf(deps, input.migrationId)),
    runMigrationBatch: toActivity((input: { migrationId: string; limit: number }) => runMigrationBatch(batchDeps(), input.migrationId, input.limit)),
    setMigrationStatus: toActivity((input: { migrationId: string; status: string }) => setMigrationStatus(deps, input.migrationId, input.status)),
  };
}
