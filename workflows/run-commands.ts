import { proxyActivities } from '@temporalio/workflow';
import type { BillingActivities } from './activity-contract.js';
import type { Command, TenantState } from '../domain/lifecycle/index.js';
import type { BillingEvent } from '../domain/events.js';

const activities = proxyActivities<BillingActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** Executes the reducer's commands in order; consecutive events go out in one batch. */
export async function runCommands(commands: Command[], state: TenantState): Promise<void> {
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
