import { advanceWebhookCursor, billingEventsAfter, findWebhookEndpoint } from '../../db/queries/webhook-endpoints.js';
import { endpointWants } from '../../domain/webhooks/event-filter.js';
import type { Config } from '../../config/config.js';
import type { Db } from '../../db/client.js';
import type { NextWebhookEventsInput, WebhookBatch } from '../../workflows/activity-contract.js';

// The next events an endpoint's workflow delivers: read after its cursor (or a replay's position) in
// seq order. Rows younger than WEBHOOK_SETTLE_LAG wait: a row's seq is taken before its insert
// commits, so a younger row with a lower seq could still appear, and the cursor must not pass it.

export const WEBHOOK_BATCH_SIZE = 100;

export interface NextEventsDeps { db: Db; config: Pick<Config, 'webhooks'> }

export async function nextWebhookEvents(deps: NextEventsDeps, input: NextWebhookEventsInput): Promise<WebhookBatch> {
  const endpoint = await findWebhookEndpoint(deps.db, input.endpointId);
  if (!endpoint) return { endpoint: 'gone', events: [], scannedTo: null, waitMs: null };
  if (!endpoint.enabled) return { endpoint: 'disabled', events: [], scannedTo: null, waitMs: null };
  const lag = deps.config.webhooks.settleLagMs;
  const afterSeq = input.replay?.afterSeq ?? endpoint.cursorSeq;
  // A replay reads rows the cursor has passed already: they are settled.
  const settledBefore = input.replay ? undefined : new Date(Date.now() - lag);
  const rows = await billingEventsAfter(deps.db, { afterSeq, untilSeq: input.replay?.untilSeq, settledBefore, limit: WEBHOOK_BATCH_SIZE });
  const scannedTo = rows.length > 0 ? rows[rows.length - 1]!.seq : null;
  const events = rows.filter((r) => endpointWants(endpoint.events, r.type)).map((r) => ({ seq: r.seq, id: r.id }));
  // Nothing here for this endpoint: move its cursor past what was read, so it is not read again.
  if (!input.replay && events.length === 0 && scannedTo !== null) await advanceWebhookCursor(deps.db, endpoint.id, scannedTo);
  const waitMs = scannedTo === null && !input.replay && (await hasUnsettled(deps.db, afterSeq)) ? lag : null;
  return { endpoint: 'enabled', events, scannedTo, waitMs };
}

async function hasUnsettled(db: Db, afterSeq: number): Promise<boolean> {
  return (await billingEventsAfter(db, { afterSeq, limit: 1 })).length > 0;
}
