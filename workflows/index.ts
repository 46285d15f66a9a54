// The workflow bundle's entry: every workflow type the billing worker runs.
export { tenantLifecycle } from './tenant-lifecycle.js';
export { dailyUsageSnapshot } from './usage-snapshot.js';
export { syncPlanCatalog } from './plan-sync.js';
export { webhookEndpointDelivery } from './webhook-delivery.js';
export { reconcileStripeSubscriptionsRun } from './stripe-reconcile.js';
export { planMigration } from './plan-migration.js';
