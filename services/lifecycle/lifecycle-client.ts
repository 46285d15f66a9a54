import { WithStartWorkflowOperation, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure, TypedSearchAttributes, type UpdateDefinition } from '@temporalio/common';
import { TenureError, fromFailure } from '../../domain/errors.js';
import type { NormalizedStripeEvent, TenantState } from '../../domain/lifecycle/index.js';
import { registerUpdate, stateQuery, stripeEventSignal, WORKFLOW_TYPE, workflowIdOf, type LifecycleHealth, type RegisterInput, type TenantLifecycleArgs } from '../../workflows/messages.js';
import { SEARCH_ATTRIBUTE_KEYS } from '../../workflows/search-attribute-keys.js';
import { withTemporalDeadline, type TemporalDeps } from './temporal-call.js';

const TENANT_ID = SEARCH_ATTRIBUTE_KEYS.TenantId;

/** Starts the tenant's lifecycle if needed (update-with-start, USE_EXISTING) and returns its state once persisted. */
export async function startLifecycle(deps: TemporalDeps, args: TenantLifecycleArgs, input: RegisterInput): Promise<TenantState> {
  const startWorkflowOperation = new WithStartWorkflowOperation(WORKFLOW_TYPE, {
    workflowId: workflowIdOf(args.tenantId),
    taskQueue: deps.config.temporal.taskQueue,
    args: [args],
    workflowIdConflictPolicy: 'USE_EXISTING',
    typedSearchAttributes: new TypedSearchAttributes([{ key: TENANT_ID, value: args.tenantId }]),
  });
  return withTemporalDeadline(deps, () => deps.temporal.workflow.executeUpdateWithStart(registerUpdate, { args: [input], startWorkflowOperation }));
}

/** Queries the live workflow state, or null when the tenant has no workflow. */
export async function queryLifecycleState(deps: TemporalDeps, tenantId: string): Promise<TenantState | null> {
  try {
    return await withTemporalDeadline(deps, () => deps.temporal.workflow.getHandle(workflowIdOf(tenantId)).query(stateQuery));
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return null;
    throw err;
  }
}

/**
 * Delivers a normalized Stripe event with signal-with-start; DEPENDENCY_UNAVAILABLE if Temporal does
 * not answer within the deadline. A lifecycle that has closed (terminated, completed, failed: not continued as
 * new) is not started again as a fresh trial (REJECT_DUPLICATE): the answer is `lifecycle_ended`.
 */
export async function signalStripeEvent(deps: TemporalDeps, args: TenantLifecycleArgs, event: NormalizedStripeEvent): Promise<'signalled' | 'lifecycle_ended'> {
  try {
    await withTemporalDeadline(deps, () => deps.temporal.workflow.signalWithStart(WORKFLOW_TYPE, {
      workflowId: workflowIdOf(args.tenantId),
      taskQueue: deps.config.temporal.taskQueue,
      args: [args],
      signal: stripeEventSignal,
      signalArgs: [event],
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      typedSearchAttributes: new TypedSearchAttributes([{ key: TENANT_ID, value: args.tenantId }]),
    }));
    return 'signalled';
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return 'lifecycle_ended';
    throw err;
  }
}

/** Runs a lifecycle update and maps its refusal (validator or Stripe) to the API's error model. */
export async function runLifecycleUpdate<Args extends unknown[]>(deps: TemporalDeps, tenantId: string, update: UpdateDefinition<TenantState, Args>, args: Args): Promise<TenantState> {
  try {
    // The SDK's overloads split on empty vs non-empty argument lists; this helper serves both.
    const handle = deps.temporal.workflow.getHandle(workflowIdOf(tenantId));
    return await withTemporalDeadline(deps, () => handle.executeUpdate(update as unknown as UpdateDefinition<TenantState, [unknown]>, { args: args as unknown as [unknown] }));
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) throw fromFailure(err.cause, 'INVALID_TRANSITION');
    if (err instanceof WorkflowNotFoundError) throw await notRunning(deps, tenantId);
    throw err;
  }
}

/** Why a lifecycle takes no update: it completed, which only closing an account does; else there is none. */
async function notRunning(deps: TemporalDeps, tenantId: string): Promise<TenureError> {
  const described = await withTemporalDeadline(deps, () => deps.temporal.workflow.getHandle(workflowIdOf(tenantId)).describe()).catch(() => null);
  if (described?.status.name === 'COMPLETED') return new TenureError('TENANT_CLOSED', `tenant ${tenantId} is closed`);
  return new TenureError('TENANT_NOT_FOUND', `tenant ${tenantId} has no billing lifecycle`);
}

/** The live state of a tenant's lifecycle; TENANT_NOT_FOUND when it has none. */
export async function requireLifecycleState(deps: TemporalDeps, tenantId: string): Promise<TenantState> {
  const state = await queryLifecycleState(deps, tenantId);
  if (!state) throw new TenureError('TENANT_NOT_FOUND', `tenant ${tenantId} has no billing lifecycle`);
  return state;
}

/**
 * Runs a maintenance update of the lifecycle (reproject, repair) and returns its answer; null when
 * the tenant has no running lifecycle (none, or closed). Throws if Temporal does not answer in time.
 */
export async function maintainLifecycle(client: Client, tenantId: string, update: UpdateDefinition<LifecycleHealth, []>, deadlineMs = 30_000): Promise<LifecycleHealth | null> {
  try {
    return await client.withDeadline(Date.now() + deadlineMs, () => client.workflow.getHandle(workflowIdOf(tenantId)).executeUpdate(update));
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return null;
    throw err;
  }
}

/** The visibility query of running lifecycles, narrowed by `extra` (say `NeedsAttention IS NOT NULL`). */
export function runningLifecyclesQuery(extra?: string): string {
  const base = `WorkflowType='${WORKFLOW_TYPE}' AND ExecutionStatus='Running'`;
  return extra ? `${base} AND ${extra}` : base;
}

/** The tenant ids of running lifecycles matching the query (from their TenantId search attribute). */
export async function* listRunningTenants(client: Client, extra?: string): AsyncGenerator<string> {
  for await (const wf of client.workflow.list({ query: runningLifecyclesQuery(extra), pageSize: 100 })) {
    const tenantId = wf.typedSearchAttributes.get(TENANT_ID) ?? wf.workflowId.replace(/^tenant:/, '');
    yield tenantId;
  }
}

/** How many running lifecycles match the query (visibility is eventually consistent: a second or so behind). */
export async function countRunningTenants(client: Client, extra?: string): Promise<number> {
  return (await client.workflow.count(runningLifecyclesQuery(extra))).count;
}

/** The visibility filter of one task queue's lifecycles (a deployment's: tests share a namespace). */
export const onTaskQueue = (taskQueue: string): string => `TaskQueue='${taskQueue.replaceAll("'", "\\'")}'`;

/** How many running lifecycles of the task queue are marked NeedsAttention (the billing_lifecycle_stuck gauge). */
export function countStuckLifecycles(client: Client, taskQueue: string): Promise<number> {
  return countRunningTenants(client, `${onTaskQueue(taskQueue)} AND NeedsAttention IS NOT NULL`);
}
