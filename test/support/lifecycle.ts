import type { TenantState } from '../../domain/lifecycle/index.js';
import { stateQuery, workflowIdOf } from '../../workflows/messages.js';
import type { TestStack } from './stack.js';
import { bearer, signToken } from './tokens.js';
import { eventually } from './wait.js';

/** Registers a tenant through the API (which starts its workflow) and returns its first state. */
export async function registerTenant(stack: TestStack, tenantId: string): Promise<void> {
  const token = signToken(stack.config.auth.jwtSecret, { sub: 'svc-test', roles: ['service'] });
  const res = await stack.app.inject({ method: 'POST', url: '/tenants', headers: bearer(token), payload: { tenantId, email: `${tenantId}@example.com` } });
  if (res.statusCode !== 201) throw new Error(`registering ${tenantId} failed: ${res.statusCode} ${res.body}`);
}

/** Queries the live workflow state. */
export function workflowState(stack: TestStack, tenantId: string): Promise<TenantState> {
  return stack.deps.temporal.workflow.getHandle(workflowIdOf(tenantId)).query(stateQuery);
}

/** Waits until the workflow state satisfies the predicate. */
export function stateWhere(stack: TestStack, tenantId: string, pred: (s: TenantState) => boolean, what: string, timeoutMs = 20_000): Promise<TenantState> {
  return eventually(async () => { const s = await workflowState(stack, tenantId); return pred(s) ? s : undefined; }, what, timeoutMs);
}

/** Counts a signal across every run of the tenant's workflow, following the continue-as-new chain back. */
export async function countSignals(stack: TestStack, tenantId: string, signalName: string): Promise<number> {
  let runId: string | undefined;
  let total = 0;
  for (let guard = 0; guard < 100; guard++) {
    const history = await stack.deps.temporal.workflow.getHandle(workflowIdOf(tenantId), runId).fetchHistory();
    total += history.events!.filter((e) => e.workflowExecutionSignaledEventAttributes?.signalName === signalName).length;
    runId = history.events![0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId ?? undefined;
    if (!runId) return total;
  }
  throw new Error('continue-as-new chain longer than 100 runs');
}
