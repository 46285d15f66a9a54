// The latest snapshot of every subscription the tenant has had, and the rule that picks the current
// one. Because the choice is a function of the stored set (not of delivery order), snapshots that
// arrive shuffled or duplicated converge to the same current subscription.
import { isLiveStatus } from './access.js';
import { recordSettlement } from './dunning.js';
import { record, type Step } from './step.js';
import type { ObjectVersion, StoredSubscription, SubscriptionState, TenantState } from './types.js';

const MAX_STORED_SUBSCRIPTIONS = 20;
/** Statuses after which Stripe never bills the subscription again. */
const TERMINAL_STATUSES = ['canceled', 'incomplete_expired'];

/**
 * True when `candidate` supersedes `stored`: a later `created` wins; on equal `created` the
 * lexicographically greater event id wins, so ties resolve the same way in every delivery order.
 */
export function isNewer(candidate: ObjectVersion, stored: ObjectVersion | undefined): boolean {
  if (stored === undefined) return true;
  if (candidate.created !== stored.created) return candidate.created > stored.created;
  return candidate.eventId > stored.eventId;
}

const NEVER: ObjectVersion = { created: -Infinity, eventId: '' };

/** The current subscription: the newest live one, else the newest of any status, else null. */
export function chooseSubscription(state: TenantState): StoredSubscription | null {
  const versionOf = (s: StoredSubscription): ObjectVersion => state.stripe.objectVersions[s.id] ?? NEVER;
  const all = Object.values(state.stripe.subscriptions);
  const live = all.filter((s) => isLiveStatus(s.status));
  const pool = live.length > 0 ? live : all;
  // A maximum under a total order, so the storage (insertion) order does not matter.
  return pool.reduce<StoredSubscription | null>((best, s) => (best === null || isNewer(versionOf(s), versionOf(best)) ? s : best), null);
}

/** The projection of a stored snapshot that TenantState.subscription exposes. */
export function projectSubscription(s: StoredSubscription): SubscriptionState {
  return {
    id: s.id,
    customerId: s.customerId,
    status: s.status,
    planId: s.planId,
    priceId: s.priceId,
    ...(s.interval === undefined ? {} : { interval: s.interval }),
    currentPeriodStart: s.currentPeriodStart,
    currentPeriodEnd: s.currentPeriodEnd,
    cancelAtPeriodEnd: s.cancelAtPeriodEnd,
    cancelReason: s.cancelReason,
    canceledAt: s.canceledAt,
  };
}

function pruned(state: TenantState, subscriptions: TenantState['stripe']['subscriptions']): TenantState['stripe']['subscriptions'] {
  const ids = Object.keys(subscriptions);
  if (ids.length <= MAX_STORED_SUBSCRIPTIONS) return subscriptions;
  const byAge = ids.sort((a, b) => (state.stripe.objectVersions[a]?.created ?? 0) - (state.stripe.objectVersions[b]?.created ?? 0));
  const oldestEnded = byAge.find((id) => !isLiveStatus(subscriptions[id]?.status ?? ''));
  if (oldestEnded === undefined) return subscriptions;
  const { [oldestEnded]: _dropped, ...rest } = subscriptions;
  return rest;
}

/**
 * Stores a snapshot unless a newer one of the same subscription is already stored (returns false).
 * `force` is for Tenure's own changes, which are authoritative when made. A terminal snapshot also
 * settles the subscription's dunning account: an ended subscription is no longer owed.
 */
export function storeSubscription(step: Step, snapshot: StoredSubscription, version: ObjectVersion, force = false): boolean {
  const stripe = step.state.stripe;
  if (!force && !isNewer(version, stripe.objectVersions[snapshot.id])) return false;
  const objectVersions = { ...stripe.objectVersions, [snapshot.id]: version };
  const withVersion: TenantState = { ...step.state, stripe: { ...stripe, objectVersions } };
  const subscriptions = pruned(withVersion, { ...stripe.subscriptions, [snapshot.id]: snapshot });
  record(step, { stripe: { ...stripe, objectVersions, subscriptions } });
  if (TERMINAL_STATUSES.includes(snapshot.status)) recordSettlement(step, snapshot.id, version.created);
  return true;
}

/** The version stamped on Tenure's own change: never older than what is stored, winning ties. */
export function localVersion(step: Step, subscriptionId: string): ObjectVersion {
  const stored = step.state.stripe.objectVersions[subscriptionId];
  return { created: Math.max(step.now, stored?.created ?? step.now), eventId: `~local:${step.discriminator}` };
}
