import type Stripe from 'stripe';
import { TenureError } from '../../domain/errors.js';
import { hasLiveSubscription, type TenantState } from '../../domain/lifecycle/index.js';
import { closed } from '../../domain/lifecycle/validate-admin.js';
import { assignedTrialEnd, collectionParams } from '../../domain/plans/invoicing.js';
import { toPlanSnapshot, type Plan } from '../../domain/plans/types.js';
import { versionOf } from '../../domain/plans/versions.js';
import { normalizeStripeEvent } from '../../domain/stripe/normalize.js';
import { reconcileEvent } from '../../domain/stripe/subscription-drift.js';
import { ensureCustomer } from '../billing/ensure-customer.js';
import type { ServiceDeps } from '../deps.js';
import { lifecycleArgs } from '../lifecycle/lifecycle-args.js';
import { requireLifecycleState, signalStripeEvent } from '../lifecycle/lifecycle-client.js';
import { findPlanForTenant } from '../plans/plan-catalog.js';
import { findPlanVersion } from '../plans/plan-versions.js';
import { callStripe } from '../stripe/call-stripe.js';
import { automaticTaxParams } from '../stripe/subscription-changes.js';
import { runAudited, type AdminDeps } from './apply-admin-action.js';
import { verifyAdminPassword } from './passwords.js';

// Enterprise onboarding (issue 13, item 4): an admin puts a tenant on a plan without a card checkout.
// Tenure creates the Stripe subscription (invoiced for a manualInvoicing plan) and hands Stripe's
// answer to the lifecycle as the customer.subscription.created webhook would, so the reducer decides.

/** `version`: the plan version to subscribe to; absent, the latest. */
export interface AssignPlanInput { planId: string; version?: number; effective: 'now' | 'period_end'; password?: string; reason?: string }

export interface AssignedSubscription {
  id: string; status: string; planId: string; priceId: string;
  collectionMethod: string; daysUntilDue: number | null; trialEnd: string | null;
}

export type AssignPlanDeps = AdminDeps & Pick<ServiceDeps, 'redis'>;

/** Assigns a plan to a tenant that has no live subscription, re-authenticating the admin; audited like the overrides. */
export async function assignPlan(deps: AssignPlanDeps, tenantId: string, adminId: string, input: AssignPlanInput): Promise<AssignedSubscription> {
  const entry = { adminId, tenantId, action: 'assignPlan', reason: input.reason ?? null, details: { planId: input.planId, effective: input.effective, ...(input.version === undefined ? {} : { version: input.version }) } };
  return runAudited(deps, entry, async () => {
    await verifyAdminPassword(deps.db, adminId, input.password);
    const { plan, state } = await assignmentTarget(deps, tenantId, input);
    const subscription = await createSubscription(deps, plan, state, input, adminId);
    const event = normalizeStripeEvent(reconcileEvent(subscription as unknown as Record<string, unknown> & { id: string }, Date.now(), `assign_${subscription.id}`), { plan: toPlanSnapshot(plan), interval: 'month' });
    await signalStripeEvent(deps, await lifecycleArgs(deps, tenantId, state.name, state.email), event!);
    return assignedView(subscription, plan);
  }, (assigned) => ({ subscriptionId: assigned.id, collectionMethod: assigned.collectionMethod }));
}

async function assignmentTarget(deps: AssignPlanDeps, tenantId: string, input: AssignPlanInput): Promise<{ plan: Plan; state: TenantState }> {
  const latest = await findPlanForTenant(deps, input.planId, tenantId);
  if (!latest) throw new TenureError('PLAN_NOT_FOUND', `plan ${input.planId} not found`, { planId: input.planId });
  // An earlier version is subscribed to with its own terms (PLAN_NOT_FOUND when the plan has no such version).
  const plan = input.version === undefined || input.version === versionOf(latest) ? latest : await findPlanVersion(deps, latest.id, input.version);
  if (!plan.stripePriceId) throw new TenureError('VALIDATION_FAILED', `plan ${plan.id} has no Stripe price to subscribe to (set stripePriceId)`, { planId: plan.id });
  const state = await requireLifecycleState(deps, tenantId);
  if (state.status === 'closed' || state.closure !== null) throw closed(state);
  if (hasLiveSubscription(state)) {
    throw new TenureError('CONFLICT', 'the tenant already has a subscription: change it with upgrade or downgrade, or let it end first', { subscriptionId: state.subscription!.id });
  }
  return { plan, state };
}

// The idempotency key names the tenant, the plan, the timing and the state version: a repeat of the same
// request (a retry after a lost answer) gets the same subscription back from Stripe instead of a second one.
async function createSubscription(deps: AssignPlanDeps, plan: Plan, state: TenantState, input: AssignPlanInput, adminId: string): Promise<Stripe.Subscription> {
  const customer = await ensureCustomer(deps, state.tenantId, state.email, state.name);
  const trialEnd = assignedTrialEnd(input.effective, state.trial?.endsAt ?? null, Date.now());
  const metadata = { tenantId: state.tenantId, planId: plan.id, assignedBy: adminId };
  return callStripe(deps.log, 'create the assigned subscription', () => deps.stripe.subscriptions.create({
    customer,
    items: [{ price: plan.stripePriceId! }],
    metadata,
    ...collectionParams(plan),
    ...(trialEnd === null ? {} : { trial_end: trialEnd }),
    ...automaticTaxParams(deps.config.stripe.automaticTax),
  }, { idempotencyKey: `tenure:assign-plan:${state.tenantId}:${plan.id}:${versionOf(plan)}:${input.effective}:${state.version}` }));
}

function assignedView(subscription: Stripe.Subscription, plan: Plan): AssignedSubscription {
  return {
    id: subscription.id, status: subscription.status, planId: plan.id, priceId: plan.stripePriceId!,
    collectionMethod: subscription.collection_method, daysUntilDue: subscription.days_until_due ?? null,
    trialEnd: subscription.trial_end ? new Date(subscription.trial_end * 1000).toISOString() : null,
  };
}
