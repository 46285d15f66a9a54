import type { ActivityDeps } from './deps.js';
import { lifecycleActivities } from './lifecycle.js';
import { scheduledActivities } from './schedules.js';
import { stripeActivities } from './stripe.js';

/** Builds every activity around its dependencies; the worker registers the result. */
export function createActivities(deps: ActivityDeps) {
  return { ...stripeActivities(deps), ...lifecycleActivities(deps), ...scheduledActivities(deps) };
}

export type Activities = ReturnType<typeof createActivities>;
export type { ActivityDeps };
