import type Stripe from 'stripe';
import { markStripeEvent, recordStripeEvent } from '../../db/queries/stripe-events.js';
import { TenureError } from '../../domain/errors.js';
import { toStorableText } from '../../domain/text.js';
import { duplicateSubscriptionOf } from '../../domain/stripe/duplicate-subscription.js';
import { isHandledEventType, normalizeStripeEvent, type RawStripeEvent } from '../../domain/stripe/normalize.js';
import type { ServiceDeps } from '../deps.js';
import { lifecycleArgs } from '../lifecycle/lifecycle-args.js';
import { signalStripeEvent } from '../lifecycle/lifecycle-client.js';
import { cancelDuplicateSubscription } from './cancel-duplicate-subscription.js';
import { fetchWebhookContext } from './webhook-context.js';

export type WebhookOutcome = 'forwarded' | 'orphan' | 'ignored' | 'duplicate';
/** metrics is absent when the CLI replays an event (it counts nothing). */
export type WebhookDeps = Pick<ServiceDeps, 'db' | 'stripe' | 'temporal' | 'config' | 'log'> & { metrics?: ServiceDeps['metrics'] };

const SIGNATURE_TOLERANCE_S = 300;

/**
 * Verifies the signature over the raw body; a bad, missing or stale one stores nothing. The event
 * comes back with any U+0000 or lone surrogate replaced by U+FFFD: Postgres could not store it, and a
 * signed delivery refused forever would be lost, so the inbox and the workflow get storable text.
 */
export function verifyStripeEvent(deps: Pick<ServiceDeps, 'stripe' | 'config'>, rawBody: Buffer, signature: string | undefined): Stripe.Event {
  if (!signature) throw new TenureError('INVALID_SIGNATURE', 'missing Stripe-Signature header');
  let event: Stripe.Event;
  try {
    event = deps.stripe.webhooks.constructEvent(rawBody, signature, deps.config.stripe.webhookSecret, SIGNATURE_TOLERANCE_S);
  } catch (err) {
    throw new TenureError('INVALID_SIGNATURE', `invalid Stripe signature: ${(err as Error).message.split('\n')[0]}`);
  }
  return toStorableText(event);
}

/** What became of one event; `reason` says why an `ignored` event was not forwarded. */
export interface WebhookResult { outcome: WebhookOutcome; tenantId: string | null; reason?: IgnoredReason }
export type IgnoredReason = 'unhandled_type' | 'lifecycle_ended' | 'duplicate_subscription' | 'tenant_closed';

/**
 * The webhook use case: record once in the inbox, then look up (tenant, subscription, plan),
 * normalize, and signal the tenant's workflow. A failing dependency (Postgres, Stripe, Temporal)
 * answers 503 and leaves the row `received`, so Stripe's retry resumes it; the workflow ignores
 * event ids it has applied, so nothing is applied twice. An `orphan` is processed again when it is
 * redelivered (its tenant may be known by now); anything else already stored is a duplicate.
 */
export async function receiveStripeEvent(deps: WebhookDeps, event: Stripe.Event): Promise<WebhookResult> {
  const raw = event as unknown as RawStripeEvent;
  const existing = await unavailableOnFailure(deps, event.id, null, () => recordStripeEvent(deps.db, {
    id: event.id, type: event.type, stripeCreatedAt: new Date(event.created * 1000), payload: raw as unknown as Record<string, unknown>,
  }));
  if (existing && existing.status !== 'received' && existing.status !== 'orphan') return { outcome: 'duplicate', tenantId: existing.tenantId };
  return forwardStoredEvent(deps, raw);
}

/** Looks the event's tenant up and signals its lifecycle; the event is already in the inbox. */
export async function forwardStoredEvent(deps: WebhookDeps, raw: RawStripeEvent): Promise<WebhookResult> {
  if (!isHandledEventType(raw.type)) {
    await markStripeEvent(deps.db, raw.id, 'ignored', { reason: 'unhandled_type' });
    return { outcome: 'ignored', tenantId: null, reason: 'unhandled_type' };
  }
  const { tenant, context } = await unavailableOnFailure(deps, raw.id, null, () => fetchWebhookContext(deps, raw));
  if (!tenant) {
    await markStripeEvent(deps.db, raw.id, 'orphan');
    return { outcome: 'orphan', tenantId: null };
  }
  if (tenant.status === 'closed') {
    // The account was closed on purpose and its lifecycle has ended: the event is kept, with why.
    deps.log.info({ eventId: raw.id, type: raw.type, tenantId: tenant.tenantId }, 'stripe webhook: the tenant is closed; event ignored');
    await markStripeEvent(deps.db, raw.id, 'ignored', { tenantId: tenant.tenantId, error: null, reason: 'tenant_closed' });
    return { outcome: 'ignored', tenantId: tenant.tenantId, reason: 'tenant_closed' };
  }
  const normalized = normalizeStripeEvent(raw, context);
  if (!normalized) throw new TenureError('INTERNAL', `handled event type ${raw.type} did not normalize`);
  const duplicate = duplicateSubscriptionOf({ id: tenant.stripeSubscriptionId, status: tenant.subscriptionStatus }, normalized);
  if (duplicate !== null) {
    const planId = 'subscription' in normalized ? (normalized.subscription?.planId ?? null) : null;
    await unavailableOnFailure(deps, raw.id, tenant.tenantId, () => cancelDuplicateSubscription(deps, tenant, duplicate, planId));
    await markStripeEvent(deps.db, raw.id, 'ignored', { tenantId: tenant.tenantId, error: null, reason: 'duplicate_subscription' });
    return { outcome: 'ignored', tenantId: tenant.tenantId, reason: 'duplicate_subscription' };
  }
  const delivered = await unavailableOnFailure(deps, raw.id, tenant.tenantId, async () => {
    const args = await lifecycleArgs(deps, tenant.tenantId, tenant.name, tenant.email);
    return signalStripeEvent(deps, args, normalized);
  });
  if (delivered === 'lifecycle_ended') {
    // A closed lifecycle is not restarted as a fresh trial: the event is kept, with why, for an operator.
    deps.log.warn({ eventId: raw.id, type: raw.type, tenantId: tenant.tenantId }, 'stripe webhook: the tenant\'s lifecycle has ended; event ignored');
    await markStripeEvent(deps.db, raw.id, 'ignored', { tenantId: tenant.tenantId, error: null, reason: 'lifecycle_ended' });
    return { outcome: 'ignored', tenantId: tenant.tenantId, reason: 'lifecycle_ended' };
  }
  await markStripeEvent(deps.db, raw.id, 'forwarded', { tenantId: tenant.tenantId, error: null, reason: null });
  return { outcome: 'forwarded', tenantId: tenant.tenantId };
}

// Any failure of a step that needs a dependency is a 503: Stripe retries the delivery later. The
// inbox row keeps the reason when Postgres can still store it.
async function unavailableOnFailure<T>(deps: WebhookDeps, eventId: string, tenantId: string | null, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (err) {
    if (err instanceof TenureError && err.code === 'PLAN_NOT_FOUND') throw err;
    deps.log.error({ err, eventId, tenantId }, 'stripe webhook: a dependency failed; Stripe will retry');
    await markStripeEvent(deps.db, eventId, 'received', { tenantId, error: (err as Error).message.slice(0, 500) }).catch(() => undefined);
    throw new TenureError('DEPENDENCY_UNAVAILABLE', 'a dependency is unavailable; retry later');
  }
}
