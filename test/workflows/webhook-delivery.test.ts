import { describe, expect, it } from 'vitest';
import { endpointWants } from '../../domain/webhooks/event-filter.js';
import { attemptOffsetsMs } from '../../domain/webhooks/retry-schedule.js';
import type { WebhookActivities } from '../../workflows/activity-contract.js';
import { webhookEndpointDelivery } from '../../workflows/webhook-delivery.js';
import { replayWebhookEventsUpdate, webhookDeliveryStateQuery, webhookEventsSignal, webhookWorkflowIdOf, type WebhookDeliverySettings } from '../../workflows/webhook-messages.js';
import { DAY, useTimeSkipping, workerFor } from '../support/time-skipping.js';

// The endpoint delivery workflow on the time-skipping server, with its activities over an in-memory
// store: order, filtering, the cursor, the 3-day retry window and disabling, and replays.

const suite = useTimeSkipping();
const DEFAULTS: WebhookDeliverySettings = { retryInitialMs: 5_000, retryMaxIntervalMs: 3_600_000, retryWindowMs: 3 * DAY, timeoutMs: 10_000, pollIntervalMs: 30_000 };

interface StoredRow { seq: number; id: string; type: string; recordedAt: number }

/** billing_events and one endpoint, in memory, with the activities' rules (services/webhook-endpoints). */
function fakeStore(events: string[], accept: (id: string, attempt: number) => boolean) {
  const rows: StoredRow[] = events.map((type, i) => ({ seq: i + 1, id: `t1:${type}:${i + 1}`, type, recordedAt: 0 }));
  const endpoint = { enabled: true, events: ['payment.failed', 'trial.ending_soon'], cursor: 0 };
  const sent: { id: string; replay: boolean }[] = [];
  const attempts = new Map<string, number>();
  const disabled: string[] = [];
  const activities: WebhookActivities = {
    async nextWebhookEvents(input) {
      if (!endpoint.enabled) return { endpoint: 'disabled', events: [], scannedTo: null, waitMs: null };
      const after = input.replay?.afterSeq ?? endpoint.cursor;
      const read = rows.filter((r) => r.seq > after && r.seq <= (input.replay?.untilSeq ?? Infinity)).slice(0, 2);
      const scannedTo = read.at(-1)?.seq ?? null;
      const wanted = read.filter((r) => endpointWants(endpoint.events, r.type)).map((r) => ({ seq: r.seq, id: r.id }));
      if (!input.replay && wanted.length === 0 && scannedTo !== null) endpoint.cursor = scannedTo;
      return { endpoint: 'enabled', events: wanted, scannedTo, waitMs: null };
    },
    async deliverWebhookEvent(input) {
      if (!input.replay && endpoint.cursor >= input.event.seq) return { outcome: 'already_delivered' };
      const n = (attempts.get(input.event.id) ?? 0) + 1;
      attempts.set(input.event.id, n);
      sent.push({ id: input.event.id, replay: input.replay });
      if (!accept(input.event.id, n)) throw new Error('HTTP 500');
      if (!input.replay) endpoint.cursor = Math.max(endpoint.cursor, input.event.seq);
      return { outcome: 'delivered' };
    },
    async disableWebhookEndpoint(input) { endpoint.enabled = false; disabled.push(input.eventId); return { disabled: true }; },
    async webhookReplayRange() { return rows.length === 0 ? null : { fromSeq: rows[0]!.seq, untilSeq: rows.at(-1)!.seq }; },
  };
  return { rows, endpoint, sent, attempts, disabled, activities };
}

