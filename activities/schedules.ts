import { syncPlansFromStripe } from '../services/plans/sync-plans.js';
import { reconcileSubscriptionsPage, type ReconcileInput } from '../services/stripe/reconcile-subscriptions.js';
import { TenureError } from '../domain/errors.js';
import { snapshotUsage } from '../services/usage/snapshot-usage.js';
import type { ActivityDeps } from './deps.js';
import { toActivity } from './to-activity.js';

/** The activities of the scheduled workflows: the daily usage snapshot, the Stripe plan sync and the drift repair. */
export function scheduledActivities(deps: ActivityDeps) {
  return {
    snapshotUsage: toActivity(snapshotUsage(deps)),
    syncPlansFromStripe: toActivity(() => syncPlansFromStripe(deps)),
    reconcileStripeSubscriptions: toActivity((input: ReconcileInput) => {
      if (!deps.reconcile) throw new TenureError('INTERNAL', 'the worker was built without the drift repair deps (Temporal client, config)');
      return reconcileSubscriptionsPage({ db: deps.db, stripe: deps.stripe, log: deps.log, ...deps.reconcile }, input);
    }),
  };
}
