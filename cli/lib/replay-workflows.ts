import type { Client } from '@temporalio/client';
import type { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { bundleWorkflows } from '../../workers/create-worker.js';
import { WORKFLOW_TYPE } from '../../workflows/messages.js';

// Replays the recorded histories of live lifecycle workflows against the current workflow code: a
// change that would break running workflows (non-determinism) shows up here, before it is deployed.

export interface ReplayTarget { workflowId: string; runId: string; status: string }
export interface ReplayOutcome extends ReplayTarget { ok: boolean; error?: string; errorType?: string }

/** The visibility query: lifecycle workflows only, narrowed by the operator's own query. */
export function replayQuery(extra: string | undefined): string {
  const base = `WorkflowType='${WORKFLOW_TYPE}'`;
  return extra && extra.trim() !== '' ? `${base} AND (${extra})` : base;
}

/** Lists up to `limit` workflow runs matching the query (newest first, as visibility returns them). */
export async function listReplayTargets(client: Client, query: string, limit: number): Promise<ReplayTarget[]> {
  const targets: ReplayTarget[] = [];
  for await (const wf of client.workflow.list({ query, pageSize: Math.min(limit, 100) })) {
    if (targets.length >= limit) break;
    targets.push({ workflowId: wf.workflowId, runId: wf.runId, status: wf.status.name });
  }
  return targets;
}

/** Downloads each history and replays it; yields one outcome per run, in order. */
export async function* replayTargets(client: Client, targets: ReplayTarget[]): AsyncGenerator<ReplayOutcome> {
  if (targets.length === 0) return;
  let current: ReplayTarget | null = null;
  async function* histories(): AsyncGenerator<{ workflowId: string; history: temporal.api.history.v1.IHistory }> {
    for (const t of targets) {
      current = t;
      yield { workflowId: t.workflowId, history: await client.workflow.getHandle(t.workflowId, t.runId).fetchHistory() };
    }
  }
  const workflowBundle = await bundleWorkflows();
  for await (const result of Worker.runReplayHistories({ workflowBundle, replayName: 'tenure-replay-check' }, histories())) {
    const target = current as ReplayTarget | null;
    if (!target) continue;
    yield result.error
      ? { ...target, ok: false, error: result.error.message, errorType: result.error.name }
      : { ...target, ok: true };
  }
}
