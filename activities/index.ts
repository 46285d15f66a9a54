import type Stripe from 'stripe';
import type { ActivityDeps } from './deps.js';
import { syncEnforcement } from '../services/enforcement/write-enforcement.js';
import { publishEvents } from '../services/events/publish-events.js';
import { syncPlansActivity } from './plans/sync-plans-activity.js';
import { persistProjection } from '../services/tenants/persist-projection.js';
import { resetUsage } from '../services/usage/reset-usage.js';
import { snapshotUsage } from '../services/usage/snapshot-usage.js';
import { stripeApplyCoupon, stripeChangePrice, stripeReleaseSchedule, stripeScheduleChange, stripeSetCancelAtPeriodEnd } from '../services/stripe/subscription-changes.js';

/** Builds every activity around its dependencies; the worker registers the result. */
export function createActivities(deps: ActivityDeps & { stripe: Stripe }) {
  return {
    stripeChangePrice: stripeChangePrice(deps.stripe),
    stripeScheduleChange: stripeScheduleChange(deps.stripe),
    stripeReleaseSchedule: stripeReleaseSchedule(deps.stripe),
    stripeSetCancelAtPeriodEnd: stripeSetCancelAtPeriodEnd(deps.stripe),
    stripeApplyCoupon: stripeApplyCoupon(deps.stripe),
    persistProjection: persistProjection(deps),
    publishEvents: publishEvents(deps),
    syncEnforcement: syncEnforcement(deps),
    resetUsage: resetUsage(deps),
    snapshotUsage: snapshotUsage(deps),
    syncPlansFromStripe: syncPlansActivity(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
export type { ActivityDeps };
