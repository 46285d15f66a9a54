import { seqRangeSince } from '../../db/queries/webhook-endpoints.js';
import type { Db } from '../../db/client.js';
import { TenureError } from '../../domain/errors.js';
import { replayWebhookEventsUpdate, webhookDeliveryStateQuery, webhookWorkflowIdOf, type ReplayAccepted, type WebhookDeliveryState } from '../../workflows/webhook-messages.js';
import type { ServiceDeps } from '../deps.js';
import { wakeDeliveryWorkflow, type WorkflowDeps } from './delivery-workflows.js';
import { findWebhookEndpoint } from '../../db/queries/webhook-endpoints.js';

// Replays (tenure webhooks replay): the endpoint's workflow sends the stored events recorded since a
// time again, after what it is delivering, through the same signing and retries.

/** The seq range a replay since `since` covers (the activity behind the workflow's update). */
export async function webhookReplayRange(deps: { db: Db }, input: { since: string }): Promise<{ fromSeq: number; untilSeq: number } | null> {
  const range = await seqRangeSince(deps.db, new Date(input.since));
  return range ? { fromSeq: range.fromSeq, untilSeq: range.toSeq } : null;
}

/** Queues a replay in the endpoint's workflow (starting it if needed). */
export async function replayEndpointEvents(deps: WorkflowDeps & Pick<ServiceDeps, 'db'>, endpointId: string, since: Date): Promise<ReplayAccepted> {
  const endpoint = await findWebhookEndpoint(deps.db, endpointId);
  if (!endpoint) throw new TenureError('NOT_FOUND', `webhook endpoint ${endpointId} not found`);
  if (!endpoint.enabled) throw new TenureError('CONFLICT', `webhook endpoint ${endpointId} is disabled: enable it first`);
  await wakeDeliveryWorkflow(deps, endpointId);
  return deps.temporal.workflow.getHandle(webhookWorkflowIdOf(endpointId)).executeUpdate(replayWebhookEventsUpdate, { args: [{ since: since.toISOString() }] });
}

/** The workflow's replays in progress and its count of deliveries in this run. */
export async function deliveryState(deps: Pick<ServiceDeps, 'temporal'>, endpointId: string): Promise<WebhookDeliveryState> {
  return deps.temporal.workflow.getHandle(webhookWorkflowIdOf(endpointId)).query(webhookDeliveryStateQuery);
}
