import { proxyActivities } from '@temporalio/workflow';
import type { BillingActivities } from './activity-contract.js';

// Started daily by the Temporal Schedule that workers/schedules.ts ensures: syncs the plan
// catalog from Stripe Products and Prices. Stripe outages are retried for hours before giving up.

const { syncPlansFromStripe } = proxyActivities<Pick<BillingActivities, 'syncPlansFromStripe'>>({
  startToCloseTimeout: '10 minutes',
  retry: { initialInterval: '30 seconds', backoffCoefficient: 2, maximumInterval: '30 minutes', maximumAttempts: 12 },
});

/** One catalog sync; its result is the sync summary, visible in the Temporal Web UI. */
export async function syncPlanCatalog(): Promise<Awaited<ReturnType<BillingActivities['syncPlansFromStripe']>>> {
  return syncPlansFromStripe();
}
