import { patched, proxyActivities } from '@temporalio/workflow';
import type { BillingActivities } from './activity-contract.js';
import type { Command, TenantState } from '../domain/lifecycle/index.js';
import type { BillingEvent } from '../domain/events.js';

const activities = proxyActivities<BillingActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** Runs recorded before this patch archived the old period (resetUsage) before switching periods (syncEnforcement). */
export const SYNC_BEFORE_RESET_PATCH = 'sync-enforcement-before-reset-usage';

// The reducer switches periods first; a history recorded before that replays in its own order.
function inRecordedOrder(commands: Command[]): Command[] {
  const reset = commands.findIndex((c) => c.type === 'resetUsage');
  const sync = commands.findIndex((c) => c.type === 'syncEnforcement');
  if (reset < 0 || sync < 0 || sync > reset || patched(SYNC_BEFORE_RESET_PATCH)) return commands;
  const legacy = [...commands];
  [legacy[sync], legacy[reset]] = [legacy[reset]!, legacy[sync]!];
  return legacy;
}

/** Executes the reducer's commands in order; consecutive events go out in one batch. */
export async function runCommands(reduced: Command[], state: TenantState): Promise<void> {
  const commands = inRecordedOrder(reduced);
  let batch: BillingEvent[] = [];
  const flush = async () => {
    if (batch.length > 0) await activities.publishEvents(batch);
    batch = [];
  };
  for (const command of commands) {
    if (command.type === 'publishEvent') { batch.push(command.event); continue; }
    await flush();
    switch (command.type) {
      case 'persistProjection': await activities.persistProjection(state); break;
      case 'syncEnforcement': await activities.syncEnforcement(state); break;
      case 'resetUsage': await activities.resetUsage({ tenantId: state.tenantId, period: command.period, nextPeriod: command.nextPeriod, limits: state.plan.limits }); break;
    }
  }
  await flush();
}
