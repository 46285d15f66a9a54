import { setTimeout as sleep } from 'node:timers/promises';
import { TenureError } from '../../../domain/errors.js';
import { countOutcomes, findPlanMigration, nextPendingTenants, recordTenantOutcome, selectMigrationTenants, setPlanMigrationStatus, type PlanMigrationRow } from '../../../db/queries/plan-migrations.js';
import type { PlanChangeDeps } from '../../billing/plan-change-target.js';
import { findPlanVersion } from '../plan-versions.js';
import { applyTenantMigration, previewTenantMigration, type TenantMigrationSpec } from './tenant-migration.js';

// The plan migration workflow's activities: the selection, one batch at the migration's rate, the status.

export interface BatchDeps extends PlanChangeDeps {
  /** Called after each tenant, so a crashed worker's batch is retried soon (an activity's heartbeat). */
  heartbeat(): void;
}

async function requireMigration(deps: Pick<PlanChangeDeps, 'db'>, id: string): Promise<PlanMigrationRow> {
  const m = await findPlanMigration(deps.db, id);
  if (!m) throw new TenureError('NOT_FOUND', `no plan migration '${id}'`, { migrationId: id });
  return m;
}

/** Records the migration's tenants (once) and returns how many it holds. */
export async function selectTenantsOf(deps: Pick<PlanChangeDeps, 'db'>, migrationId: string): Promise<{ total: number }> {
  return { total: await selectMigrationTenants(deps.db, await requireMigration(deps, migrationId)) };
}

export async function setMigrationStatus(deps: Pick<PlanChangeDeps, 'db'>, migrationId: string, status: string): Promise<void> {
  await setPlanMigrationStatus(deps.db, migrationId, status);
}

/** Migrates (or previews) the next `limit` pending tenants, one start every 1/rate seconds, recording each outcome. */
export async function runMigrationBatch(deps: BatchDeps, migrationId: string, limit: number) {
  const m = await requireMigration(deps, migrationId);
  const spec: TenantMigrationSpec = {
    migrationId, plan: await findPlanVersion(deps, m.planId, m.toVersion), effective: m.effective === 'period_end' ? 'period_end' : 'now', force: m.force,
  };
  const interval = 1000 / m.ratePerSecond;
  for (const row of await nextPendingTenants(deps.db, migrationId, limit)) {
    const started = Date.now();
    const outcome = m.dryRun ? await previewTenantMigration(deps, row.tenantId, spec) : await applyTenantMigration(deps, row.tenantId, spec);
    await recordTenantOutcome(deps.db, migrationId, row.tenantId, outcome);
    deps.heartbeat();
    const wait = interval - (Date.now() - started);
    if (wait > 0) await sleep(wait);
  }
  const { pending = 0, ...outcomes } = await countOutcomes(deps.db, migrationId);
  return { outcomes, remaining: pending };
}
