// A Step is the scratchpad of one reduce call: the next state (replaced immutably, never mutated in
// place), the events to publish and the side effects to request. `finish` turns it into commands.
import { billingEvent, type BillingEventType, type EventPayload } from '../events.js';
import type { Command, Period, TenantState, Transition } from './types.js';

export interface Step {
  readonly before: TenantState;
  state: TenantState;
  /** The step's clock: event times. A catching-up tick moves it through each deadline in turn. */
  now: number;
  /** Base of every event id this step publishes: a Stripe event id, or `v{newVersion}`. */
  readonly discriminator: string;
  events: Command[];
  reset: Command | null;
  enforce: boolean;
  /** True once a projected field changed; bookkeeping alone (see `record`) does not set it. */
  changed: boolean;
}

/** Opens a step; event ids derive from `discriminator`, defaulting to the version this step would write. */
export function openStep(state: TenantState, now: number, discriminator?: string): Step {
  return {
    before: state,
    state,
    now,
    discriminator: discriminator ?? `v${state.version + 1}`,
    events: [],
    reset: null,
    enforce: false,
    changed: false,
  };
}

/** Replaces top-level fields of the projected state. */
export function patch(step: Step, fields: Partial<TenantState>): void {
  step.state = { ...step.state, ...fields };
  step.changed = true;
}

/** Replaces bookkeeping fields (idempotency records) without counting as a change. */
export function record(step: Step, fields: Partial<TenantState>): void {
  step.state = { ...step.state, ...fields };
}

/** Queues a billing event with a deterministic id (a repeated type in one step gets a suffix). */
export function emit<T extends BillingEventType>(step: Step, type: T, data: EventPayload<T>): void {
  const sameType = step.events.filter((c) => c.type === 'publishEvent' && c.event.type === type).length;
  const discriminator = sameType === 0 ? step.discriminator : `${step.discriminator}.${sameType}`;
  const event = billingEvent(step.state.tenantId, type, discriminator, step.now, data);
  step.events.push({ type: 'publishEvent', event });
}

/** Marks that limits or access may have changed, so enforcement must be re-synced. */
export function enforce(step: Step): void {
  step.enforce = true;
}

/** Requests the usage reset at a period boundary. */
export function resetUsage(step: Step, period: Period, nextPeriod: Period): void {
  step.reset = { type: 'resetUsage', period, nextPeriod };
}

/**
 * Ends the step. Command order: persistProjection first (commit the record), then syncEnforcement,
 * then resetUsage, then publishEvent in the order the events happened - side effects and
 * notifications follow the commit, so a consumer reacting to an event reads the new state. At a
 * period boundary the switch to the new period comes before the archive, so no consume lands in the
 * old period's counters once they are read for the summary.
 */
export function finish(step: Step): Transition {
  const effective = step.changed || step.events.length > 0 || step.reset !== null || step.enforce;
  if (!effective) return { state: step.state, commands: [] };
  const state = { ...step.state, version: step.before.version + 1 };
  const commands: Command[] = [{ type: 'persistProjection' }];
  if (step.enforce) commands.push({ type: 'syncEnforcement' });
  if (step.reset) commands.push(step.reset);
  return { state, commands: [...commands, ...step.events] };
}
