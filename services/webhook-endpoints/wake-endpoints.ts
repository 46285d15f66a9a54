import type { Logger } from '../../config/logger.js';
import type { Db } from '../../db/client.js';
import { listWebhookEndpoints } from '../../db/queries/webhook-endpoints.js';
import { wakeDeliveryWorkflows, type WorkflowDeps } from './delivery-workflows.js';

// The worker's waker: after the outbox relay publishes a batch (and once at start-up) it wakes the
// workflow of every enabled endpoint, starting those that do not run. Calls that arrive while a wake
// is under way fold into one more wake after it, so a burst of batches costs two rounds, not one each.

export type EndpointWaker = () => void;

export function createEndpointWaker(deps: WorkflowDeps & { db: Db; log: Pick<Logger, 'warn'> }): { wake: EndpointWaker; idle(): Promise<void> } {
  let running: Promise<void> | null = null;
  let again = false;
  const round = async (): Promise<void> => {
    try {
      const endpoints = await listWebhookEndpoints(deps.db, { enabledOnly: true });
      await wakeDeliveryWorkflows(deps, endpoints.map((e) => e.id));
    } catch (err) {
      deps.log.warn({ err }, 'webhook endpoints not woken; their workflows poll anyway');
    }
  };
  const wake = (): void => {
    if (running) { again = true; return; }
    running = (async () => {
      do { again = false; await round(); } while (again);
      running = null;
    })();
  };
  return { wake, idle: async () => { await running; } };
}
