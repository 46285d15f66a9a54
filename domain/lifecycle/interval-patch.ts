// Issue 13 (annual billing): subscriptions record their billing interval. A workflow run whose history
// predates that (the workflow decides with patched('subscription-interval')) drops the interval from
// its inputs, so the state it replays to is the one it had.
import type { LifecycleInput } from './types.js';

/** The input without the billing interval annual billing added (for runs from before it); otherwise unchanged. */
export function withoutInterval(input: LifecycleInput): LifecycleInput {
  if (input.kind === 'changePlan') {
    const { interval: _i, subscription, ...rest } = input;
    return subscription === undefined ? rest : { ...rest, subscription: stripInterval(subscription) };
  }
  if (input.kind === 'stripe' && input.event.subscription !== undefined) {
    return { ...input, event: { ...input.event, subscription: stripInterval(input.event.subscription) } };
  }
  return input;
}

function stripInterval<T extends { interval?: unknown }>(snapshot: T): Omit<T, 'interval'> {
  const { interval: _i, ...rest } = snapshot;
  return rest;
}
