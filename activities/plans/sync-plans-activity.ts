import { ApplicationFailure } from '@temporalio/common';
import type Stripe from 'stripe';
import type { ActivityDeps } from '../deps.js';
import { syncPlansFromStripe, type PlanSyncSummary } from '../../services/plans/sync-plans.js';

/**
 * The syncPlansFromStripe activity, for the daily syncPlanCatalog workflow. Stripe and database
 * errors are retried by Temporal; a worker built without a Stripe client fails without retrying.
 */
export function syncPlansActivity(deps: ActivityDeps & { stripe?: Stripe }) {
  return async (): Promise<PlanSyncSummary> => {
    if (!deps.stripe) throw ApplicationFailure.nonRetryable('this worker was built without a Stripe client (ActivityDeps.stripe)', 'DEPENDENCY_UNAVAILABLE');
    return syncPlansFromStripe({ db: deps.db, redis: deps.redis, stripe: deps.stripe, log: deps.log });
  };
}
