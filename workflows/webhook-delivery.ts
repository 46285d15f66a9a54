import {
  ActivityFailure, allHandlersFinished, condition, continueAsNew, proxyActivities, setHandler, workflowInfo,
} from '@temporalio/workflow';
import type { WebhookActivities, WebhookBatch, WebhookEventRef } from './activity-contract.js';
import {
  replayWebhookEventsUpdate, webhookDeliveryStateQuery, webhookEventsSignal,
  type ReplayProgress, type WebhookDeliveryArgs, type WebhookDeliverySettings,
} from './webhook-messages.js';

// One workflow per webhook endpoint (id `webhook-endpoint:<id>`): it walks billing_events in seq order
// from the endpoint's cursor and delivers each event the endpoint subscribes to, one at a time, so
// every tenant's events arrive in the order they were recorded. A delivery is one activity whose
// retry policy is the endpoint's schedule (WEBHOOK_RETRY_*); when its window runs out the endpoint is
// disabled and the workflow ends. The cursor lives in Postgres and moves only after a delivery, so a
// crash re-sends at most the event in flight, with the same webhook-id.

const reads = proxyActivities<Pick<WebhookActivities, 'nextWebhookEvents' | 'disableWebhookEndpoint' | 'webhookReplayRange'>>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** The delivery activity, retried on the endpoint's schedule until the window closes. */
function deliveryActivity(s: WebhookDeliverySettings) {
  return proxyActivities<Pick<WebhookActivities, 'deliverWebhookEvent'>>({
    // The receiver's time to answer, plus the time to resolve its host and record the attempt.
    startToCloseTimeout: s.timeoutMs + 10_000,
    scheduleToCloseTimeout: s.retryWindowMs,
    retry: { initialInterval: s.retryInitialMs, backoffCoefficient: 2, maximumInterval: s.retryMaxIntervalMs },
  }).deliverWebhookEvent;
}

export async function webhookEndpointDelivery(args: WebhookDeliveryArgs): Promise<{ stopped: 'disabled' | 'gone' }> {
  const { endpointId, settings } = args;
  const replays: ReplayProgress[] = args.replays ?? [];
  let woken = false;
  let delivered = 0;
  /** The last replays finished in this run, newest last (what `tenure webhooks replay` reports). */
  const finished: ReplayProgress[] = [];
  setHandler(webhookEventsSignal, () => { woken = true; });
  setHandler(webhookDeliveryStateQuery, () => ({ endpointId, replays, finished, delivered }));
  setHandler(replayWebhookEventsUpdate, async ({ since }) => {
    const range = await reads.webhookReplayRange({ endpointId, since });
    if (range === null) return { queued: false, fromSeq: null, untilSeq: null };
    replays.push({ afterSeq: range.fromSeq - 1, untilSeq: range.untilSeq, sent: 0, since });
    woken = true;
    return { queued: true, ...range };
  }, { validator: ({ since }) => { if (typeof since !== 'string' || Number.isNaN(Date.parse(since))) throw new Error('since must be an ISO-8601 time'); } });

  const deliver = deliveryActivity(settings);
  /** Delivers the batch in order; false when the endpoint stopped (disabled, or deleted). */
  async function deliverAll(events: WebhookEventRef[], replay: ReplayProgress | null): Promise<boolean> {
    for (const event of events) {
      try {
        const { outcome } = await deliver({ endpointId, event, replay: replay !== null });
        if (outcome === 'endpoint_gone') return false;
      } catch (err) {
        if (!(err instanceof ActivityFailure)) throw err;
        await reads.disableWebhookEndpoint({ endpointId, eventId: event.id });
        return false;
      }
      delivered += 1;
      if (replay) { replay.afterSeq = event.seq; replay.sent += 1; }
    }
    return true;
  }

  for (;;) {
    const replay = replays[0] ?? null;
    // Cleared before reading, so a signal that arrives while this batch is delivered is not lost.
    woken = false;
    const batch: WebhookBatch = await reads.nextWebhookEvents(replay ? { endpointId, replay: { afterSeq: replay.afterSeq, untilSeq: replay.untilSeq } } : { endpointId });
    if (batch.endpoint !== 'enabled') return { stopped: batch.endpoint === 'gone' ? 'gone' : 'disabled' };
    if (!(await deliverAll(batch.events, replay))) return { stopped: 'disabled' };
    if (replay) {
      if (batch.scannedTo === null || batch.scannedTo >= replay.untilSeq) {
        finished.push(replays.shift()!);
        if (finished.length > 5) finished.shift();
      } else {
        replay.afterSeq = batch.scannedTo;
      }
    } else if (batch.scannedTo === null) {
      await condition(() => woken, batch.waitMs ?? settings.pollIntervalMs);
    }
    if (workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof webhookEndpointDelivery>({ endpointId, settings, replays });
    }
  }
}