describe('webhook endpoint delivery workflow', () => {
  it('delivers the subscribed events in order, retrying one until it is accepted, and moves the cursor past the rest', async () => {
    const store = fakeStore(['tenant.created', 'payment.failed', 'usage.threshold_crossed', 'trial.ending_soon', 'tenant.locked'], (id, n) => !id.endsWith(':2') || n >= 3);
    const worker = await workerFor(suite.env, 'hooks-order', store.activities, suite.bundle);
    await worker.runUntil(async () => {
      const handle = await suite.env.client.workflow.start(webhookEndpointDelivery, { workflowId: webhookWorkflowIdOf('we-order'), taskQueue: 'hooks-order', args: [{ endpointId: 'we-order', settings: DEFAULTS }] });
      while (store.endpoint.cursor < 5) await suite.env.sleep(10_000);
      expect(store.sent.map((s) => s.id)).toEqual(['t1:payment.failed:2', 't1:payment.failed:2', 't1:payment.failed:2', 't1:trial.ending_soon:4']);
      // New events are picked up when the workflow is woken.
      store.rows.push({ seq: 6, id: 't1:payment.failed:6', type: 'payment.failed', recordedAt: 0 });
      await handle.signal(webhookEventsSignal);
      while (store.endpoint.cursor < 6) await suite.env.sleep(1_000);
      expect(store.sent.at(-1)!.id).toBe('t1:payment.failed:6');
      await handle.terminate('scenario finished');
    });
  });

  it('disables the endpoint after 3 days of failures, having tried on the schedule, and stops', async () => {
    const store = fakeStore(['payment.failed', 'trial.ending_soon'], () => false);
    const worker = await workerFor(suite.env, 'hooks-down', store.activities, suite.bundle);
    await worker.runUntil(async () => {
      const handle = await suite.env.client.workflow.start(webhookEndpointDelivery, { workflowId: webhookWorkflowIdOf('we-down'), taskQueue: 'hooks-down', args: [{ endpointId: 'we-down', settings: DEFAULTS }] });
      expect(await handle.result()).toEqual({ stopped: 'disabled' });
    });
    expect(store.disabled).toEqual(['t1:payment.failed:1']);
    expect(store.endpoint.cursor).toBe(0);
    const expected = attemptOffsetsMs({ initialMs: DEFAULTS.retryInitialMs, maxIntervalMs: DEFAULTS.retryMaxIntervalMs, windowMs: DEFAULTS.retryWindowMs }).length;
    expect(Math.abs(store.attempts.get('t1:payment.failed:1')! - expected)).toBeLessThanOrEqual(1);
    expect(store.sent.some((s) => s.id === 't1:trial.ending_soon:2')).toBe(false);
  });

  it('replays the stored events since a time, after the live ones, without moving the cursor', async () => {
    const store = fakeStore(['payment.failed', 'tenant.created', 'trial.ending_soon'], () => true);
    const worker = await workerFor(suite.env, 'hooks-replay', store.activities, suite.bundle);
    await worker.runUntil(async () => {
      const handle = await suite.env.client.workflow.start(webhookEndpointDelivery, { workflowId: webhookWorkflowIdOf('we-replay'), taskQueue: 'hooks-replay', args: [{ endpointId: 'we-replay', settings: DEFAULTS }] });
      while (store.endpoint.cursor < 3) await suite.env.sleep(1_000);
      const accepted = await handle.executeUpdate(replayWebhookEventsUpdate, { args: [{ since: '2026-12-01T00:00:00Z' }] });
      expect(accepted).toEqual({ queued: true, fromSeq: 1, untilSeq: 3 });
      let state = await handle.query(webhookDeliveryStateQuery);
      while (state.finished.length === 0) { await suite.env.sleep(1_000); state = await handle.query(webhookDeliveryStateQuery); }
      expect(state.finished[0]).toMatchObject({ sent: 2, untilSeq: 3 });
      expect(store.sent).toEqual([
        { id: 't1:payment.failed:1', replay: false }, { id: 't1:trial.ending_soon:3', replay: false },
        { id: 't1:payment.failed:1', replay: true }, { id: 't1:trial.ending_soon:3', replay: true },
      ]);
      await expect(handle.executeUpdate(replayWebhookEventsUpdate, { args: [{ since: 'yesterday' }] })).rejects.toThrow();
      await handle.terminate('scenario finished');
    });
  });
});
