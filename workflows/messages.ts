import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { AdminAction, LifecycleConfig, LifecycleInput, NormalizedStripeEvent, TenantState } from '../domain/lifecycle/index.js';
import type { MetricName, PlanSnapshot } from '../domain/plans/types.js';

// The lifecycle workflow's messages. Clients (API, CLI, tests) import these constants; the
// `temporal` CLI uses the same names (see docs/operations.md).

export const WORKFLOW_TYPE = 'tenantLifecycle';
export const workflowIdOf = (tenantId: string): string => `tenant:${tenantId}`;

export interface TenantLifecycleArgs {
  tenantId: string;
  name: string | null;
  email: string | null;
  config: LifecycleConfig;
  trialPlan: PlanSnapshot;
  freePlan: PlanSnapshot;
  /** Set only by continue-as-new: the state and the inputs not yet applied. */
  carried?: { state: TenantState; inbox: LifecycleInput[] };
}

export interface RegisterInput { name?: string | null; email?: string | null }
export interface ChangePlanInput { plan: PlanSnapshot; direction: 'upgrade' | 'downgrade'; gaugeUsage: Partial<Record<MetricName, number>> }
export interface CancelInput { reason: string | null }

export const stripeEventSignal = defineSignal<[NormalizedStripeEvent]>('stripeEvent');
export const adminActionSignal = defineSignal<[AdminAction]>('adminAction');

/** Answers once the tenant's first projection is written; repeated calls are harmless. */
export const registerUpdate = defineUpdate<TenantState, [RegisterInput]>('register');
export const changePlanUpdate = defineUpdate<TenantState, [ChangePlanInput]>('changePlan');
export const cancelUpdate = defineUpdate<TenantState, [CancelInput]>('cancel');
export const reactivateUpdate = defineUpdate<TenantState, []>('reactivate');
export const cancelPendingChangeUpdate = defineUpdate<TenantState, []>('cancelPendingChange');
/** Admin overrides with an answer (suspend, lock, extend trial, override limits...). */
export const adminUpdate = defineUpdate<TenantState, [AdminAction]>('admin');

export const stateQuery = defineQuery<TenantState>('state');
