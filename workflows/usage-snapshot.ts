import { proxyActivities } from '@temporalio/workflow';
import type { BillingActivities } from './activity-contract.js';

// Started daily by the Temporal Schedule that workers/schedules.ts ensures: copies the Redis
// usage counters to Postgres (tenant_usage, kind 'daily'), the record counters are rebuilt from.

const { snapshotUsage } = proxyActivities<Pick<BillingActivities, 'snapshotUsage'>>({
  startToCloseTimeout: '30 minutes',
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes', maximumAttempts: 10 },
});

/** One run of the daily snapshot, dated by the workflow's start, so a retry rewrites the same day's rows. */
export async function dailyUsageSnapshot(): Promise<Awaited<ReturnType<BillingActivities['snapshotUsage']>>> {
  return snapshotUsage({ at: Date.now() });
}
