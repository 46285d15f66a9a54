import { DefaultLogger, Runtime } from '@temporalio/worker';
import { JSON_OPTION, flag, optInt, optString, type CommandSpec } from '../command.js';
import type { CliContext } from '../context.js';
import { printJson } from '../io.js';
import { listReplayTargets, replayQuery, replayTargets, type ReplayOutcome } from '../lib/replay-workflows.js';

// `tenure replay-check`: replays real histories from the Temporal server against the current code.

const path = ['replay-check'];

/** The SDK runtime, once per process: quiet unless --verbose, and never on stdout. */
function installRuntime(ctx: CliContext, verbose: boolean): void {
  Runtime.install({
    logger: new DefaultLogger(verbose ? 'WARN' : 'ERROR', (e) => { if (verbose) ctx.err(`[temporal ${e.level}] ${e.message}`); }),
    // Core's own logs would otherwise go straight to the console, mixed into the results on stdout.
    telemetryOptions: { logging: { filter: { core: verbose ? 'WARN' : 'ERROR' }, forward: {} } },
  });
}

export const replayCheck: CommandSpec = {
  path,
  summary: 'Replay the histories of lifecycle workflows from Temporal against the current workflow code.',
  options: {
    limit: { type: 'string', value: 'n', description: 'how many workflow runs to check (default 50)' },
    query: { type: 'string', value: 'visibility query', description: `narrows the runs, e.g. "ExecutionStatus='Running'" or "TenantId='acme'"` },
    verbose: { type: 'boolean', description: "show the SDK's replay warnings on stderr" },
    ...JSON_OPTION,
  },
  details: `
The query always includes WorkflowType='tenantLifecycle'. Exit code 1 if any run fails to replay
(a non-determinism error means the current code would break that running workflow: put the change
behind patched() or deploy it with worker versioning), 0 otherwise, also when no run matched.`,
  async run(ctx, input) {
    const limit = optInt(input, 'limit', 50, path, 1);
    const query = replayQuery(optString(input, 'query'));
    const client = await ctx.temporal();
    const targets = await listReplayTargets(client, query, limit);
    if (!flag(input, 'json')) ctx.err(`replaying ${targets.length} run(s) matching: ${query}`);
    installRuntime(ctx, flag(input, 'verbose'));
    const outcomes: ReplayOutcome[] = [];
    for await (const o of replayTargets(client, targets)) {
      outcomes.push(o);
      if (!flag(input, 'json')) ctx.out(`${o.ok ? 'ok  ' : 'FAIL'}  ${o.workflowId}  run ${o.runId}  (${o.status.toLowerCase()})${o.ok ? '' : `\n      ${o.errorType}: ${o.error}`}`);
    }
    const failed = outcomes.filter((o) => !o.ok).length;
    if (flag(input, 'json')) printJson(ctx, { query, checked: outcomes.length, failed, outcomes });
    else ctx.out(`${outcomes.length} run(s) replayed, ${failed} failed`);
    return failed > 0 ? 1 : 0;
  },
};
