import { replayStoredEvent } from '../../services/webhooks/replay-stored-event.js';
import { JSON_OPTION, flag, type CommandSpec } from '../command.js';
import { printJson } from '../io.js';

// `tenure stripe replay <eventId>`: re-forwards one event stored in the webhook inbox
// (stripe_events), through the same use case as the webhook, and prints what became of it.

export const stripeReplay: CommandSpec = {
  path: ['stripe', 'replay'],
  summary: 'Re-forward one stored Stripe event (an orphan whose customer is now known, say) to its tenant.',
  args: ['eventId'],
  options: { ...JSON_OPTION },
  details: `
Reads the event from stripe_events (it is not fetched from Stripe), resolves its tenant again and
signals the tenant's lifecycle; the lifecycle ignores event ids it has already applied. Prints the
outcome: forwarded, orphan (still no tenant), or ignored (with the reason). Exit code 1 when the
event is not stored or a dependency is down. Example:
  tenure stripe replay evt_1PqR...`,
  async run(ctx, input) {
    const temporal = await ctx.temporal();
    const result = await replayStoredEvent({ db: ctx.db(), stripe: ctx.stripe(), temporal, config: ctx.config, log: ctx.log }, input.positionals[0]!);
    if (flag(input, 'json')) return printJson(ctx, result);
    const detail = result.tenantId ? ` (tenant ${result.tenantId})` : '';
    ctx.out(`${result.eventId} ${result.type} -> ${result.outcome}${result.reason ? `: ${result.reason}` : ''}${detail}; was ${result.previousStatus}`);
  },
};
