import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { TenureError, fromFailure } from '../../../domain/errors.js';
import { entitlementValues } from '../../../domain/entitlements/resolve.js';
import { effectiveEntitlements, hasLiveSubscription, reduce, validate, type LifecycleInput, type TenantState } from '../../../domain/lifecycle/index.js';
import { migrationViolations, versionFor } from '../../../domain/lifecycle/plan-migration.js';
import type { Plan } from '../../../domain/plans/types.js';
import { versionOf } from '../../../domain/plans/versions.js';
import type { TenantOutcome } from '../../../db/queries/plan-migrations.js';
import { migratePlanUpdate, workflowIdOf, type MigratePlanInput } from '../../../workflows/messages.js';
import { previewProration } from '../../billing/proration-preview.js';
import type { PlanChangeDeps } from '../../billing/plan-change-target.js';
import { queryLifecycleState } from '../../lifecycle/lifecycle-client.js';
import { withTemporalDeadline } from '../../lifecycle/temporal-call.js';
import { readGaugeUsage } from '../../usage/read-usage.js';

// One tenant of a plan migration: its dry-run report (pure reducer, no side effects) or its apply
// (the lifecycle's migratePlan update). Each returns the outcome to record.

export interface TenantMigrationSpec { migrationId: string; plan: Plan; effective: 'now' | 'period_end'; force: boolean }

const gone = (tenantId: string): TenantOutcome => ({ outcome: 'skipped', code: 'TENANT_NOT_FOUND', message: `tenant ${tenantId} has no lifecycle` });

const noAnnualPrice = (plan: Plan): TenantOutcome => ({
  outcome: 'skipped', code: 'INTERVAL_NOT_AVAILABLE', message: `version ${versionOf(plan)} of ${plan.id} has no annual price for this annual subscription`,
});

/** The tenant's state and its migratePlan input (the version at its interval, its gauges), or the outcome that skips it. */
async function tenantInput(deps: PlanChangeDeps, tenantId: string, spec: TenantMigrationSpec): Promise<{ state: TenantState; input: MigratePlanInput } | { skipped: TenantOutcome }> {
  const state = await queryLifecycleState(deps, tenantId);
  if (!state) return { skipped: gone(tenantId) };
  const plan = versionFor(state, spec.plan);
  if (plan === null) return { skipped: noAnnualPrice(spec.plan) };
  const gaugeUsage = await readGaugeUsage(deps.redis, state.tenantId, state.usagePeriod.start, await deps.features.list());
  return { state, input: { migrationId: spec.migrationId, plan, effective: spec.effective, gaugeUsage, force: spec.force } };
}

/** The dry run of one tenant: entitlements before and after, the gauges over the new limits, what it would be refused with, and for `now` Stripe's proration preview. */
export async function previewTenantMigration(deps: PlanChangeDeps, tenantId: string, spec: TenantMigrationSpec): Promise<TenantOutcome> {
  const found = await tenantInput(deps, tenantId, spec);
  if ('skipped' in found) return found.skipped;
  const { state, input } = found;
  const now = Date.now();
  const refusal = validate(state, { kind: 'migratePlan', ...input });
  // The version's entitlements with the tenant's overrides, as they will be once it takes effect.
  const after = reduce(state, { kind: 'migratePlan', ...input, effective: 'now', force: true } satisfies LifecycleInput, now).state;
  const priceId = input.plan.stripePriceId;
  const priceChanges = hasLiveSubscription(state) && priceId !== null && priceId !== state.subscription?.priceId;
  const proration = spec.effective === 'now' && priceChanges && refusal === null ? await previewProration(deps, state, priceId) : null;
  const report = {
    fromVersion: versionOf(state.plan), toVersion: versionOf(spec.plan),
    before: entitlementValues(effectiveEntitlements(state, now)), after: entitlementValues(effectiveEntitlements(after, now)),
    exceeded: migrationViolations(state, input), refusal: refusal === null ? null : { code: refusal.code, message: refusal.message }, proration,
  };
  return { outcome: 'previewed', code: refusal?.code ?? null, message: refusal?.message ?? null, report };
}

/** Moves one tenant through the lifecycle's update (its id is the migration's and the tenant's, so a retry gets the first answer). */
export async function applyTenantMigration(deps: PlanChangeDeps, tenantId: string, spec: TenantMigrationSpec): Promise<TenantOutcome> {
  const found = await tenantInput(deps, tenantId, spec);
  if ('skipped' in found) return found.skipped;
  const { input } = found;
  const handle = deps.temporal.workflow.getHandle(workflowIdOf(tenantId));
  try {
    const after = await withTemporalDeadline(deps, () => handle.executeUpdate(migratePlanUpdate, { args: [input], updateId: `${spec.migrationId}:${tenantId}` }));
    return versionOf(after.plan) === versionOf(spec.plan) ? { outcome: 'applied' } : { outcome: 'scheduled', message: `at ${new Date(after.pendingChange?.effectiveAt ?? 0).toISOString()}` };
  } catch (err) {
    if (!(err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure)) throw err;
    const refusal = fromFailure(err.cause, 'INVALID_TRANSITION');
    return refusalOutcome(refusal);
  }
}

/** A Stripe refusal or outage failed the tenant; any other refusal (gauges over the limits, another plan, closed) skipped it. */
function refusalOutcome(refusal: TenureError): TenantOutcome {
  const details = refusal.details === undefined ? null : { details: refusal.details };
  return { outcome: refusal.code === 'STRIPE_ERROR' || refusal.code === 'DEPENDENCY_UNAVAILABLE' ? 'failed' : 'skipped', code: refusal.code, message: refusal.message, report: details };
}
