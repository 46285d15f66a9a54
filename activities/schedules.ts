import { syncPlansFromStripe } from '../services/plans/sync-plans.js';
import { snapshotUsage } from '../services/usage/snapshot-usage.js';
import type { ActivityDeps } from './deps.js';
import { toActivity } from './to-activity.js';

/** The activities of the scheduled workflows: the daily usage snapshot and the Stripe plan sync. */
export function scheduledActivities(deps: ActivityDeps) {
  return {
    snapshotUsage: toActivity(snapshotUsage(deps)),
    syncPlansFromStripe: toActivity(() => syncPlansFromStripe(deps)),
  };
}
