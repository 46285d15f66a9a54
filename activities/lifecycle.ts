import { syncEnforcement } from '../services/enforcement/write-enforcement.js';
import { publishEvents } from '../services/events/publish-events.js';
import { persistProjection } from '../services/tenants/persist-projection.js';
import { resetUsage } from '../services/usage/reset-usage.js';
import type { ActivityDeps } from './deps.js';
import { toActivity } from './to-activity.js';

/** The side effects of the lifecycle reducer's commands: projection, enforcement, events, period reset. */
export function lifecycleActivities(deps: ActivityDeps) {
  return {
    persistProjection: toActivity(persistProjection(deps)),
    publishEvents: toActivity(publishEvents(deps)),
    syncEnforcement: toActivity(syncEnforcement(deps)),
    resetUsage: toActivity(resetUsage(deps)),
  };
}
