import { log, proxyActivities } from '@temporalio/workflow';
import type { BillingActivities, ReconcilePageResult } from './activity-contract.js';

// Started daily by the Temporal Schedule that workers/schedules.ts ensures (STRIPE_RECONCILE_CRON):
// pages through the subscribed tenants; each page's activity reads their subscriptions from Stripe at
// STRIPE_RECONCILE_RATE and feeds any difference to the lifecycle as the missed webhook would have.

const { reconcileStripeSubscriptions } = proxyActivities<Pick<BillingActivities, 'reconcileStripeSubscriptions'>>({
  // A page of 50 at the slowest allowed rate takes under a minute; an outage is retried with backoff.
  startToCloseTimeout: '10 minutes',
  retry: { initialInterval: '30 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes', maximumAttempts: 10 },
});

export interface ReconcileSummary { checked: number; differences: number; signalled: number; failures: number; pages: number }

/** One run of the drift repair over every subscribed tenant, a page at a time. */
export async function reconcileStripeSubscriptionsRun(): Promise<ReconcileSummary> {
  const summary: ReconcileSummary = { checked: 0, differences: 0, signalled: 0, failures: 0, pages: 0 };
  let afterTenantId: string | null = null;
  do {
    const page: ReconcilePageResult = await reconcileStripeSubscriptions({ afterTenantId });
    summary.pages++;
    summary.checked += page.checked;
    summary.differences += page.differences.length;
    summary.signalled += page.differences.filter((d) => d.action === 'signalled').length;
    summary.failures += page.failures.length;
    afterTenantId = page.nextTenantId;
  } while (afterTenantId !== null);
  log.info('stripe reconcile finished', { ...summary });
  return summary;
}
