// A new tenant: on trial with the trial plan's entitlements, usage periods anchored on its creation time.
import { upgradePlanSnapshot } from '../entitlements/legacy.js';
import { importedState } from './imported-state.js';
import { createdTransition, newTenantState } from './new-tenant.js';
import { periodContaining } from './periods.js';
import type { InitialStateInput, Transition } from './types.js';

/** Builds the first state and its commands (tenant.created, enforcement, projection); version 1. An imported tenant starts as imported. */
export function initialState(input: InitialStateInput): Transition {
  if (input.imported) return importedState(input, input.imported);
  const { now, config } = input;
  // Workflows started before entitlements were given snapshots with `limits`.
  const hasTrial = config.trialPeriodMs > 0;
  const state = newTenantState(input, {
    createdAt: now,
    plan: upgradePlanSnapshot(hasTrial ? input.trialPlan : input.freePlan),
    trial: hasTrial ? { startedAt: now, endsAt: now + config.trialPeriodMs, remindersSent: [] } : null,
    trialEndedAt: hasTrial ? null : now,
    usagePeriod: periodContaining(now, now),
    usageAnchor: now,
    customerId: null,
  });
  return createdTransition(state, now);
}
