import { listEndpoints } from '../../services/webhook-endpoints/manage-endpoints.js';
import { deliveryState, replayEndpointEvents } from '../../services/webhook-endpoints/replay-events.js';
import type { ReplayProgress } from '../../workflows/webhook-messages.js';
import { JSON_OPTION, UsageError, flag, reqString, type CommandSpec } from '../command.js';
import type { CliContext } from '../context.js';
import { formatTable, printJson, shortDate } from '../io.js';

// `tenure webhooks list|replay`: the outbound webhook endpoints (docs/webhooks.md), through the same
// use cases as /admin/webhook-endpoints and the endpoint's delivery workflow.

export const webhooksList: CommandSpec = {
  path: ['webhooks', 'list'],
  summary: 'List the webhook endpoints: id, URL, events, enabled.',
  options: { ...JSON_OPTION },
  async run(ctx, input) {
    const endpoints = await listEndpoints({ db: ctx.db() });
    if (flag(input, 'json')) return printJson(ctx, { endpoints });
    ctx.out(formatTable(['ID', 'URL', 'EVENTS', 'ENABLED', 'CREATED'], endpoints.map((e) => [e.id, e.url, e.events.join(','), e.enabled ? 'yes' : `no (${e.disabledReason ?? ''})`, shortDate(e.createdAt)])));
    ctx.err(`${endpoints.length} endpoint(s)`);
  },
};

const replayPath = ['webhooks', 'replay'];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls the workflow until the replay of `since` is no longer queued, printing how far it got. */
async function followReplay(ctx: CliContext, endpointId: string, range: { fromSeq: number; untilSeq: number }, since: string): Promise<number> {
  const temporal = await ctx.temporal();
  const span = range.untilSeq - range.fromSeq + 1;
  let last: ReplayProgress | null = null;
  for (;;) {
    const state = await deliveryState({ temporal }, endpointId);
    const same = (r: ReplayProgress) => r.since === since && r.untilSeq === range.untilSeq;
    const done = state.finished.find(same);
    if (done) { last = done; break; }
    const mine = state.replays.find(same) ?? null;
    if (!mine) break;
    if (mine.afterSeq !== last?.afterSeq) ctx.err(`replay: ${Math.floor(((mine.afterSeq - range.fromSeq + 1) / span) * 100)}% of the range read, ${mine.sent} event(s) sent`);
    last = mine;
    await sleep(1000);
  }
  ctx.err('replay: done');
  return last?.sent ?? 0;
}

export const webhooksReplay: CommandSpec = {
  path: replayPath,
  summary: 'Send the stored events recorded since a time to an endpoint again (same ids, signed anew).',
  options: {
    endpoint: { type: 'string', value: 'id', description: 'the endpoint (tenure webhooks list) (required)' },
    since: { type: 'string', value: 'time', description: 'ISO-8601 time: events recorded at or after it are sent again (required)' },
    ...JSON_OPTION,
  },
  details: 'The endpoint\'s workflow sends them in order after what it is delivering, with the usual retries, and only the types the endpoint subscribes to.\nExample: tenure webhooks replay --endpoint we_0123... --since 2026-12-01T00:00:00Z',
  async run(ctx, input) {
    const endpointId = reqString(input, 'endpoint', replayPath);
    const sinceText = reqString(input, 'since', replayPath);
    if (Number.isNaN(Date.parse(sinceText))) throw new UsageError(`--since must be an ISO-8601 time, got '${sinceText}'`, replayPath);
    const since = new Date(sinceText);
    const accepted = await replayEndpointEvents({ db: ctx.db(), temporal: await ctx.temporal(), config: ctx.config }, endpointId, since);
    if (!accepted.queued || accepted.fromSeq === null || accepted.untilSeq === null) {
      if (flag(input, 'json')) return printJson(ctx, { queued: false, sent: 0 });
      ctx.out(`no events recorded since ${since.toISOString()}`);
      return;
    }
    const sent = await followReplay(ctx, endpointId, { fromSeq: accepted.fromSeq, untilSeq: accepted.untilSeq }, since.toISOString());
    if (flag(input, 'json')) return printJson(ctx, { queued: true, fromSeq: accepted.fromSeq, untilSeq: accepted.untilSeq, sent });
    ctx.out(`replayed events ${accepted.fromSeq}..${accepted.untilSeq} to ${endpointId}: ${sent} sent`);
  },
};

export const WEBHOOKS: CommandSpec[] = [webhooksList, webhooksReplay];
