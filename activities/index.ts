import type { BillingActivities } from '../workflows/activity-contract.js';
import type { ActivityDeps } from './deps.js';
import { lifecycleActivities } from './lifecycle.js';
import { planMigrationActivities } from './plan-migrations.js';
import { scheduledActivities } from './schedules.js';
import { stripeActivities } from './stripe.js';
import { webhookActivities } from './webhooks.js';

/** Builds every activity around its dependencies; the worker registers the result. */
export function createActivities(deps: ActivityDeps): BillingActivities {
  return { ...stripeActivities(deps), ...lifecycleActivities(deps), ...scheduledActivities(deps), ...webhookActivities(deps), ...planMigrationActivities(deps) };
}

export type Activities = BillingActivities;
export type { ActivityDeps };
