import type { Config } from '../../config/config.js';
import type { Logger } from '../../config/logger.js';
import { WEBHOOK_WORKFLOW_TYPE, webhookEventsSignal, webhookWorkflowIdOf, type WebhookDeliveryArgs, type WebhookDeliverySettings } from '../../workflows/webhook-messages.js';
import type { ServiceDeps } from '../deps.js';

// Starting and waking the endpoints' delivery workflows. Both are signal-with-start on the workflow
// id `webhook-endpoint:<id>`: a workflow that runs is woken, one that does not (a new endpoint, one
// enabled again, a start that failed while Temporal was down) is started. Repeating it is harmless.

export type WorkflowDeps = Pick<ServiceDeps, 'temporal'> & { config: Pick<Config, 'webhooks' | 'temporal'> };

export const deliverySettingsOf = (config: Pick<Config, 'webhooks'>): WebhookDeliverySettings => ({
  retryInitialMs: config.webhooks.retryInitialMs, retryMaxIntervalMs: config.webhooks.retryMaxIntervalMs,
  retryWindowMs: config.webhooks.retryWindowMs, timeoutMs: config.webhooks.timeoutMs, pollIntervalMs: config.webhooks.pollIntervalMs,
});

/** Starts the endpoint's workflow unless it runs, and wakes it. */
export async function wakeDeliveryWorkflow(deps: WorkflowDeps, endpointId: string): Promise<void> {
  const args: WebhookDeliveryArgs = { endpointId, settings: deliverySettingsOf(deps.config) };
  await deps.temporal.workflow.signalWithStart(WEBHOOK_WORKFLOW_TYPE, {
    workflowId: webhookWorkflowIdOf(endpointId),
    taskQueue: deps.config.temporal.taskQueue,
    args: [args],
    signal: webhookEventsSignal,
    signalArgs: [],
  });
}

/** Wakes every given endpoint's workflow; a failure is logged (the workflow polls anyway). */
export async function wakeDeliveryWorkflows(deps: WorkflowDeps & { log: Pick<Logger, 'warn'> }, endpointIds: string[]): Promise<void> {
  const results = await Promise.allSettled(endpointIds.map((id) => wakeDeliveryWorkflow(deps, id)));
  results.forEach((r, i) => { if (r.status === 'rejected') deps.log.warn({ err: r.reason, endpointId: endpointIds[i] }, 'webhook delivery workflow not woken'); });
}
