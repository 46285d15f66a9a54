import type { ActivityDeps } from './deps.js';
import { syncEnforcement } from './enforcement/sync-enforcement.js';
import { publishEvents } from './events/publish-events.js';
import { persistProjection } from './projection/persist-projection.js';
import { resetUsage } from './usage/reset-usage.js';

/** Builds every activity around its dependencies; the worker registers the result. */
export function createActivities(deps: ActivityDeps) {
  return {
    persistProjection: persistProjection(deps),
    publishEvents: publishEvents(deps),
    syncEnforcement: syncEnforcement(deps),
    resetUsage: resetUsage(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
export type { ActivityDeps };
