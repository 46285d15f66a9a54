import { WithStartWorkflowOperation, type Client, WorkflowNotFoundError } from '@temporalio/client';
import { SearchAttributeType, TypedSearchAttributes, defineSearchAttributeKey } from '@temporalio/common';
import type { TenantState } from '../../domain/lifecycle/index.js';
import { registerUpdate, stateQuery, WORKFLOW_TYPE, workflowIdOf, type RegisterInput, type TenantLifecycleArgs } from '../../workflows/messages.js';

const TENANT_ID = defineSearchAttributeKey('TenantId', SearchAttributeType.KEYWORD);

/** Starts the tenant's lifecycle if needed (update-with-start, USE_EXISTING) and returns its state once persisted. */
export async function startLifecycle(client: Client, taskQueue: string, args: TenantLifecycleArgs, input: RegisterInput): Promise<TenantState> {
  const startWorkflowOperation = new WithStartWorkflowOperation(WORKFLOW_TYPE, {
    workflowId: workflowIdOf(args.tenantId),
    taskQueue,
    args: [args],
    workflowIdConflictPolicy: 'USE_EXISTING',
    typedSearchAttributes: new TypedSearchAttributes([{ key: TENANT_ID, value: args.tenantId }]),
  });
  return client.workflow.executeUpdateWithStart(registerUpdate, { args: [input], startWorkflowOperation });
}

/** Queries the live workflow state, or null when the tenant has no workflow. */
export async function queryLifecycleState(client: Client, tenantId: string): Promise<TenantState | null> {
  try {
    return await client.workflow.getHandle(workflowIdOf(tenantId)).query(stateQuery);
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return null;
    throw err;
  }
}
