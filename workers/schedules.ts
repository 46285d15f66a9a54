import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client, type ScheduleOptions } from '@temporalio/client';
import type { Config } from '../config/config.js';

// The Temporal Schedules Tenure needs: the daily usage snapshot, the daily plan sync and the daily
// Stripe drift repair. The worker
// ensures them at start-up; running that again (another worker, a restart) leaves one schedule of
// each, updated to the current configuration. Ids are per task queue, so environments (and tests)
// sharing a namespace stay apart. Workflow types are named, not imported: workflow modules are for
// the workflow sandbox (workflows/usage-snapshot.ts, workflows/plan-sync.ts).

export const usageSnapshotScheduleId = (config: Config): string => `usage-daily-snapshot:${config.temporal.taskQueue}`;
export const planSyncScheduleId = (config: Config): string => `plan-catalog-sync:${config.temporal.taskQueue}`;
export const stripeReconcileScheduleId = (config: Config): string => `stripe-reconcile:${config.temporal.taskQueue}`;

function dailySchedule(config: Config, scheduleId: string, cron: string, workflowType: string, workflowId: string, purpose: string): ScheduleOptions {
  return {
    scheduleId,
    spec: { cronExpressions: [cron], timezone: 'UTC' },
    action: { type: 'startWorkflow', workflowType, workflowId: `${workflowId}:${config.temporal.taskQueue}`, taskQueue: config.temporal.taskQueue, args: [] },
    // A missed run is caught up within a day; two runs never overlap.
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' },
    memo: { purpose },
  };
}

export const usageSnapshotSchedule = (config: Config): ScheduleOptions =>
  dailySchedule(config, usageSnapshotScheduleId(config), config.usage.snapshotCron, 'dailyUsageSnapshot', 'usage-snapshot', 'daily snapshot of Redis usage counters to Postgres tenant_usage');
export const planSyncSchedule = (config: Config): ScheduleOptions =>
  dailySchedule(config, planSyncScheduleId(config), config.plans.syncCron, 'syncPlanCatalog', 'plan-sync', 'daily sync of the plan catalog from Stripe Products and Prices');

export const stripeReconcileSchedule = (config: Config): ScheduleOptions =>
  dailySchedule(config, stripeReconcileScheduleId(config), config.stripe.reconcileCron, 'reconcileStripeSubscriptionsRun', 'stripe-reconcile', "daily drift repair: each tenant's subscription compared with Stripe's, differences fed to the lifecycle");

/** Creates one schedule, or updates the existing one to these options; returns which it did. */
export async function ensureSchedule(client: Client, options: ScheduleOptions): Promise<'created' | 'updated'> {
  try {
    await client.schedule.create(options);
    return 'created';
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
  }
  await client.schedule.getHandle(options.scheduleId).update((prev) => ({ ...prev, spec: options.spec, action: options.action, policies: { ...prev.policies, ...options.policies } }));
  return 'updated';
}

/** Ensures every schedule Tenure runs; idempotent. */
export async function ensureSchedules(client: Client, config: Config): Promise<{ created: string[]; updated: string[] }> {
  const result = { created: [] as string[], updated: [] as string[] };
  for (const options of [usageSnapshotSchedule(config), planSyncSchedule(config), stripeReconcileSchedule(config)]) result[await ensureSchedule(client, options)].push(options.scheduleId);
  return result;
}
