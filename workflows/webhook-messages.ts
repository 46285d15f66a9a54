import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';

// The messages of an endpoint's delivery workflow (workflows/webhook-delivery.ts). Clients (the
// API, the worker's outbox relay, the CLI, tests) import these constants.

export const WEBHOOK_WORKFLOW_TYPE = 'webhookEndpointDelivery';
export const webhookWorkflowIdOf = (endpointId: string): string => `webhook-endpoint:${endpointId}`;

/** The schedule and timings, from config (WEBHOOK_*), given when the workflow starts. */
export interface WebhookDeliverySettings {
  retryInitialMs: number;
  retryMaxIntervalMs: number;
  retryWindowMs: number;
  timeoutMs: number;
  pollIntervalMs: number;
}

/** A replay in progress: the events after `afterSeq`, up to `untilSeq`, are sent again. */
export interface ReplayProgress { afterSeq: number; untilSeq: number; sent: number; since: string }

export interface WebhookDeliveryArgs {
  endpointId: string;
  settings: WebhookDeliverySettings;
  /** Set by continue-as-new: the replays not finished yet. */
  replays?: ReplayProgress[];
}

/** What the state query answers. */
/** `replays`: queued or running, first is running; `finished`: the last few done in this run. */
export interface WebhookDeliveryState { endpointId: string; replays: ReplayProgress[]; finished: ReplayProgress[]; delivered: number }

export interface ReplayInput { since: string }
export interface ReplayAccepted { queued: boolean; fromSeq: number | null; untilSeq: number | null }

/** New events may be waiting: look now rather than at the next poll. */
export const webhookEventsSignal = defineSignal('webhookEvents');
/** Sends the stored events recorded since `since` again, after the ones being delivered. */
export const replayWebhookEventsUpdate = defineUpdate<ReplayAccepted, [ReplayInput]>('replayWebhookEvents');
export const webhookDeliveryStateQuery = defineQuery<WebhookDeliveryState>('webhookDeliveryState');
