import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { AdminAction, BillingContact, Command, ImportedTenant, LifecycleConfig, LifecycleInput, NormalizedStripeEvent, TenantState } from '../domain/lifecycle/index.js';
import type { BillingInterval, PlanSnapshot } from '../domain/plans/types.js';

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
  /** Set by `tenure backfill <file>`: the tenant starts in this state instead of a fresh trial (dropped on continue-as-new). */
  imported?: ImportedTenant;
  /**
   * Set only by continue-as-new: the state, the inputs not yet applied, and the side effects waiting
   * for a repair (absent in runs carried over before it existed: read as none).
   */
  carried?: { state: TenantState; inbox: LifecycleInput[]; attention?: Attention | null };
}

/** One activity that failed for good (a retry could not fix it): what an operator must look at. */
export interface CommandFailure { activity: string; code: string; message: string; at: number }

/**
 * Why a lifecycle needs an operator: its side effects that failed for good, and the commands held
 * back until `repair` (the failed ones and those queued behind them, in order). The lifecycle keeps
 * applying input meanwhile. `reason` is the NeedsAttention search attribute: `<activity>: <code>`.
 */
export interface Attention { reason: string; since: number; failures: CommandFailure[]; pending: Command[] }

/** What `reproject` and `repair` answer: the live state, and what still waits for a repair (null: nothing). */
export interface LifecycleHealth { state: TenantState; attention: Attention | null }

export interface RegisterInput { name?: string | null; email?: string | null }
/** `plan.stripePriceId` is the price to move to; `interval` is how often it bills (absent in requests from before annual billing). */
export interface ChangePlanInput { plan: PlanSnapshot; direction: 'upgrade' | 'downgrade'; gaugeUsage: Record<string, number>; interval?: BillingInterval }
export interface CancelInput { reason: string | null }
/** A plan migration of this tenant: `plan` is the target version's snapshot (same plan id). */
export interface MigratePlanInput { migrationId: string; plan: PlanSnapshot; effective: 'now' | 'period_end'; gaugeUsage: Record<string, number>; force: boolean }
/** The whole billing contact (PUT semantics: what is left out is cleared). */
export type UpdateContactInput = BillingContact;

export const stripeEventSignal = defineSignal<[NormalizedStripeEvent]>('stripeEvent');
export const adminActionSignal = defineSignal<[AdminAction]>('adminAction');

/** Answers once the tenant's first projection is written; repeated calls are harmless. */
export const registerUpdate = defineUpdate<TenantState, [RegisterInput]>('register');
export const changePlanUpdate = defineUpdate<TenantState, [ChangePlanInput]>('changePlan');
/** Moves the tenant to another version of its plan (a plan migration); refused with a code (SAME_PLAN when already there). */
export const migratePlanUpdate = defineUpdate<TenantState, [MigratePlanInput]>('migratePlan');
export const cancelUpdate = defineUpdate<TenantState, [CancelInput]>('cancel');
export const reactivateUpdate = defineUpdate<TenantState, []>('reactivate');
export const cancelPendingChangeUpdate = defineUpdate<TenantState, []>('cancelPendingChange');
/** The tenant owner's billing contact: the Stripe customer is updated first, then the state. */
export const updateContactUpdate = defineUpdate<TenantState, [UpdateContactInput]>('updateContact');
/** Admin overrides with an answer (suspend, lock, extend trial, override limits...). */
export const adminUpdate = defineUpdate<TenantState, [AdminAction]>('admin');

/** Persists the projection and syncs enforcement again from the workflow's state (a lost `tenants` row). */
export const reprojectUpdate = defineUpdate<LifecycleHealth, []>('reproject');
/** Runs the commands held back by a permanent failure again, in order; clears NeedsAttention when they all succeed. */
export const repairUpdate = defineUpdate<LifecycleHealth, []>('repair');

export const stateQuery = defineQuery<TenantState>('state');
/** What waits for a repair, or null. */
export const attentionQuery = defineQuery<Attention | null>('attention');
